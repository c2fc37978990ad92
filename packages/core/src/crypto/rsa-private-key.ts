/**
 * The server's side of MTProto's RSA: making a key pair for a (local) DC and the raw private operation
 * on what a client encrypted with RSA_PAD or the older scheme (core.telegram.org/mtproto/auth_key).
 */
import {
  constants,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  privateDecrypt,
  type KeyObject,
} from 'node:crypto';
import { SecurityError } from '../errors/security-error';
import { bytesToBigInt } from './big-integers';
import { parseRsaPublicKeyPem, rsaFingerprint, type RsaPublicKey } from './rsa-public-key';

/** A server key pair as PEM text, with the public half parsed and its fingerprint. */
export interface RsaKeyPair {
  /** PKCS#1 `-----BEGIN RSA PRIVATE KEY-----`. Secret: never log it. */
  readonly privateKeyPem: string;
  /** PKCS#1 `-----BEGIN RSA PUBLIC KEY-----`, the form Telegram clients embed. */
  readonly publicKeyPem: string;
  readonly publicKey: RsaPublicKey;
  /** Fingerprint as in resPQ's server_public_key_fingerprints (unsigned 64-bit). */
  readonly fingerprint: bigint;
}

/**
 * Generates a 2048-bit RSA key pair with exponent 65537 for a server, e.g. the local DC. Takes a
 * moment (tens to hundreds of milliseconds): do it once and keep the PEMs.
 */
export function generateRsaKeyPair(bits = 2048): RsaKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicExponent: 0x10001,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const parsed = parseRsaPublicKeyPem(publicKey);
  return {
    privateKeyPem: privateKey,
    publicKeyPem: publicKey,
    publicKey: parsed,
    fingerprint: rsaFingerprint(parsed),
  };
}

/** A private key ready for {@link rsaDecryptRaw}: parse the PEM once, decrypt many times. */
export interface RsaPrivateKey {
  readonly keyObject: KeyObject;
  readonly publicKey: RsaPublicKey;
}

/** Parses a PEM private key (PKCS#1 or PKCS#8). */
export function parseRsaPrivateKeyPem(pem: string): RsaPrivateKey {
  let keyObject: KeyObject;
  try {
    keyObject = createPrivateKey(pem);
  } catch (error) {
    throw new RangeError('not a PEM RSA private key', { cause: error });
  }
  if (keyObject.asymmetricKeyType !== 'rsa') {
    throw new RangeError(`not an RSA private key (key type ${keyObject.asymmetricKeyType ?? 'unknown'})`);
  }
  // A private key object carries the public half; node derives it without re-reading the PEM.
  const publicPem = createPublicKey(keyObject).export({ type: 'pkcs1', format: 'pem' }).toString();
  return { keyObject, publicKey: parseRsaPublicKeyPem(publicPem) };
}

/**
 * The raw private operation `data^d mod n` (no padding removed), returned as big-endian bytes of the
 * modulus length. Throws a {@link SecurityError} when the input has the wrong length or is not below
 * the modulus (a client must never send such a value).
 */
export function rsaDecryptRaw(encrypted: Uint8Array, key: RsaPrivateKey): Uint8Array {
  const length = Math.ceil(key.publicKey.n.toString(16).length / 2);
  if (encrypted.length !== length) {
    throw new SecurityError(`RSA ciphertext must be ${length} bytes, got ${encrypted.length}`);
  }
  if (bytesToBigInt(encrypted) >= key.publicKey.n) {
    throw new SecurityError('RSA ciphertext is not smaller than the modulus');
  }
  const plain = privateDecrypt({ key: key.keyObject, padding: constants.RSA_NO_PADDING }, encrypted);
  return new Uint8Array(plain.buffer, plain.byteOffset, plain.byteLength);
}
