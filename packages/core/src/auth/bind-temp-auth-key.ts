/**
 * Binding a temporary auth key to a permanent one for perfect forward secrecy
 * (core.telegram.org/api/pfs, core.telegram.org/method/auth.bindTempAuthKey). The client sends
 * auth.bindTempAuthKey over the temporary key; its encrypted_message is bind_auth_key_inner encrypted
 * with the PERMANENT key in the MTProto 1.0 way:
 *
 *   plaintext         := random:int128 (in place of salt and session_id) + msg_id + seqno (0)
 *                        + msg_len (40) + bind_auth_key_inner
 *   msg_key           := substr(SHA1(plaintext), 4, 16)
 *   encrypted_message := perm_auth_key_id + msg_key + AES256_IGE(plaintext + 0..15 random bytes)
 *
 * where msg_id is the msg_id of the auth.bindTempAuthKey request itself, which ties the binding to
 * that request. These functions are pure; the session layers call them on each side.
 */
import { SecurityError } from '../errors/security-error';
import { aesIgeDecrypt, aesIgeEncrypt } from '../crypto/aes-ige';
import { computeAuthKeyId } from '../crypto/key-exchange-kdf';
import { computeMsgKeyV1, deriveMessageAesKeyV1 } from '../crypto/message-encryption-v1';
import { secureRandomSource, type RandomSource } from '../crypto/random-source';
import type { AuthBindTempAuthKeyRequest } from '../tl/generated/api-types';
import type * as Mtproto from '../tl/generated/mtproto-types';
import { encodeMtproto } from '../tl/tl-codec';
import { bytesEqual, decodeExpected, longFromWireBytes } from './key-exchange-messages';

/** random (16) + msg_id (8) + seqno (4) + msg_len (4). */
const PLAINTEXT_HEADER_LENGTH = 32;
/** auth_key_id (8) + msg_key (16). */
const ENVELOPE_HEADER_LENGTH = 24;

/** What the client knows when it binds a temporary key. */
export interface BindTempAuthKeyParameters {
  /** The permanent key (256 bytes) the binding is encrypted with. */
  readonly permanentAuthKey: Uint8Array;
  /** auth_key_id of the temporary key, its 8 wire bytes. */
  readonly temporaryAuthKeyId: Uint8Array;
  /** session_id of the temporary key's session that sends the request. */
  readonly temporarySessionId: bigint;
  /** When the binding ends, unix seconds (normally the temporary key's expiresAt). */
  readonly expiresAt: number;
  /** The msg_id the auth.bindTempAuthKey request will be sent with. */
  readonly messageId: bigint;
  /** The random nonce of the binding (default: drawn from `random`). */
  readonly nonce?: bigint;
}

/**
 * Builds the auth.bindTempAuthKey request, its encrypted_message included. Send it over the
 * temporary key with exactly `parameters.messageId` as its msg_id.
 *
 * @example
 * ```ts
 * const messageId = messageIds.next();
 * const request = createBindTempAuthKeyRequest({
 *   permanentAuthKey, temporaryAuthKeyId: temporary.authKeyId, temporarySessionId: sessionId,
 *   expiresAt: temporary.expiresAt!, messageId,
 * });
 * ```
 */
export function createBindTempAuthKeyRequest(
  parameters: BindTempAuthKeyParameters,
  random: RandomSource = secureRandomSource,
): AuthBindTempAuthKeyRequest {
  const permanentAuthKeyId = computeAuthKeyId(parameters.permanentAuthKey);
  const nonce = parameters.nonce ?? longFromWireBytes(random(8));
  const inner = encodeMtproto({
    _: 'bind_auth_key_inner',
    nonce,
    temp_auth_key_id: longFromWireBytes(parameters.temporaryAuthKeyId),
    perm_auth_key_id: longFromWireBytes(permanentAuthKeyId),
    temp_session_id: parameters.temporarySessionId,
    expires_at: parameters.expiresAt,
  });
  const plaintext = new Uint8Array(PLAINTEXT_HEADER_LENGTH + inner.length);
  plaintext.set(random(16));
  const view = new DataView(plaintext.buffer);
  view.setBigInt64(16, BigInt.asIntN(64, parameters.messageId), true);
  view.setInt32(24, 0, true);
  view.setInt32(28, inner.length, true);
  plaintext.set(inner, PLAINTEXT_HEADER_LENGTH);
  const msgKey = computeMsgKeyV1(plaintext);
  const paddingLength = (16 - (plaintext.length % 16)) % 16;
  const padded = new Uint8Array(plaintext.length + paddingLength);
  padded.set(plaintext);
  if (paddingLength > 0) padded.set(random(paddingLength), plaintext.length);
  const { key, iv } = deriveMessageAesKeyV1(parameters.permanentAuthKey, msgKey, 'client');
  const encrypted = aesIgeEncrypt(padded, key, iv);
  const encryptedMessage = new Uint8Array(ENVELOPE_HEADER_LENGTH + encrypted.length);
  encryptedMessage.set(permanentAuthKeyId);
  encryptedMessage.set(msgKey, 8);
  encryptedMessage.set(encrypted, ENVELOPE_HEADER_LENGTH);
  return {
    _: 'auth.bindTempAuthKey',
    perm_auth_key_id: longFromWireBytes(permanentAuthKeyId),
    nonce,
    expires_at: parameters.expiresAt,
    encrypted_message: encryptedMessage,
  };
}

