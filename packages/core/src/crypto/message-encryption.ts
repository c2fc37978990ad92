/**
 * MTProto 2.0 encryption of messages under an auth key (core.telegram.org/mtproto/description,
 * "Defining AES Key and Initialization Vector" and "Important checks"):
 *
 *   msg_key_large = SHA256(substr(auth_key, 88 + x, 32) + plaintext + random_padding)
 *   msg_key       = substr(msg_key_large, 8, 16)
 *   sha256_a      = SHA256(msg_key + substr(auth_key, x, 36))
 *   sha256_b      = SHA256(substr(auth_key, 40 + x, 36) + msg_key)
 *   aes_key       = substr(sha256_a, 0, 8) + substr(sha256_b, 8, 16) + substr(sha256_a, 24, 8)
 *   aes_iv        = substr(sha256_b, 0, 8) + substr(sha256_a, 8, 16) + substr(sha256_b, 24, 8)
 *
 * with x = 0 for messages from client to server and x = 8 from server to client. The padding is 12 to
 * 1024 random bytes making the length a multiple of 16. On the wire: auth_key_id (8) + msg_key (16) +
 * AES256_IGE(plaintext + padding, aes_key, aes_iv).
 *
 * The plaintext is the inner message: salt (8), session_id (8), msg_id (8), seq_no (4),
 * message_data_length (4), message_data. Decryption checks msg_key in constant time and the length
 * fields before returning anything.
 */
import { timingSafeEqual } from 'node:crypto';
import { SecurityError } from '../errors/security-error';
import { aesIgeDecrypt, aesIgeEncrypt } from './aes-ige';
import { sha256 } from './hashes';
import { computeAuthKeyId } from './key-exchange-kdf';
import { secureRandomSource, type RandomSource } from './random-source';

/** Who sent the message: it selects x = 0 (client) or x = 8 (server) in the key derivation. */
export type MessageSender = 'client' | 'server';

/** Size of the inner header before message_data: salt, session_id, msg_id, seq_no, length. */
export const INNER_HEADER_LENGTH = 32;
const ENVELOPE_HEADER_LENGTH = 24;
const MIN_PADDING = 12;
const MAX_PADDING = 1024;

/** Options of {@link encryptMessage}. */
export interface EncryptMessageOptions {
  /**
   * Extra 16-byte blocks of padding beyond the minimum, drawn at random from 0..this (default 3),
   * which hides the exact length of short messages. The total stays within 1024 bytes.
   */
  readonly maxExtraPaddingBlocks?: number;
  /** auth_key_id if already known (saves one SHA1 per message). */
  readonly authKeyId?: Uint8Array;
}

/** aes_key and aes_iv for a msg_key (exported for tests and the session layer's own checks). */
export function deriveMessageAesKey(
  authKey: Uint8Array,
  msgKey: Uint8Array,
  sender: MessageSender,
): { key: Uint8Array; iv: Uint8Array } {
  const x = sender === 'client' ? 0 : 8;
  const sha256a = sha256(msgKey, authKey.subarray(x, x + 36));
  const sha256b = sha256(authKey.subarray(40 + x, 40 + x + 36), msgKey);
  const key = new Uint8Array(32);
  key.set(sha256a.subarray(0, 8));
  key.set(sha256b.subarray(8, 24), 8);
  key.set(sha256a.subarray(24, 32), 24);
  const iv = new Uint8Array(32);
  iv.set(sha256b.subarray(0, 8));
  iv.set(sha256a.subarray(8, 24), 8);
  iv.set(sha256b.subarray(24, 32), 24);
  return { key, iv };
}

/** msg_key of a padded plaintext: the middle 128 bits of SHA256(substr(auth_key, 88 + x, 32) + data). */
export function computeMsgKey(
  authKey: Uint8Array,
  paddedPlaintext: Uint8Array,
  sender: MessageSender,
): Uint8Array {
  const x = sender === 'client' ? 0 : 8;
  return sha256(authKey.subarray(88 + x, 88 + x + 32), paddedPlaintext).slice(8, 24);
}

