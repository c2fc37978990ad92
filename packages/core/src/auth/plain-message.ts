/**
 * The unencrypted message envelope (core.telegram.org/mtproto/description#unencrypted-message), used by
 * the auth key exchange before any key exists:
 *
 *   auth_key_id = 0 (int64) | message_id (int64) | message_data_length (int32) | message_data
 *
 * A frame may carry more bytes than the message: the padded intermediate transport appends up to 15
 * random bytes. The length field is what counts; bytes after it are ignored, and a length that runs
 * past the end of the frame is rejected.
 */
import { SecurityError } from '../errors/security-error';

/** auth_key_id (8) + message_id (8) + message_data_length (4). */
export const PLAIN_MESSAGE_HEADER_LENGTH = 20;

/** An unencrypted message as it was read from a frame. */
export interface PlainMessage {
  readonly messageId: bigint;
  /** message_data: the serialized TL object. */
  readonly data: Uint8Array;
}

/** Wraps `data` in an unencrypted envelope with auth_key_id = 0. */
export function encodePlainMessage(messageId: bigint, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(PLAIN_MESSAGE_HEADER_LENGTH + data.length);
  const view = new DataView(out.buffer);
  view.setBigInt64(8, BigInt.asIntN(64, messageId), true);
  view.setInt32(16, data.length, true);
  out.set(data, PLAIN_MESSAGE_HEADER_LENGTH);
  return out;
}

/** True when the frame starts with auth_key_id = 0, i.e. it carries an unencrypted message. */
export function isPlainMessage(frame: Uint8Array): boolean {
  if (frame.length < 8) return false;
  for (let index = 0; index < 8; index++) if (frame[index] !== 0) return false;
  return true;
}

/**
 * Reads an unencrypted message from a frame. Throws a {@link SecurityError} when the frame is shorter
 * than the header, auth_key_id is not 0, or message_data_length is negative or runs past the end.
 */
export function decodePlainMessage(frame: Uint8Array): PlainMessage {
  if (frame.length < PLAIN_MESSAGE_HEADER_LENGTH) {
    throw new SecurityError(`unencrypted message of ${frame.length} bytes is shorter than its header`);
  }
  if (!isPlainMessage(frame)) throw new SecurityError('unencrypted message with a non-zero auth_key_id');
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const messageId = view.getBigInt64(8, true);
  const length = view.getInt32(16, true);
  if (length < 0 || length > frame.length - PLAIN_MESSAGE_HEADER_LENGTH) {
    throw new SecurityError(
      `unencrypted message_data_length ${length} does not fit in the ${frame.length - PLAIN_MESSAGE_HEADER_LENGTH} bytes after the header`,
    );
  }
  const data = frame.slice(PLAIN_MESSAGE_HEADER_LENGTH, PLAIN_MESSAGE_HEADER_LENGTH + length);
  return { messageId, data };
}
