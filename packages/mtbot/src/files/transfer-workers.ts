/**
 * The worker pool of a transfer: `concurrency` loops share one AbortSignal, tied to the caller's. The
 * first loop to fail aborts the others (their calls in flight end at once) and its error is the
 * transfer's; the caller's abort ends every loop with an `aborted` FileTransferError.
 */
import { FileTransferError } from './file-transfer-error';

/** Parts or chunks in flight by default: enough to hide a round trip, few enough for a slow link. */
const DEFAULT_CONCURRENCY = 4;
const MAX_CONCURRENCY = 64;

/** The `concurrency` option, defaulted and checked. */
export function checkConcurrency(concurrency: number = DEFAULT_CONCURRENCY): number {
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new FileTransferError(
      'invalid-option',
      `concurrency must be an integer from 1 to ${MAX_CONCURRENCY}`,
    );
  }
  return concurrency;
}

/** A `size` option: undefined (unknown) or a whole number of bytes. */
export function checkSizeOption(size: number | undefined): void {
  if (size !== undefined && !(Number.isSafeInteger(size) && size >= 0)) {
    throw new FileTransferError('invalid-option', `size ${size} is not a byte count`);
  }
}

export async function runTransferWorkers(
  concurrency: number,
  callerSignal: AbortSignal | undefined,
  label: string,
  work: (signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const transfer = new AbortController();
  const onCallerAbort = (): void => {
    transfer.abort(new FileTransferError('aborted', `${label}: aborted`, { cause: callerSignal?.reason }));
  };
  if (callerSignal?.aborted === true) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  let failure: unknown;
  const worker = async (): Promise<void> => {
    try {
      await work(transfer.signal);
    } catch (error) {
      failure ??= transfer.signal.aborted ? transfer.signal.reason : error;
      if (!transfer.signal.aborted) transfer.abort(error);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    callerSignal?.removeEventListener('abort', onCallerAbort);
  }
  if (failure !== undefined) throw failure;
  // Aborted after the last part was taken but before the loops ended: the caller still asked to stop.
  if (transfer.signal.aborted) throw transfer.signal.reason;
}
