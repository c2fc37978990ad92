/**
 * RSA_PAD, the encryption of p_q_inner_data in req_DH_params (core.telegram.org/mtproto/auth_key,
 * step 4 "Client sends query to server"), and its inverse on the server:
 *
 *   data_with_padding := data + random bytes, 192 bytes in all (data is at most 144 bytes)
 *   data_pad_reversed := BYTE_REVERSE(data_with_padding)
 *   temp_key          := 32 random bytes
 *   data_with_hash    := data_pad_reversed + SHA256(temp_key + data_with_padding)   (224 bytes)
 *   aes_encrypted     := AES256_IGE(data_with_hash, temp_key, iv = 32 zero bytes)
 *   temp_key_xor      := temp_key XOR SHA256(aes_encrypted)
 *   key_aes_encrypted := temp_key_xor + aes_encrypted                               (256 bytes)
 *   retry with a new temp_key while key_aes_encrypted >= n (as a big-endian number)
 *   encrypted_data    := RSA(key_aes_encrypted, server_public_key)
 */
import { timingSafeEqual } from 'node:crypto';
import { SecurityError } from '../errors/security-error';
import { aesIgeDecrypt, aesIgeEncrypt } from './aes-ige';
import { bytesToBigInt } from './big-integers';
import { sha256 } from './hashes';
import { secureRandomSource, type RandomSource } from './random-source';
import { rsaDecryptRaw, type RsaPrivateKey } from './rsa-private-key';
import { rsaEncryptRaw, type RsaPublicKey } from './rsa-public-key';

/** Longest data RSA_PAD carries. */
export const RSA_PAD_MAX_DATA_LENGTH = 144;
/** Length of data_with_padding, what {@link rsaPadDecrypt} returns. */
export const RSA_PAD_PADDED_LENGTH = 192;
const ZERO_IV = new Uint8Array(32);
/** A random temp_key gives key_aes_encrypted >= n with probability well under 1/2; 64 misses in a row
 * mean the modulus is not a 2048-bit key. */
const MAX_TEMP_KEY_ATTEMPTS = 64;

/**
 * Encrypts `data` (at most 144 bytes, normally a serialized p_q_inner_data_dc) for `key` with RSA_PAD.
 * Returns the 256-byte encrypted_data of req_DH_params. Randomness (padding, temp_key) comes from
 * `random`, so a test can reproduce the output exactly.
 */
export function rsaPadEncrypt(
  data: Uint8Array,
  key: RsaPublicKey,
  random: RandomSource = secureRandomSource,
): Uint8Array {
  if (data.length > RSA_PAD_MAX_DATA_LENGTH) {
    throw new RangeError(`RSA_PAD carries at most ${RSA_PAD_MAX_DATA_LENGTH} bytes, got ${data.length}`);
  }
  const dataWithPadding = new Uint8Array(RSA_PAD_PADDED_LENGTH);
  dataWithPadding.set(data);
  dataWithPadding.set(random(RSA_PAD_PADDED_LENGTH - data.length), data.length);
  const dataPadReversed = dataWithPadding.slice().reverse();
  for (let attempt = 0; attempt < MAX_TEMP_KEY_ATTEMPTS; attempt++) {
    const tempKey = random(32);
    const dataWithHash = new Uint8Array(224);
    dataWithHash.set(dataPadReversed);
    dataWithHash.set(sha256(tempKey, dataWithPadding), RSA_PAD_PADDED_LENGTH);
    const aesEncrypted = aesIgeEncrypt(dataWithHash, tempKey, ZERO_IV);
    const keyAesEncrypted = new Uint8Array(256);
    keyAesEncrypted.set(xorBytes(tempKey, sha256(aesEncrypted)));
    keyAesEncrypted.set(aesEncrypted, 32);
    if (bytesToBigInt(keyAesEncrypted) < key.n) return rsaEncryptRaw(keyAesEncrypted, key);
  }
  throw new RangeError('RSA_PAD: the modulus is too small for a 256-byte key_aes_encrypted');
}

/**
 * The server's inverse of {@link rsaPadEncrypt}: decrypts encrypted_data with the private key, undoes
 * the AES layer and checks the SHA256 hash. Returns data_with_padding (192 bytes); the TL decoder reads
 * p_q_inner_data from its start and ignores the padding. Throws a {@link SecurityError} when any check
 * fails.
 */
export function rsaPadDecrypt(encrypted: Uint8Array, key: RsaPrivateKey): Uint8Array {
  const keyAesEncrypted = rsaDecryptRaw(encrypted, key);
  if (keyAesEncrypted.length !== 256) {
    throw new SecurityError(`RSA_PAD needs a 2048-bit key, got ${keyAesEncrypted.length * 8} bits`);
  }
  const tempKeyXor = keyAesEncrypted.subarray(0, 32);
  const aesEncrypted = keyAesEncrypted.subarray(32);
  const tempKey = xorBytes(tempKeyXor, sha256(aesEncrypted));
  const dataWithHash = aesIgeDecrypt(aesEncrypted, tempKey, ZERO_IV);
  const dataWithPadding = dataWithHash.slice(0, RSA_PAD_PADDED_LENGTH).reverse();
  const expectedHash = sha256(tempKey, dataWithPadding);
  if (!timingSafeEqual(expectedHash, dataWithHash.subarray(RSA_PAD_PADDED_LENGTH))) {
    throw new SecurityError('RSA_PAD: the hash inside encrypted_data does not match (wrong key or tampered)');
  }
  return dataWithPadding;
}

function xorBytes(left: Uint8Array, right: Uint8Array): Uint8Array {
  const out = new Uint8Array(left.length);
  for (let index = 0; index < left.length; index++) out[index] = left[index]! ^ right[index]!;
  return out;
}
