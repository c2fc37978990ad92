import type { CancelTimer } from 'telegram-mtproto-core';

/**
 * Where delays come from. The rate limiters, the send scheduler and the executor never call
 * `setTimeout` themselves: they take a `Timers` (and a `Clock`), so tests run them on a manual clock
 * ({@link ManualTimers}) and production uses {@link systemTimers}.
 */
export interface Timers {
  /** Runs `callback` once after `delayMs` milliseconds; the returned function cancels it. */
  setTimeout(callback: () => void, delayMs: number): CancelTimer;
}

/** Real timers (`setTimeout`/`clearTimeout`). */
export const systemTimers: Timers = {
  setTimeout(callback, delayMs) {
    const handle = setTimeout(callback, Math.max(0, delayMs));
    return () => clearTimeout(handle);
  },
};
