import { ConfigError, systemClock, type Clock } from 'telegram-mtproto-core';
import type { TaskKey } from '../concurrency/keyed-serial-executor';
import { SlidingWindow, checkRateWindow } from './sliding-window';

/**
 * What to do with an incoming update: `pass` it on, `drop` it silently, or `notify`: drop it but
 * answer the sender once ("slow down"). `notify` comes at most once per window per key.
 */
export type IncomingLimitOutcome = 'pass' | 'drop' | 'notify';

/** Options of {@link IncomingLimiter}. */
export interface IncomingLimiterOptions {
  /** Updates let through per key per window, e.g. 5. */
  limit: number;
  /** The window in milliseconds, e.g. 10_000 for "5 per 10 s". */
  windowMs: number;
  /** Over the limit: `drop` always, or `notify` once per window and drop the rest (default `drop`). */
  whenExceeded?: 'drop' | 'notify';
  /**
   * Most keys remembered (default 10,000). Keys quiet for a whole window are forgotten first; past the
   * bound the least recently seen key is forgotten (it starts afresh if it comes back).
   */
  maxKeys?: number;
  clock?: Clock;
}

/** Counters for metrics. */
export interface IncomingLimiterStats {
  readonly keys: number;
  readonly passed: number;
  readonly dropped: number;
  readonly notified: number;
}

interface KeyState {
  readonly window: SlidingWindow;
  lastSeen: number;
  notifiedAt: number | undefined;
}

/**
 * Limits incoming updates per user or per chat: "5 per 10 s" for each key, counted on an exact
 * sliding window. A flooding user is dropped (or answered once) without slowing anyone else: the check
 * is a map lookup and never waits. Only passed updates count, so a user who keeps flooding still gets
 * `limit` updates through per window.
 *
 * @example
 * ```ts
 * const limiter = new IncomingLimiter({ limit: 5, windowMs: 10_000, whenExceeded: 'notify' });
 * const outcome = limiter.check(update.senderId);
 * if (outcome === 'notify') await message.reply('Too many messages, wait a few seconds.');
 * if (outcome !== 'pass') return;
 * ```
 */
export class IncomingLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly whenExceeded: 'drop' | 'notify';
  private readonly maxKeys: number;
  private readonly clock: Clock;
  /** In order of last use (a Map keeps insertion order; a used key is moved to the end). */
  private readonly keys = new Map<string, KeyState>();
  private passed = 0;
  private dropped = 0;
  private notified = 0;

  constructor(options: IncomingLimiterOptions) {
    checkRateWindow(options, 'incoming limiter');
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.whenExceeded = options.whenExceeded ?? 'drop';
    if (this.whenExceeded !== 'drop' && this.whenExceeded !== 'notify') {
      throw new ConfigError(
        `incoming limiter: whenExceeded must be 'drop' or 'notify', got ${String(this.whenExceeded)}`,
      );
    }
    this.maxKeys = options.maxKeys ?? 10_000;
    if (!Number.isInteger(this.maxKeys) || this.maxKeys < 1) {
      throw new ConfigError(`incoming limiter: maxKeys must be a positive integer, got ${options.maxKeys}`);
    }
    this.clock = options.clock ?? systemClock;
  }

  /** Counts one update of `key` and says what to do with it. */
  check(key: TaskKey): IncomingLimitOutcome {
    const now = this.clock.now();
    this.forgetQuietKeys(now);
    const name = String(key);
    let state = this.keys.get(name);
    if (state === undefined) {
      state = {
        window: new SlidingWindow({ limit: this.limit, windowMs: this.windowMs }),
        lastSeen: now,
        notifiedAt: undefined,
      };
      if (this.keys.size >= this.maxKeys) this.keys.delete(this.keys.keys().next().value!);
    } else {
      this.keys.delete(name);
    }
    state.lastSeen = now;
    this.keys.set(name, state);
    if (state.window.nextAllowedAt(now) <= now) {
      state.window.record(now);
      this.passed++;
      return 'pass';
    }
    if (
      this.whenExceeded === 'notify' &&
      (state.notifiedAt === undefined || state.notifiedAt + this.windowMs <= now)
    ) {
      state.notifiedAt = now;
      this.notified++;
      return 'notify';
    }
    this.dropped++;
    return 'drop';
  }

  get stats(): IncomingLimiterStats {
    return { keys: this.keys.size, passed: this.passed, dropped: this.dropped, notified: this.notified };
  }

  /** Forgets keys unseen for a whole window: they hold nothing that could still limit them. */
  private forgetQuietKeys(now: number): void {
    for (const [name, state] of this.keys) {
      if (state.lastSeen + this.windowMs > now) break;
      this.keys.delete(name);
    }
  }
}
