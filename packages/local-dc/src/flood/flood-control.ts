/**
 * Telegram's flood limits for bots (core.telegram.org/bots/faq, "My bot is hitting limits, how do I
 * avoid this?"): about 30 messages a second overall, about one message a second in one private chat
 * (short bursts pass), at most 20 messages a minute in one group. Past a limit the call gets
 * `420 FLOOD_WAIT_X` (core.telegram.org/api/errors#420-flood), X being the seconds until the limit
 * really lets the next message through, rounded up: a bot that waits X seconds and retries succeeds.
 *
 * Edits: Telegram publishes no number for them and does not count them against the message limits
 * (bots edit live counters and progress bars); they do get FLOOD_WAIT when overdone. Here an edit
 * counts against its own per-chat bucket ({@link FloodLimitsOptions.editsPerChat}, looser than the
 * messages one) and not against the message limits.
 *
 * Only bots are limited; users are played by the control API, which is never refused for speed.
 */
import { RpcError } from 'telegram-mtproto-core';
import {
  SlidingWindow,
  TokenBucket,
  type RateLimit,
  type SlidingWindowOptions,
  type TokenBucketOptions,
} from './rate-limits';

/** The limits, each switchable off with `false`. */
export interface FloodLimitsOptions {
  /** Messages a bot sends, every chat together. Default 30 in any 1000 ms. */
  readonly perBot?: SlidingWindowOptions | false;
  /** Messages a bot sends to one private chat. Default a burst of 3, then 1 a second. */
  readonly privateChat?: TokenBucketOptions | false;
  /** Messages a bot sends to one group, supergroup or channel. Default 20 in any 60 s. */
  readonly group?: SlidingWindowOptions | false;
  /** Edits of a bot's messages in one chat. Default a burst of 10, then 2 a second. */
  readonly editsPerChat?: TokenBucketOptions | false;
}

export const DEFAULT_FLOOD_LIMITS: Required<FloodLimitsOptions> = {
  perBot: { limit: 30, windowMs: 1000 },
  privateChat: { burst: 3, perSecond: 1 },
  group: { limit: 20, windowMs: 60_000 },
  editsPerChat: { burst: 10, perSecond: 2 },
};

/** What a call asks of the limits: `count` messages (or edits) to one chat. */
export interface FloodCharge {
  readonly botId: bigint;
  readonly kind: 'message' | 'edit';
  readonly chat: { readonly type: 'private' | 'group'; readonly id: bigint };
  /** Messages in the call (forwardMessages of 5 ids is 5). Default 1. */
  readonly count?: number;
}

/** Every this many checks, limits back at their initial state are forgotten. */
const SWEEP_EVERY = 1024;

/**
 * The flood limits of every bot, on one clock (milliseconds). {@link FloodControl.check} throws
 * FLOOD_WAIT_X for a call past a limit; {@link FloodControl.record} counts a call that went through.
 *
 * @example
 * ```ts
 * const flood = new FloodControl({ privateChat: { burst: 1, perSecond: 1 } }, clock);
 * const charge = { botId, kind: 'message', chat: { type: 'private', id: userId } } as const;
 * flood.check(charge); flood.record(charge);
 * flood.check(charge); // throws RpcError 420 FLOOD_WAIT_1
 * ```
 */
export class FloodControl {
  private limits: Required<FloodLimitsOptions>;
  private enabled: boolean;
  private readonly buckets = new Map<string, RateLimit>();
  private readonly forced = new Map<bigint, number>();
  private checks = 0;

  constructor(
    options: FloodLimitsOptions | false = {},
    private readonly clock: { now(): number },
  ) {
    this.enabled = options !== false;
    this.limits = withDefaults(options);
  }

  /** Replaces the limits (`false`: none at all) and forgets what was counted. */
  configure(options: FloodLimitsOptions | false): void {
    this.enabled = options !== false;
    this.limits = withDefaults(options);
    this.buckets.clear();
  }

  /** The limits in force; undefined when flood limits are off. */
  get current(): Required<FloodLimitsOptions> | undefined {
    return this.enabled ? this.limits : undefined;
  }

  /** The next call of `botId`, whatever it is, gets FLOOD_WAIT_`seconds` (fault injection). */
  forceFloodWait(botId: bigint, seconds: number): void {
    if (!Number.isSafeInteger(seconds) || seconds < 0)
      throw new RangeError('seconds must be an integer >= 0');
    this.forced.set(botId, seconds);
  }

  /** Throws the forced FLOOD_WAIT of `accountId`, once, if one is set. */
  takeForced(accountId: bigint): void {
    const seconds = this.forced.get(accountId);
    if (seconds === undefined) return;
    this.forced.delete(accountId);
    throw floodWait(seconds);
  }

  /** Throws 420 FLOOD_WAIT_X when the call does not fit every limit it falls under. */
  check(charge: FloodCharge): void {
    if (!this.enabled) return;
    if (++this.checks % SWEEP_EVERY === 0) this.sweep();
    const now = this.clock.now();
    const count = charge.count ?? 1;
    let waitMs = 0;
    for (const limit of this.limitsOf(charge)) waitMs = Math.max(waitMs, limit.waitMs(now, count));
    if (waitMs > 0) throw floodWait(Math.ceil(waitMs / 1000));
  }

  /** Counts a call that went through. */
  record(charge: FloodCharge): void {
    if (!this.enabled) return;
    const now = this.clock.now();
    for (const limit of this.limitsOf(charge)) limit.take(now, charge.count ?? 1);
  }

  private limitsOf(charge: FloodCharge): RateLimit[] {
    const chat = `${charge.chat.type}:${charge.chat.id}`;
    const limits: Array<RateLimit | undefined> = [];
    if (charge.kind === 'edit') {
      limits.push(this.bucket(`${charge.botId}/edit/${chat}`, this.limits.editsPerChat, tokenBucket));
    } else {
      limits.push(this.bucket(`${charge.botId}/all`, this.limits.perBot, slidingWindow));
      if (charge.chat.type === 'private') {
        limits.push(this.bucket(`${charge.botId}/${chat}`, this.limits.privateChat, tokenBucket));
      } else {
        limits.push(this.bucket(`${charge.botId}/${chat}`, this.limits.group, slidingWindow));
      }
    }
    return limits.filter((limit): limit is RateLimit => limit !== undefined);
  }

  private bucket<O>(
    key: string,
    options: O | false,
    create: (options: O) => RateLimit,
  ): RateLimit | undefined {
    if (options === false) return undefined;
    let limit = this.buckets.get(key);
    if (limit === undefined) {
      limit = create(options);
      this.buckets.set(key, limit);
    }
    return limit;
  }

  /** Forgets limits that are back at their initial state, so many chats do not pile up buckets. */
  private sweep(): void {
    const now = this.clock.now();
    for (const [key, limit] of this.buckets) if (limit.idle(now)) this.buckets.delete(key);
  }
}

/** `420 FLOOD_WAIT_X` as Telegram sends it. */
export function floodWait(seconds: number): RpcError {
  return new RpcError(420, `FLOOD_WAIT_${seconds}`);
}

const tokenBucket = (options: TokenBucketOptions): RateLimit => new TokenBucket(options);
const slidingWindow = (options: SlidingWindowOptions): RateLimit => new SlidingWindow(options);

/** The limits of `options`, the default for each one left out (an `undefined` value is left out too). */
function withDefaults(options: FloodLimitsOptions | false): Required<FloodLimitsOptions> {
  const given = Object.entries(options || {}).filter(([, value]) => value !== undefined);
  return { ...DEFAULT_FLOOD_LIMITS, ...Object.fromEntries(given) };
}
