/**
 * UTF-8 conversion for TL strings (core.telegram.org/type/string: "All strings passed to the API must
 * be encoded in UTF-8"). Most strings in Telegram payloads are short and ASCII (usernames, first
 * names, slugs), and for those a plain loop beats a TextDecoder/TextEncoder call, whose fixed cost
 * dominates under about 32 bytes. Everything else goes to the platform codecs.
 */
import { Buffer } from 'node:buffer';

/** Strings up to this many bytes try the ASCII loop first. */
const SHORT_STRING_BYTES = 32;

// Non-fatal: invalid sequences become U+FFFD rather than failing a whole update; `bytes` is the type
// for data that is not text.
const textDecoder = new TextDecoder('utf-8');
const textEncoder = new TextEncoder();

// Node's own UTF-8 slicer: the same output as the TextDecoder above (U+FFFD for invalid sequences),
// measured about a third faster on message-sized strings since it skips the subarray and the
// decoder's option handling. Called on a Uint8Array, which is all it needs.
const nodeUtf8Slice = (
  Buffer.prototype as unknown as { utf8Slice?: (this: Uint8Array, start: number, end: number) => string }
).utf8Slice;

/** Decodes `bytes[start, end)` as UTF-8. The caller has checked that the range is inside `bytes`. */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= SHORT_STRING_BYTES) {
    let text = '';
    for (let index = start; index < end; index++) {
      const byte = bytes[index];
      if (byte > 0x7f) return decodeNonAscii(bytes, start, end);
      text += String.fromCharCode(byte);
    }
    return text;
  }
  if (nodeUtf8Slice !== undefined) return nodeUtf8Slice.call(bytes, start, end);
  return textDecoder.decode(bytes.subarray(start, end));
}

function decodeNonAscii(bytes: Uint8Array, start: number, end: number): string {
  if (nodeUtf8Slice !== undefined) return nodeUtf8Slice.call(bytes, start, end);
  return textDecoder.decode(bytes.subarray(start, end));
}

/**
 * Writes `text` as UTF-8 at `target[offset]` and returns the number of bytes written. The caller
 * guarantees room for the worst case, three bytes per UTF-16 code unit.
 */
export function encodeUtf8Into(text: string, target: Uint8Array, offset: number): number {
  const length = text.length;
  let index = 0;
  for (; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code > 0x7f) break;
    target[offset + index] = code;
  }
  if (index === length) return length;
  const { written } = textEncoder.encodeInto(text.slice(index), target.subarray(offset + index));
  return index + written;
}

/** Upper bound of the UTF-8 length of `text`: three bytes per UTF-16 code unit. */
export function maxUtf8Length(text: string): number {
  return text.length * 3;
}
