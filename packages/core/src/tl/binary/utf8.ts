/**
 * UTF-8 conversion for TL strings (core.telegram.org/type/string: "All strings passed to the API must
 * be encoded in UTF-8"). Most strings in Telegram payloads are short and ASCII (names, usernames,
 * slugs): those up to {@link SHORT_STRING_BYTES} bytes are made by one `String.fromCharCode` call,
 * which costs about half of a call into the platform's decoder (whose fixed cost dominates at these
 * lengths). Everything else goes to the platform codecs.
 */
import { Buffer } from 'node:buffer';

/** ASCII strings up to this many bytes are built in JavaScript. */
const SHORT_STRING_BYTES = 16;

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

const fromCharCode = String.fromCharCode;

/** Decodes `bytes[start, end)` as UTF-8. The caller has checked that the range is inside `bytes`. */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  const length = end - start;
  if (length <= SHORT_STRING_BYTES) {
    let union = 0;
    for (let index = start; index < end; index++) union |= bytes[index];
    if (union <= 0x7f) return shortAscii(bytes, start, length);
  }
  if (nodeUtf8Slice !== undefined) return nodeUtf8Slice.call(bytes, start, end);
  return textDecoder.decode(bytes.subarray(start, end));
}

/**
 * `length` (at most 16) ASCII bytes as a string. One call with a fixed number of arguments per
 * length, rather than a loop of `+=`: that allocates one flat string instead of one per character
 * (and a rope past 12 characters, which whoever reads the string later has to flatten).
 */
function shortAscii(bytes: Uint8Array, start: number, length: number): string {
  switch (length) {
    case 1:
      return fromCharCode(bytes[start]);
    case 2:
      return fromCharCode(bytes[start], bytes[start + 1]);
    case 3:
      return fromCharCode(bytes[start], bytes[start + 1], bytes[start + 2]);
    case 4:
      return fromCharCode(bytes[start], bytes[start + 1], bytes[start + 2], bytes[start + 3]);
    case 5:
      return fromCharCode(
        bytes[start],
        bytes[start + 1],
        bytes[start + 2],
        bytes[start + 3],
        bytes[start + 4],
      );
    case 6:
      return fromCharCode(
        bytes[start],
        bytes[start + 1],
        bytes[start + 2],
        bytes[start + 3],
        bytes[start + 4],
        bytes[start + 5],
      );
    case 7:
      return fromCharCode(
        bytes[start],
        bytes[start + 1],
        bytes[start + 2],
        bytes[start + 3],
        bytes[start + 4],
        bytes[start + 5],
        bytes[start + 6],
      );
    case 8:
      return fromCharCode(
        bytes[start],
        bytes[start + 1],
        bytes[start + 2],
        bytes[start + 3],
        bytes[start + 4],
        bytes[start + 5],
        bytes[start + 6],
        bytes[start + 7],
      );
    case 9:
      return fromCharCode(
        bytes[start],
        bytes[start + 1],
        bytes[start + 2],
        bytes[start + 3],
        bytes[start + 4],
        bytes[start + 5],
        bytes[start + 6],
        bytes[start + 7],
        bytes[start + 8],
      );
    case 10:
      return fromCharCode(
        bytes[start],
        bytes[start + 1],
        bytes[start + 2],
        bytes[start + 3],
        bytes[start + 4],
        bytes[start + 5],
        bytes[start + 6],
        bytes[start + 7],
        bytes[start + 8],
        bytes[start + 9],
      );
    case 11:
      return fromCharCode(
        bytes[start],
        bytes[start + 1],
        bytes[start + 2],
        bytes[start + 3],
        bytes[start + 4],
        bytes[start + 5],
        bytes[start + 6],
        bytes[start + 7],
        bytes[start + 8],
        bytes[start + 9],
        bytes[start + 10],
      );
    case 12:
      return fromCharCode(
        bytes[start],
        bytes[start + 1],
        bytes[start + 2],
        bytes[start + 3],
        bytes[start + 4],
        bytes[start + 5],
        bytes[start + 6],
        bytes[start + 7],
        bytes[start + 8],
        bytes[start + 9],
        bytes[start + 10],
        bytes[start + 11],
      );
    case 13:
      return fromCharCode(
        bytes[start],
        bytes[start + 1],
        bytes[start + 2],
        bytes[start + 3],
        bytes[start + 4],
        bytes[start + 5],
        bytes[start + 6],
        bytes[start + 7],
        bytes[start + 8],
        bytes[start + 9],
        bytes[start + 10],
        bytes[start + 11],
        bytes[start + 12],
      );
    case 14:
      return fromCharCode(
        bytes[start],
        bytes[start + 1],
        bytes[start + 2],
        bytes[start + 3],
        bytes[start + 4],
        bytes[start + 5],
        bytes[start + 6],
        bytes[start + 7],
        bytes[start + 8],
        bytes[start + 9],
        bytes[start + 10],
        bytes[start + 11],
        bytes[start + 12],
        bytes[start + 13],
      );
    case 15:
      return fromCharCode(
        bytes[start],
        bytes[start + 1],
        bytes[start + 2],
        bytes[start + 3],
        bytes[start + 4],
        bytes[start + 5],
        bytes[start + 6],
        bytes[start + 7],
        bytes[start + 8],
        bytes[start + 9],
        bytes[start + 10],
        bytes[start + 11],
        bytes[start + 12],
        bytes[start + 13],
        bytes[start + 14],
      );
    case 16:
      return fromCharCode(
        bytes[start],
        bytes[start + 1],
        bytes[start + 2],
        bytes[start + 3],
        bytes[start + 4],
        bytes[start + 5],
        bytes[start + 6],
        bytes[start + 7],
        bytes[start + 8],
        bytes[start + 9],
        bytes[start + 10],
        bytes[start + 11],
        bytes[start + 12],
        bytes[start + 13],
        bytes[start + 14],
        bytes[start + 15],
      );
    default:
      return '';
  }
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
