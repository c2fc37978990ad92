/**
 * The plaintext of an encrypted MTProto message and the envelope around it
 * (core.telegram.org/mtproto/description, "Encrypted Message" and "Encrypted Message: encrypted data"):
 *
 *   envelope  = auth_key_id:int64 msg_key:int128 encrypted_data
 *   plaintext = salt:int64 session_id:int64 message_id:int64 seq_no:int32 message_data_length:int32
 *               message_data padding
 */
import { TlDecodeError } from '../errors/tl-decode-error';
import { INNER_HEADER_LENGTH } from '../crypto/message-encryption';

/** One decrypted (or to-be-encrypted) message with its header fields. */
export interface InnerMessage {
  readonly salt: bigint;
  readonly sessionId: bigint;
  readonly messageId: bigint;
  readonly seqNo: number;
  /** message_data: one boxed TL object (possibly a msg_container or gzip_packed). */
  readonly body: Uint8Array;
}

const ENVELOPE_HEADER_LENGTH = 24;

/** Serialises the plaintext of an inner message (without padding: encryption adds it). */
export function encodeInnerMessage(message: InnerMessage): Uint8Array {
  const bytes = new Uint8Array(INNER_HEADER_LENGTH + message.body.length);
  const view = new DataView(bytes.buffer);
  view.setBigInt64(0, BigInt.asIntN(64, message.salt), true);
  view.setBigInt64(8, BigInt.asIntN(64, message.sessionId), true);
  view.setBigInt64(16, message.messageId, true);
  view.setInt32(24, message.seqNo, true);
  view.setInt32(28, message.body.length, true);
  bytes.set(message.body, INNER_HEADER_LENGTH);
  return bytes;
}

/**
 * Reads the header of a decrypted plaintext (padding already removed by `decryptMessage`, which also
 * checked message_data_length). The body is a view into `plaintext`.
 */
export function decodeInnerMessage(plaintext: Uint8Array): InnerMessage {
  if (plaintext.length < INNER_HEADER_LENGTH) {
    throw new TlDecodeError(`inner message of ${plaintext.length} bytes has no room for its header`, 0);
  }
  const view = new DataView(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength);
  const length = view.getInt32(28, true);
  if (length < 4 || INNER_HEADER_LENGTH + length > plaintext.length) {
    throw new TlDecodeError(`message_data_length ${length} does not fit the message`, 28);
  }
  return {
    salt: view.getBigInt64(0, true),
    sessionId: view.getBigInt64(8, true),
    messageId: view.getBigInt64(16, true),
    seqNo: view.getInt32(24, true),
    body: plaintext.subarray(INNER_HEADER_LENGTH, INNER_HEADER_LENGTH + length),
  };
}

/**
 * Cuts transport junk off an envelope: the padded intermediate transport appends 0..15 random bytes
 * (core.telegram.org/mtproto/mtproto-transports#padded-intermediate), while a real envelope is
 * 24 bytes of header plus whole 16-byte AES blocks.
 */
export function trimEnvelope(payload: Uint8Array): Uint8Array {
  if (payload.length < ENVELOPE_HEADER_LENGTH) return payload;
  const excess = (payload.length - ENVELOPE_HEADER_LENGTH) % 16;
  return excess === 0 ? payload : payload.subarray(0, payload.length - excess);
}
