import { ConfigError } from 'telegram-mtproto-core';

/** "At most `limit` events in any `windowMs` milliseconds", e.g. `{ limit: 20, windowMs: 60_000 }`. */
export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
}

/** Checks a {@link RateWindow} given by the user; `where` names it in the message. */
export function checkRateWindow(window: RateWindow, where: string): void {
  if (!Number.isInteger(window.limit) || window.limit < 1) {
    throw new ConfigError(`${where}: limit must be a positive integer, got ${window.limit}`);
  }
  if (!(window.windowMs > 0) || !Number.isFinite(window.windowMs)) {
    throw new ConfigError(
      `${where}: windowMs must be a positive number of milliseconds, got ${window.windowMs}`,
    );
  }
}

/**
 * An exact sliding window: it remembers the times of the last `limit` events (a ring buffer), and a
 * new event fits when the oldest of them is at least `windowMs` old. So no interval of `windowMs`
 * ever holds more than `limit` events: unlike a token bucket, which lets a full bucket plus its
 * refill through in one window (up to about twice the limit), which is exactly what earns a
 * FLOOD_WAIT from a server that counts per window. Memory is `limit` numbers.
 */
export class SlidingWindow {
  private readonly times: number[];
  private start = 0;
  private size = 0;

  constructor(readonly rule: RateWindow) {
    this.times = new Array<number>(rule.limit).fill(0);
  }

  /**
   * The earliest time, not before `now`, at which `count` more events fit (a count above the limit
   * is taken as the limit: such a call can never fit, the best is an empty window).
   */
  nextAllowedAt(now: number, count = 1): number {
    const limit = this.rule.limit;
    const over = this.size + Math.min(count, limit) - limit;
    if (over <= 0) return now;
    // The `over` oldest events must have left the window; the newest of them is the one to wait for.
    return Math.max(now, this.times[(this.start + over - 1) % limit]! + this.rule.windowMs);
  }

  /** Records `count` events at `now` (the caller checked {@link SlidingWindow.nextAllowedAt} first). */
  record(now: number, count = 1): void {
    for (let index = Math.min(count, this.rule.limit); index > 0; index--) {
      if (this.size < this.rule.limit) {
        this.times[(this.start + this.size) % this.rule.limit] = now;
        this.size++;
      } else {
        this.times[this.start] = now;
        this.start = (this.start + 1) % this.rule.limit;
      }
    }
  }

  /**
   * Moves the newest `count` events to `now` (not before their recorded time): an event counted when
   * its send started is counted again from when it was answered, by which time the server has seen
   * it. Only for a window whose newest events are that send's (one send at a time).
   */
  settleNewest(now: number, count = 1): void {
    const limit = this.rule.limit;
    for (let index = 1; index <= Math.min(count, this.size); index++) {
      const slot = (this.start + this.size - index) % limit;
      this.times[slot] = Math.max(this.times[slot]!, now);
    }
  }

  /** True when no recorded event is younger than `windowMs` (the window can be forgotten). */
  isIdle(now: number): boolean {
    if (this.size === 0) return true;
    const newest = this.times[(this.start + this.size - 1) % this.rule.limit]!;
    return newest + this.rule.windowMs <= now;
  }
}

/** Several windows that must all allow an event (e.g. 3 per 3 s and 20 per minute). */
export class SlidingWindows {
  private readonly windows: SlidingWindow[];

  constructor(rules: readonly RateWindow[]) {
    this.windows = rules.map((rule) => new SlidingWindow(rule));
  }

  nextAllowedAt(now: number, count = 1): number {
    let at = now;
    for (const window of this.windows) at = Math.max(at, window.nextAllowedAt(now, count));
    return at;
  }

  record(now: number, count = 1): void {
    for (const window of this.windows) window.record(now, count);
  }

  settleNewest(now: number, count = 1): void {
    for (const window of this.windows) window.settleNewest(now, count);
  }

  isIdle(now: number): boolean {
    return this.windows.every((window) => window.isIdle(now));
  }
}
