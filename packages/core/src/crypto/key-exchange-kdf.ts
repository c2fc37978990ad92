/**
 * Values derived from the nonces and the new key during the key exchange
 * (core.telegram.org/mtproto/auth_key, steps 5-9):
 *
 *   tmp_aes_key := SHA1(new_nonce + server_nonce) + substr(SHA1(server_nonce + new_nonce), 0, 12)
 *   tmp_aes_iv  := substr(SHA1(server_nonce + new_nonce), 12, 8) + SHA1(new_nonce + new_nonce)
 *                  + substr(new_nonce, 0, 4)
 *   new_nonce_hash{1,2,3} := substr(SHA1(new_nonce + byte(1|2|3) + auth_key_aux_hash), 4, 16)
 *   server_salt := substr(new_nonce, 0, 8) XOR substr(server_nonce, 0, 8)
 *
 * and the two 64-bit hashes of an auth key: auth_key_id, the lower 64 bits of SHA1(auth_key), and
 * auth_key_aux_hash, the higher 64 bits.
 */
import { sha1 } from './hashes';

/** The AES-256-IGE key and iv that protect server_DH_inner_data and client_DH_inner_data. */
export interface TemporaryAesKey {
  readonly key: Uint8Array;
  readonly iv: Uint8Array;
}

/** tmp_aes_key and tmp_aes_iv from new_nonce (32 bytes) and server_nonce (16 bytes). */
export function deriveTemporaryAesKey(newNonce: Uint8Array, serverNonce: Uint8Array): TemporaryAesKey {
  expectLength('new_nonce', newNonce, 32);
  expectLength('server_nonce', serverNonce, 16);
  const newThenServer = sha1(newNonce, serverNonce);
  const serverThenNew = sha1(serverNonce, newNonce);
  const newThenNew = sha1(newNonce, newNonce);
  const key = new Uint8Array(32);
  key.set(newThenServer);
  key.set(serverThenNew.subarray(0, 12), 20);
  const iv = new Uint8Array(32);
  iv.set(serverThenNew.subarray(12, 20));
  iv.set(newThenNew, 8);
  iv.set(newNonce.subarray(0, 4), 28);
  return { key, iv };
}

/** auth_key_id: the last 8 bytes of SHA1(auth_key), as they appear on the wire. */
export function computeAuthKeyId(authKey: Uint8Array): Uint8Array {
  expectLength('auth_key', authKey, 256);
  return sha1(authKey).slice(12, 20);
}

/** auth_key_aux_hash: the first 8 bytes of SHA1(auth_key). */
export function computeAuthKeyAuxHash(authKey: Uint8Array): Uint8Array {
  expectLength('auth_key', authKey, 256);
  return sha1(authKey).slice(0, 8);
}

/**
 * new_nonce_hash1, 2 or 3 (16 bytes) of dh_gen_ok, dh_gen_retry or dh_gen_fail; `number` is the
 * answer's number (1 ok, 2 retry, 3 fail).
 */
export function computeNewNonceHash(
  newNonce: Uint8Array,
  number: 1 | 2 | 3,
  authKey: Uint8Array,
): Uint8Array {
  expectLength('new_nonce', newNonce, 32);
  return sha1(newNonce, Uint8Array.of(number), computeAuthKeyAuxHash(authKey)).slice(4, 20);
}

/** The first server_salt: substr(new_nonce, 0, 8) XOR substr(server_nonce, 0, 8), as wire bytes. */
export function computeInitialServerSalt(newNonce: Uint8Array, serverNonce: Uint8Array): Uint8Array {
  expectLength('new_nonce', newNonce, 32);
  expectLength('server_nonce', serverNonce, 16);
  const salt = new Uint8Array(8);
  for (let index = 0; index < 8; index++) salt[index] = newNonce[index]! ^ serverNonce[index]!;
  return salt;
}

function expectLength(name: string, value: Uint8Array, length: number): void {
  if (value.length !== length) throw new RangeError(`${name} must be ${length} bytes, got ${value.length}`);
}
