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
    this.pending.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  /** Number of timers set and neither fired nor cancelled. */
  get pendingCount(): number {
    return this.pending.filter((timer) => !timer.cancelled).length;
  }

  /** Lets pending promise continuations run without moving the clock. */
  async settle(): Promise<void> {
    // A macrotask turn runs every queued microtask; a few turns cover chains of awaits across
    // setImmediate-free code (the code under test uses no real timers).
    for (let turn = 0; turn < 5; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
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
      const next = this.nextDue(end);
      if (next === undefined) break;
      this.pending.splice(this.pending.indexOf(next), 1);
      if (next.at > this.clock.now()) this.clock.set(next.at);
      next.callback();
      await this.settle();
    }
    this.clock.set(end);
    await this.settle();
  }

  private nextDue(end: number): PendingTimer | undefined {
    this.pending = this.pending.filter((timer) => !timer.cancelled);
    let best: PendingTimer | undefined;
    for (const timer of this.pending) {
      if (timer.at > end) continue;
      if (best === undefined || timer.at < best.at || (timer.at === best.at && timer.order < best.order)) {
        best = timer;
      }
    }
    return best;
  }
}
