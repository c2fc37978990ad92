import { AbortedError } from './aborted-error';
import type { Timers } from './timers';

/**
 * Resolves after `delayMs` on `timers`; rejects with {@link AbortedError} as soon as `signal` aborts
 * (at once when it already has), cancelling the timer.
 */
export function sleep(
  timers: Timers,
  delayMs: number,
  signal?: AbortSignal,
  what = 'the wait',
): Promise<void> {
  if (signal?.aborted) return Promise.reject(new AbortedError(what, { cause: signal.reason }));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      cancel();
      reject(new AbortedError(what, { cause: signal?.reason }));
    };
    const cancel = timers.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, delayMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
