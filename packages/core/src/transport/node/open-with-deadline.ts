import { TransportError } from '../../errors/transport-error';

/** Default bound on opening a client connection. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** One opening attempt: call `resolve` or `reject` once; the returned function abandons the attempt. */
export type OpenAttempt<T> = (resolve: (value: T) => void, reject: (error: Error) => void) => () => void;

/**
 * Runs an opening attempt under a deadline and an optional AbortSignal. A failure becomes a
 * TransportError: `timeout` when the deadline passes, `aborted` when the signal fires, else
 * `connect-failed` naming `description` (the attempt's own TransportErrors pass through).
 */
export function openWithDeadline<T>(
  description: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  attempt: OpenAttempt<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(
        new TransportError('aborted', `${description}: connect aborted`, undefined, { cause: signal.reason }),
      );
      return;
    }
    let settled = false;
    // Set once the attempt has started; the callbacks may run before that (synchronously).
    const started: { abandon?: () => void } = {};
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      action();
    };
    const giveUp = (error: TransportError): void =>
      settle(() => {
        started.abandon?.();
        reject(error);
      });
    const onAbort = (): void =>
      giveUp(
        new TransportError('aborted', `${description}: connect aborted`, undefined, {
          cause: signal?.reason,
        }),
      );
    const timer = setTimeout(
      () => giveUp(new TransportError('timeout', `${description}: no connection within ${timeoutMs} ms`)),
      timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    started.abandon = attempt(
      (value) => settle(() => resolve(value)),
      (error) =>
        settle(() => {
          started.abandon?.();
          reject(
            TransportError.isInstance(error)
              ? error
              : new TransportError('connect-failed', `${description}: ${error.message}`, undefined, {
                  cause: error,
                }),
          );
        }),
    );
    // The attempt may have settled synchronously, before `abandon` was known.
    if (settled) started.abandon();
  });
}
