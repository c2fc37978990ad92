/**
 * Where the time comes from, in milliseconds since the Unix epoch. Injected into the auth and session
 * state machines so tests can run on a fake clock.
 */
export interface Clock {
  now(): number;
}

/** The real clock (`Date.now()`). */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock that only moves when told to, for tests.
 *
 * @example
 * ```ts
 * const clock = new ManualClock(1_700_000_000_000);
 * clock.advance(30_000);
 * ```
 */
export class ManualClock implements Clock {
  constructor(private current = 0) {}

  now(): number {
    return this.current;
  }

  /** Moves the clock forward by `milliseconds` (never backward). */
  advance(milliseconds: number): void {
    if (!(milliseconds >= 0)) throw new RangeError(`a clock cannot move by ${milliseconds} ms`);
    this.current += milliseconds;
  }

  /** Sets the clock to `milliseconds` since the epoch. */
  set(milliseconds: number): void {
    this.current = milliseconds;
  }
}
