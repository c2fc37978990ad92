/**
 * The older encryption of p_q_inner_data, which the published key exchange example still shows
 * (core.telegram.org/mtproto/samples-auth_key, req_DH_params; and the earlier text of
 * /mtproto/auth_key):
 *
 *   data_with_hash := SHA1(data) + data + random bytes, 255 bytes in all
 *   encrypted_data := RSA(data_with_hash, server_public_key)
 *
 * New clients use RSA_PAD (./rsa-pad); this is kept to replay the published example and so a server
 * can accept clients that still send it.
 */
import { timingSafeEqual } from 'node:crypto';
import { SecurityError } from '../errors/security-error';
import { sha1 } from './hashes';
import { secureRandomSource, type RandomSource } from './random-source';
import { rsaDecryptRaw, type RsaPrivateKey } from './rsa-private-key';
import { rsaEncryptRaw, type RsaPublicKey } from './rsa-public-key';

const PADDED_LENGTH = 255;
/** Longest data the scheme carries: 255 bytes minus the 20-byte SHA1. */
export const RSA_LEGACY_MAX_DATA_LENGTH = PADDED_LENGTH - 20;

/** Encrypts `data` (at most 235 bytes) with the older SHA1-and-pad scheme; returns 256 bytes. */
export function rsaLegacyEncrypt(
  data: Uint8Array,
  key: RsaPublicKey,
  random: RandomSource = secureRandomSource,
): Uint8Array {
  if (data.length > RSA_LEGACY_MAX_DATA_LENGTH) {
    throw new RangeError(
      `the older RSA scheme carries at most ${RSA_LEGACY_MAX_DATA_LENGTH} bytes, got ${data.length}`,
    );
  }
  const dataWithHash = new Uint8Array(PADDED_LENGTH);
  dataWithHash.set(sha1(data));
  dataWithHash.set(data, 20);
  dataWithHash.set(random(PADDED_LENGTH - 20 - data.length), 20 + data.length);
  return rsaEncryptRaw(dataWithHash, key);
}

/**
 * The server's inverse of {@link rsaLegacyEncrypt}. The scheme does not record the data's length, so
 * `lengthOf` is asked how long the data at the start of the 235 decrypted bytes is (a TL decoder
 * knows: it is where p_q_inner_data ends); the SHA1 is then checked over exactly that many bytes.
 * Returns the data. Throws a {@link SecurityError} on a bad ciphertext or hash.
 */
export function rsaLegacyDecrypt(
  encrypted: Uint8Array,
  key: RsaPrivateKey,
  lengthOf: (payload: Uint8Array) => number,
): Uint8Array {
  const plain = rsaDecryptRaw(encrypted, key);
  if (plain.length !== PADDED_LENGTH + 1 || plain[0] !== 0) {
    throw new SecurityError('older RSA scheme: the decrypted value is not 255 bytes of data_with_hash');
  }
  const hash = plain.subarray(1, 21);
  const payload = plain.subarray(21);
  const length = lengthOf(payload);
  if (!Number.isInteger(length) || length < 0 || length > payload.length) {
    throw new SecurityError(
      `older RSA scheme: data length ${length} does not fit in ${payload.length} bytes`,
    );
  }
  const data = payload.slice(0, length);
  if (!timingSafeEqual(sha1(data), hash)) {
    throw new SecurityError('older RSA scheme: SHA1 of the data does not match (wrong key or tampered)');
  }
  return data;
}