/**
 * Encrypts an inner message for sending: returns auth_key_id + msg_key + encrypted data.
 *
 * @example
 * ```ts
 * const envelope = encryptMessage(authKey, inner, 'client');
 * const inner2 = decryptMessage(authKey, envelope, 'client'); // on the server
 * ```
 */
export function encryptMessage(
  authKey: Uint8Array,
  plaintext: Uint8Array,
  sender: MessageSender,
  random: RandomSource = secureRandomSource,
  options: EncryptMessageOptions = {},
): Uint8Array {
  checkAuthKey(authKey);
  const minimumPadding = MIN_PADDING + ((16 - ((plaintext.length + MIN_PADDING) % 16)) % 16);
  const maxExtra = Math.min(
    options.maxExtraPaddingBlocks ?? 3,
    Math.floor((MAX_PADDING - minimumPadding) / 16),
  );
  const extraBlocks = maxExtra > 0 ? random(1)[0]! % (maxExtra + 1) : 0;
  const paddingLength = minimumPadding + extraBlocks * 16;
  const padded = new Uint8Array(plaintext.length + paddingLength);
  padded.set(plaintext);
  padded.set(random(paddingLength), plaintext.length);
  const msgKey = computeMsgKey(authKey, padded, sender);
  const { key, iv } = deriveMessageAesKey(authKey, msgKey, sender);
  const encrypted = aesIgeEncrypt(padded, key, iv);
  const envelope = new Uint8Array(ENVELOPE_HEADER_LENGTH + encrypted.length);
  envelope.set(options.authKeyId ?? computeAuthKeyId(authKey));
  envelope.set(msgKey, 8);
  envelope.set(encrypted, ENVELOPE_HEADER_LENGTH);
  return envelope;
}

/**
 * Decrypts an envelope (auth_key_id + msg_key + encrypted data) sent by `sender` and returns the inner
 * message without its padding (salt, session_id, msg_id, seq_no, message_data_length, message_data).
 *
 * Throws a {@link SecurityError} when the envelope is too short or not block-aligned, the auth_key_id
 * is not this key's, msg_key does not match (compared in constant time), or message_data_length and
 * the padding (12..1024 bytes) do not add up. Nothing from a rejected envelope is returned.
 */
export function decryptMessage(
  authKey: Uint8Array,
  envelope: Uint8Array,
  sender: MessageSender,
  authKeyId: Uint8Array = computeAuthKeyId(authKey),
): Uint8Array {
  checkAuthKey(authKey);
  const encryptedLength = envelope.length - ENVELOPE_HEADER_LENGTH;
  if (encryptedLength < INNER_HEADER_LENGTH + MIN_PADDING || encryptedLength % 16 !== 0) {
    throw new SecurityError(`encrypted message has a bad length (${envelope.length} bytes)`);
  }
  if (!timingSafeEqual(envelope.subarray(0, 8), authKeyId)) {
    throw new SecurityError('encrypted message carries another auth_key_id');
  }
  const msgKey = envelope.subarray(8, ENVELOPE_HEADER_LENGTH);
  const { key, iv } = deriveMessageAesKey(authKey, msgKey, sender);
  const padded = aesIgeDecrypt(envelope.subarray(ENVELOPE_HEADER_LENGTH), key, iv);
  if (!timingSafeEqual(computeMsgKey(authKey, padded, sender), msgKey)) {
    throw new SecurityError('msg_key does not match the decrypted message (tampered or wrong key)');
  }
  const dataLength = new DataView(padded.buffer, padded.byteOffset + 28, 4).getInt32(0, true);
  const paddingLength = padded.length - INNER_HEADER_LENGTH - dataLength;
  if (dataLength < 0 || dataLength % 4 !== 0 || paddingLength < MIN_PADDING || paddingLength > MAX_PADDING) {
    throw new SecurityError(
      `message_data_length ${dataLength} does not fit a ${padded.length}-byte message with 12..1024 bytes of padding`,
    );
  }
  return padded.slice(0, INNER_HEADER_LENGTH + dataLength);
}

function checkAuthKey(authKey: Uint8Array): void {
  if (authKey.length !== 256) throw new RangeError(`auth_key must be 256 bytes, got ${authKey.length}`);
}
