/**
 * RSA public keys as MTProto uses them: the modulus and exponent, the 64-bit fingerprint the server
 * names its key by in resPQ, and the raw ("textbook", unpadded) public operation
 * (core.telegram.org/mtproto/auth_key, step 4 and "RSA public key fingerprint").
 */
import { createPublicKey } from 'node:crypto';
import { SecurityError } from '../errors/security-error';
import { bigIntToBytes, bitLength, bytesToBigInt, modPow } from './big-integers';
import { sha1 } from './hashes';
import { serializeTlBytes } from './tl-bytes';

/** An RSA public key: modulus `n` and public exponent `e`. */
export interface RsaPublicKey {
  readonly n: bigint;
  readonly e: bigint;
}

/**
 * Parses a PEM public key, either PKCS#1 (`-----BEGIN RSA PUBLIC KEY-----`, the form Telegram
 * publishes) or SPKI (`-----BEGIN PUBLIC KEY-----`). Throws a RangeError on anything else.
 */
export function parseRsaPublicKeyPem(pem: string): RsaPublicKey {
  const type = pem.includes('BEGIN RSA PUBLIC KEY') ? 'pkcs1' : 'spki';
  let jwk: { kty?: string; n?: string; e?: string };
  try {
    jwk = createPublicKey({ key: pem, format: 'pem', type }).export({ format: 'jwk' });
  } catch (error) {
    throw new RangeError('not a PEM RSA public key (PKCS#1 or SPKI)', { cause: error });
  }
  if (jwk.kty !== 'RSA' || jwk.n === undefined || jwk.e === undefined) {
    throw new RangeError(`not an RSA public key (key type ${jwk.kty ?? 'unknown'})`);
  }
  return { n: base64UrlToBigInt(jwk.n), e: base64UrlToBigInt(jwk.e) };
}

function base64UrlToBigInt(text: string): bigint {
  const bytes = Buffer.from(text, 'base64url');
  return bytesToBigInt(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/**
 * The key's fingerprint: the lower 64 bits of SHA1 of the TL serialisation of
 * `rsa_public_key n:bytes e:bytes = RSAPublicKey` (the bare constructor, no id), i.e. the last 8 bytes
 * of the hash read as a little-endian `long`. Returned unsigned: Telegram's production key gives
 * 0xd09d1d85de64fd85n.
 */
export function rsaFingerprint(key: RsaPublicKey): bigint {
  const hash = sha1(serializeTlBytes(bigIntToBytes(key.n)), serializeTlBytes(bigIntToBytes(key.e)));
  return new DataView(hash.buffer, hash.byteOffset + 12, 8).getBigUint64(0, true);
}

/** Size of the modulus in bytes (256 for the 2048-bit keys of MTProto). */
export function rsaModulusLength(key: RsaPublicKey): number {
  return Math.ceil(bitLength(key.n) / 8);
}

/**
 * The raw public operation `data^e mod n`, with `data` read as a big-endian number, returned as
 * big-endian bytes of the modulus length. MTProto pads the data itself (RSA_PAD or the older scheme),
 * so no PKCS#1 padding is applied. Throws a {@link SecurityError} when the number is not below n.
 */
export function rsaEncryptRaw(data: Uint8Array, key: RsaPublicKey): Uint8Array {
  const value = bytesToBigInt(data);
  if (value >= key.n) throw new SecurityError('RSA input is not smaller than the modulus');
  return bigIntToBytes(modPow(value, key.e, key.n), rsaModulusLength(key));
}