/** What the server knows when an auth.bindTempAuthKey request arrives. */
export interface VerifyBindTempAuthKeyParameters {
  readonly request: AuthBindTempAuthKeyRequest;
  /** The msg_id the request arrived with. */
  readonly messageId: bigint;
  /** auth_key_id (8 wire bytes) of the temporary key the request arrived under. */
  readonly temporaryAuthKeyId: Uint8Array;
  /** session_id of the session the request arrived in. */
  readonly temporarySessionId: bigint;
  /** The permanent key named by request.perm_auth_key_id, as the server's key store has it. */
  readonly permanentAuthKey: Uint8Array;
  /** Current unix time (server clock); when given, a binding that has already expired is refused. */
  readonly now?: number;
}

/**
 * The server's check of auth.bindTempAuthKey: decrypts encrypted_message with the permanent key and
 * verifies msg_key, the padding, msg_id (the request's own), seqno 0, and that bind_auth_key_inner
 * names this temporary key, this session, the request's permanent key, nonce and expires_at.
 * Returns the binding. Throws a {@link SecurityError} (the server answers ENCRYPTED_MESSAGE_INVALID)
 * on any mismatch.
 */
export function verifyBindTempAuthKeyRequest(
  parameters: VerifyBindTempAuthKeyParameters,
): Mtproto.BindAuthKeyInner {
  const { request, permanentAuthKey } = parameters;
  const message = request.encrypted_message;
  const permanentAuthKeyId = computeAuthKeyId(permanentAuthKey);
  if (longFromWireBytes(permanentAuthKeyId) !== request.perm_auth_key_id) {
    throw new SecurityError('bindTempAuthKey: the permanent key given is not perm_auth_key_id');
  }
  const encryptedLength = message.length - ENVELOPE_HEADER_LENGTH;
  if (encryptedLength < PLAINTEXT_HEADER_LENGTH || encryptedLength % 16 !== 0) {
    throw new SecurityError(`bindTempAuthKey: encrypted_message has a bad length (${message.length})`);
  }
  if (!bytesEqual(message.subarray(0, 8), permanentAuthKeyId)) {
    throw new SecurityError('bindTempAuthKey: encrypted_message is not under the permanent key');
  }
  const msgKey = message.subarray(8, ENVELOPE_HEADER_LENGTH);
  const { key, iv } = deriveMessageAesKeyV1(permanentAuthKey, msgKey, 'client');
  const padded = aesIgeDecrypt(message.subarray(ENVELOPE_HEADER_LENGTH), key, iv);
  const view = new DataView(padded.buffer, padded.byteOffset, padded.byteLength);
  const dataLength = view.getInt32(28, true);
  const paddingLength = padded.length - PLAINTEXT_HEADER_LENGTH - dataLength;
  if (dataLength < 0 || paddingLength < 0 || paddingLength > 15) {
    throw new SecurityError(`bindTempAuthKey: msg_len ${dataLength} does not fit the decrypted message`);
  }
  const plaintext = padded.subarray(0, PLAINTEXT_HEADER_LENGTH + dataLength);
  if (!bytesEqual(computeMsgKeyV1(plaintext), msgKey)) {
    throw new SecurityError('bindTempAuthKey: msg_key does not match (tampered or wrong key)');
  }
  if (view.getBigInt64(16, true) !== parameters.messageId) {
    throw new SecurityError('bindTempAuthKey: the inner msg_id is not the request msg_id');
  }
  if (view.getInt32(24, true) !== 0) throw new SecurityError('bindTempAuthKey: the inner seqno is not 0');
  const inner = decodeExpected(
    plaintext.subarray(PLAINTEXT_HEADER_LENGTH),
    ['bind_auth_key_inner'],
    'bind_auth_key_inner',
  );
  const mismatches: string[] = [];
  if (inner.nonce !== request.nonce) mismatches.push('nonce');
  if (inner.expires_at !== request.expires_at) mismatches.push('expires_at');
  if (inner.perm_auth_key_id !== request.perm_auth_key_id) mismatches.push('perm_auth_key_id');
  if (inner.temp_auth_key_id !== longFromWireBytes(parameters.temporaryAuthKeyId)) {
    mismatches.push('temp_auth_key_id');
  }
  if (inner.temp_session_id !== parameters.temporarySessionId) mismatches.push('temp_session_id');
  if (mismatches.length > 0) {
    throw new SecurityError(
      `bindTempAuthKey: bind_auth_key_inner does not match on ${mismatches.join(', ')}`,
    );
  }
  if (parameters.now !== undefined && inner.expires_at <= parameters.now) {
    throw new SecurityError(`bindTempAuthKey: the binding expired at ${inner.expires_at}`);
  }
  return inner;
}
