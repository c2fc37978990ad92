/**
 * One part of an upload or chunk of a download, retried within a cap: FLOOD_WAIT_X waits the X seconds
 * Telegram asks for, server-side errors (5xx), timeouts and lost connections back off and try again,
 * anything else fails at once. Every wait ends early when the transfer is aborted.
 */
import { FloodWaitError, RpcError, SessionError, TransportError } from 'telegram-mtproto-core';
import { systemTimers, type Timers } from '../concurrency/timers';
import { FileTransferError } from './file-transfer-error';

/** Retry settings shared by uploads and downloads. */
export interface TransferRetryOptions {
  /** Attempts after the first for one part or chunk. Default 5. */
  readonly retries?: number;
  /** Longest FLOOD_WAIT honoured by waiting; a longer one fails the transfer. Default 60 s. */
  readonly maxFloodWaitSeconds?: number;
  /** Where waits come from (tests pass manual timers). Default real timers. */
  readonly timers?: Timers;
}

export const DEFAULT_RETRIES = 5;
const DEFAULT_MAX_FLOOD_WAIT_SECONDS = 60;
const BACKOFF_BASE_MS = 100;
const BACKOFF_MAX_MS = 2_000;

/** What a failed attempt of a part means for the transfer. */
type Verdict = { readonly retry: false } | { readonly retry: true; readonly waitMs: number };

/**
 * Runs `attempt` until it succeeds, the retries run out (`retries-exhausted`), the error is not worth
 * retrying (rethrown as is, for the caller to classify), or `signal` fires (`aborted`).
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  what: { readonly label: string; readonly part: number },
  signal: AbortSignal,
  options: TransferRetryOptions,
): Promise<T> {
  const retries = options.retries ?? DEFAULT_RETRIES;
  const maxFloodWait = options.maxFloodWaitSeconds ?? DEFAULT_MAX_FLOOD_WAIT_SECONDS;
  for (let failures = 0; ; failures++) {
    throwIfAborted(signal, what);
    try {
      return await attempt();
    } catch (error) {
      throwIfAborted(signal, what);
      const verdict = judge(error, failures, maxFloodWait);
      if (!verdict.retry) throw error;
      if (failures >= retries) {
        throw new FileTransferError(
          'retries-exhausted',
          `${what.label} failed ${failures + 1} times: ${describe(error)}`,
          { part: what.part, cause: error },
        );
      }
      await sleep(verdict.waitMs, signal, options.timers ?? systemTimers);
    }
  }
}

function judge(error: unknown, failures: number, maxFloodWait: number): Verdict {
  if (FloodWaitError.isInstance(error)) {
    return error.seconds <= maxFloodWait ? { retry: true, waitMs: error.seconds * 1000 } : { retry: false };
  }
  const backoff = { retry: true, waitMs: Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** failures) } as const;
  // 500 INTERNAL and Telegram's -503 Timeout: the server's trouble, worth another try.
  if (RpcError.isInstance(error)) return error.code >= 500 || error.code < 0 ? backoff : { retry: false };
  if (SessionError.isInstance(error)) {
    return error.reason === 'timeout' || error.reason === 'bad-message' ? backoff : { retry: false };
  }
  if (TransportError.isInstance(error)) return backoff;
  return { retry: false };
}

/** The transfer's own abort, as a typed error naming the part that was cut short. */
export function throwIfAborted(
  signal: AbortSignal,
  what: { readonly label: string; readonly part?: number },
): void {
  if (signal.aborted) throw abortError(signal, what);
}

function abortError(
  signal: AbortSignal,
  what: { readonly label: string; readonly part?: number },
): FileTransferError {
  const reason: unknown = signal.reason;
  if (FileTransferError.isInstance(reason)) return reason;
  return new FileTransferError('aborted', `${what.label}: aborted`, { part: what.part, cause: reason });
}

/**
 * `promise`, or the transfer's abort error as soon as `signal` fires: a source stream that stalls or a
 * target that never drains must not hold an aborted transfer.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, label: string): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(abortError(signal, { label }));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError(signal, { label }));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function sleep(ms: number, signal: AbortSignal, timers: Timers): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      cancel();
      signal.removeEventListener('abort', done);
      resolve();
    };
    const cancel = timers.setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
