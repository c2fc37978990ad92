import { KeyboardError } from './keyboard-error';

/** The most bytes of callback data a button can carry (Bot API: 1-64 bytes). */
export const MAX_CALLBACK_DATA_BYTES = 64;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Callback data as the bytes Telegram carries (`keyboardButtonCallback.data`): a string as UTF-8.
 *
 * @throws {KeyboardError} when it is empty or longer than 64 bytes.
 */
export function encodeCallbackData(data: string | Uint8Array, label = ''): Uint8Array {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  if (bytes.length === 0 || bytes.length > MAX_CALLBACK_DATA_BYTES) {
    const button = label === '' ? 'a button' : `button ${JSON.stringify(label)}`;
    throw new KeyboardError(
      `callback data of ${button} is ${bytes.length} bytes; Telegram takes 1 to ${MAX_CALLBACK_DATA_BYTES}` +
        (typeof data === 'string' ? ' (UTF-8): keep an id in it and the rest elsewhere' : ''),
    );
  }
  return bytes;
}

/**
 * Callback data read back as text (UTF-8), as a callback query carries it. Bytes that are not UTF-8
 * become U+FFFD.
 *
 * @example
 * ```ts
 * callbackDataToString(query.data) === 'buy:42'
 * ```
 */
export function callbackDataToString(data: Uint8Array): string {
  return decoder.decode(data);
}
