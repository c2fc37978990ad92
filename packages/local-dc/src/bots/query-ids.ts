import { secureRandomSource, type RandomSource } from 'telegram-mtproto-core';

/** A random non-zero signed 64-bit id, as Telegram's query_id and chat_instance values are. */
export function randomLong(random: RandomSource = secureRandomSource): bigint {
  for (;;) {
    const bytes = random(8);
    const value = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigInt64(0, true);
    if (value !== 0n) return value;
  }
}

/**
 * A promise that settles when `answer` is called or rejects with `timeoutError()` after `timeoutMs`
 * (or at once when `signal` aborts or `giveUp` is called); `onGiveUp` runs when it does not get an
 * answer.
 */
export function awaitAnswer<T>(
  timeoutMs: number,
  timeoutError: () => Error,
  onGiveUp: () => void,
  signal?: AbortSignal,
): { promise: Promise<T>; answer: (value: T) => void; giveUp: () => void } {
  let answer!: (value: T) => void;
  let giveUp!: () => void;
  const promise = new Promise<T>((resolve, reject) => {
    const finish = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      finish();
      onGiveUp();
      reject(signal?.reason ?? new Error('aborted'));
    };
    giveUp = (): void => {
      finish();
      onGiveUp();
      reject(timeoutError());
    };
    const timer = setTimeout(giveUp, timeoutMs);
    answer = (value) => {
      finish();
      resolve(value);
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  return { promise, answer, giveUp };
}
