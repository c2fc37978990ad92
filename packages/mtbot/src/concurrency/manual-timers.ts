import { ManualClock } from 'telegram-mtproto-core';
import type { Timers } from './timers';

interface PendingTimer {
  readonly at: number;
  readonly order: number;
  readonly callback: () => void;
  cancelled: boolean;
}

/**
 * Timers driven by a {@link ManualClock}, for tests: nothing fires until {@link ManualTimers.advance}
 * moves the clock, and then every due timer fires in time order, with the promise continuations it
 * starts run to completion before the next one. A minute of simulated sends runs in milliseconds.
 *
 * @example
 * ```ts
 * const timers = new ManualTimers();
 * const scheduler = new SendScheduler({ clock: timers.clock, timers });
 * await timers.advance(60_000);
 * ```
 */
export class ManualTimers implements Timers {
  private pending: PendingTimer[] = [];
  private nextOrder = 0;

  constructor(readonly clock: ManualClock = new ManualClock(0)) {}

  setTimeout(callback: () => void, delayMs: number): () => void {
    const timer: PendingTimer = {
      at: this.clock.now() + Math.max(0, delayMs),
      order: this.nextOrder++,
      callback,
      cancelled: false,
    };
    // Kept sorted by time (then by order set), so the next due timer is always the first.
    let low = 0;
    let high = this.pending.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.pending[middle]!.at <= timer.at) low = middle + 1;
      else high = middle;
    }
    this.pending.splice(low, 0, timer);
    return () => {
      timer.cancelled = true;
    };
  }

  /** Number of timers set and neither fired nor cancelled. */
  get pendingCount(): number {
    return this.pending.filter((timer) => !timer.cancelled).length;
  }

  /**
   * Lets pending promise continuations run without moving the clock. One macrotask turn runs every
   * queued microtask, chained ones included; `turns` more cover code that also waits on real I/O.
   */
  async settle(turns = 5): Promise<void> {
    for (let turn = 0; turn < turns; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /**
   * Moves the clock forward by `milliseconds`, firing every timer that falls due on the way at its
   * own time (timers set by those callbacks fire too if they fall inside the span).
   */
  async advance(milliseconds: number): Promise<void> {
    if (!(milliseconds >= 0)) throw new RangeError(`cannot advance by ${milliseconds} ms`);
    const end = this.clock.now() + milliseconds;
    await this.settle();
    for (;;) {
      while (this.pending[0]?.cancelled) this.pending.shift();
      const next = this.pending[0];
      if (next === undefined || next.at > end) break;
      this.pending.shift();
      if (next.at > this.clock.now()) this.clock.set(next.at);
      next.callback();
      await this.settle(1);
    }
    this.clock.set(end);
    await this.settle();
  }
}
