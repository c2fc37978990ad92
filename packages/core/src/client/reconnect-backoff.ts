/** Options of {@link ReconnectBackoff}. */
export interface ReconnectBackoffOptions {
  /** Delay before the first retry, in milliseconds. Default 250. */
  readonly initialDelayMs?: number;
  /** Cap of the delay. Default 30 s. */
  readonly maxDelayMs?: number;
  /** Growth per failed attempt. Default 2. */
  readonly multiplier?: number;
  /** Random fraction taken off each delay, 0..1 ("equal jitter" at 0.5). Default 0.5. */
  readonly jitter?: number;
}

/**
 * Exponential backoff with jitter and a cap, for reconnecting: after n failures in a row the delay is
 * min(cap, initial * multiplier^n), less a random part, so many clients cut off together do not come
 * back in lockstep. A success resets it.
 *
 * @example
 * ```ts
 * const backoff = new ReconnectBackoff({ initialDelayMs: 100, maxDelayMs: 10_000 });
 * const delay = backoff.next(Math.random()); // 50..100 ms, then 100..200, ...
 * backoff.reset();
 * ```
 */
export class ReconnectBackoff {
  private failures = 0;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly multiplier: number;
  private readonly jitter: number;

  constructor(options: ReconnectBackoffOptions = {}) {
    this.initialDelayMs = options.initialDelayMs ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.multiplier = options.multiplier ?? 2;
    this.jitter = Math.min(1, Math.max(0, options.jitter ?? 0.5));
  }

  /** Failed attempts since the last reset. */
  get attempts(): number {
    return this.failures;
  }

  /** The delay before the next attempt; `unit` is a random number in [0, 1). Counts one failure. */
  next(unit: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.initialDelayMs * this.multiplier ** this.failures);
    this.failures += 1;
    return Math.round(ceiling * (1 - this.jitter * unit));
  }

  /** Back to the initial delay (after a connection succeeded). */
  reset(): void {
    this.failures = 0;
  }
}
