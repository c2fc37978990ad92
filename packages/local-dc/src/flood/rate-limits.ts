/**
 * The two shapes of limit Telegram's bot limits come in (core.telegram.org/bots/faq, "My bot is
 * hitting limits"): a token bucket for "about one per second, short bursts pass", and a sliding window
 * for "at most N per period". Both are pure: the time comes in as an argument, so a test drives them
 * with a fake clock.
 *
 * Each answers the same two questions: how long until `cost` more events are allowed
 * ({@link RateLimit.waitMs}, 0 when they are allowed now), and "they happened" ({@link RateLimit.take}).
 * The wait is exact, not a guess: after waiting it, the same request passes.
 */
export interface RateLimit {
  /** Milliseconds until `cost` events fit, 0 when they fit now. */
  waitMs(nowMs: number, cost?: number): number;
  /** Records `cost` events at `nowMs` (callers check {@link waitMs} first). */
  take(nowMs: number, cost?: number): void;
  /** True when the limit is back to its initial state at `nowMs` (it can be forgotten). */
  idle(nowMs: number): boolean;
}

/** A token bucket: holds up to `burst` tokens, one event costs one, refills `perSecond` tokens a second. */
export interface TokenBucketOptions {
  readonly burst: number;
  readonly perSecond: number;
}

/** A sliding window: at most `limit` events in any `windowMs` milliseconds. */
export interface SlidingWindowOptions {
  readonly limit: number;
  readonly windowMs: number;
}

export class TokenBucket implements RateLimit {
  private tokens: number;
  private updatedAt: number | undefined;

  constructor(private readonly options: TokenBucketOptions) {
    checkPositive('burst', options.burst);
    checkPositive('perSecond', options.perSecond);
    this.tokens = options.burst;
  }

  waitMs(nowMs: number, cost = 1): number {
    const needed = Math.min(cost, this.options.burst) - this.tokensAt(nowMs);
    return needed <= 0 ? 0 : Math.ceil((needed * 1000) / this.options.perSecond);
  }

  take(nowMs: number, cost = 1): void {
    this.tokens = this.tokensAt(nowMs) - Math.min(cost, this.options.burst);
    this.updatedAt = nowMs;
  }

  idle(nowMs: number): boolean {
    return this.tokensAt(nowMs) >= this.options.burst;
  }

  private tokensAt(nowMs: number): number {
    if (this.updatedAt === undefined) return this.tokens;
    const refilled = (Math.max(0, nowMs - this.updatedAt) * this.options.perSecond) / 1000;
    return Math.min(this.options.burst, this.tokens + refilled);
  }
}

export class SlidingWindow implements RateLimit {
  /** Times of the events still inside the window, oldest first. */
  private readonly times: number[] = [];

  constructor(private readonly options: SlidingWindowOptions) {
    checkPositive('limit', options.limit);
    checkPositive('windowMs', options.windowMs);
  }

  waitMs(nowMs: number, cost = 1): number {
    this.forget(nowMs);
    const excess = this.times.length + Math.min(cost, this.options.limit) - this.options.limit;
    if (excess <= 0) return 0;
    // The excess oldest events must leave the window: the last of them leaves at its time + windowMs.
    return this.times[excess - 1]! + this.options.windowMs - nowMs;
  }

  take(nowMs: number, cost = 1): void {
    this.forget(nowMs);
    for (let index = 0; index < Math.min(cost, this.options.limit); index++) this.times.push(nowMs);
  }

  idle(nowMs: number): boolean {
    this.forget(nowMs);
    return this.times.length === 0;
  }

  private forget(nowMs: number): void {
    let expired = 0;
    while (expired < this.times.length && this.times[expired]! + this.options.windowMs <= nowMs) expired++;
    if (expired > 0) this.times.splice(0, expired);
  }
}

function checkPositive(name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a positive number`);
}
