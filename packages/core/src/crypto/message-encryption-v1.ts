/**
 * MTProto 1.0 message encryption, which survives in one place: the encrypted_message of
 * auth.bindTempAuthKey, encrypted with the permanent key (core.telegram.org/method/auth.bindTempAuthKey,
 * "Encrypting the binding message"; the key derivation is the former one of
 * core.telegram.org/mtproto/description):
 *
 *   msg_key = substr(SHA1(plaintext), 4, 16)                       (plaintext before padding)
 *   sha1_a  = SHA1(msg_key + substr(auth_key, x, 32))
 *   sha1_b  = SHA1(substr(auth_key, 32 + x, 16) + msg_key + substr(auth_key, 48 + x, 16))
 *   sha1_c  = SHA1(substr(auth_key, 64 + x, 32) + msg_key)
 *   sha1_d  = SHA1(msg_key + substr(auth_key, 96 + x, 32))
 *   aes_key = substr(sha1_a, 0, 8) + substr(sha1_b, 8, 12) + substr(sha1_c, 4, 12)
 *   aes_iv  = substr(sha1_a, 8, 12) + substr(sha1_b, 0, 8) + substr(sha1_c, 16, 4) + substr(sha1_d, 0, 8)
 *
 * with x = 0 from client to server and 8 the other way; the padding is 0..15 random bytes.
 */
import { sha1 } from './hashes';
import type { MessageSender } from './message-encryption';

/** msg_key of MTProto 1.0: the lower 128 bits of SHA1 of the unpadded plaintext. */
export function computeMsgKeyV1(plaintext: Uint8Array): Uint8Array {
  return sha1(plaintext).slice(4, 20);
}

/** aes_key and aes_iv of MTProto 1.0 for a msg_key. */
export function deriveMessageAesKeyV1(
  authKey: Uint8Array,
  msgKey: Uint8Array,
  sender: MessageSender,
): { key: Uint8Array; iv: Uint8Array } {
  if (authKey.length !== 256) throw new RangeError(`auth_key must be 256 bytes, got ${authKey.length}`);
  const x = sender === 'client' ? 0 : 8;
  const sha1a = sha1(msgKey, authKey.subarray(x, x + 32));
  const sha1b = sha1(authKey.subarray(32 + x, 48 + x), msgKey, authKey.subarray(48 + x, 64 + x));
  const sha1c = sha1(authKey.subarray(64 + x, 96 + x), msgKey);
  const sha1d = sha1(msgKey, authKey.subarray(96 + x, 128 + x));
  const key = new Uint8Array(32);
  key.set(sha1a.subarray(0, 8));
  key.set(sha1b.subarray(8, 20), 8);
  key.set(sha1c.subarray(4, 16), 20);
  const iv = new Uint8Array(32);
  iv.set(sha1a.subarray(8, 20));
  iv.set(sha1b.subarray(0, 8), 12);
  iv.set(sha1c.subarray(16, 20), 20);
  iv.set(sha1d.subarray(0, 8), 24);
  return { key, iv };
}
