import { createPublicKey } from 'node:crypto';
import { SecurityError } from '../../src/errors/security-error';
import { bigIntToBytes } from '../../src/crypto/big-integers';
import {
  generateRsaKeyPair,
  parseRsaPrivateKeyPem,
  rsaDecryptRaw,
  type RsaKeyPair,
  type RsaPrivateKey,
} from '../../src/crypto/rsa-private-key';
import { rsaLegacyDecrypt, rsaLegacyEncrypt } from '../../src/crypto/rsa-legacy';
import { rsaPadDecrypt, rsaPadEncrypt } from '../../src/crypto/rsa-pad';
import { parseRsaPublicKeyPem, rsaEncryptRaw, rsaFingerprint } from '../../src/crypto/rsa-public-key';
import { createSeededRandomSource } from '../../src/crypto/random-source';
import { findTelegramPublicKey, TELEGRAM_PUBLIC_KEYS } from '../../src/crypto/telegram-public-keys';
import { hex, toHex } from './sample-vectors';

describe('Telegram server keys', () => {
  it.each(TELEGRAM_PUBLIC_KEYS.map((key) => [key.environment, key] as const))(
    'the %s key hashes to its published fingerprint',
    (_environment, entry) => {
      const key = parseRsaPublicKeyPem(entry.pem);
      expect(key.e).toBe(65537n);
      expect(key.n.toString(2)).toHaveLength(2048);
      expect(rsaFingerprint(key)).toBe(entry.fingerprint);
    },
  );

  it('publishes the fingerprints other clients use', () => {
    expect(TELEGRAM_PUBLIC_KEYS.map((key) => key.fingerprint.toString(16))).toEqual([
      'd09d1d85de64fd85',
      'b25898df208d2603',
    ]);
  });

  it('finds a key by fingerprint and nothing for an unknown one', () => {
    expect(findTelegramPublicKey(0xd09d1d85de64fd85n)?.n).toBe(
      parseRsaPublicKeyPem(TELEGRAM_PUBLIC_KEYS[0]!.pem).n,
    );
    expect(findTelegramPublicKey(0x1234n)).toBeUndefined();
  });
});

describe('PEM parsing', () => {
  it('reads the same key from PKCS#1 and SPKI', () => {
    const pkcs1 = TELEGRAM_PUBLIC_KEYS[0]!.pem;
    const spki = createPublicKey(pkcs1).export({ type: 'spki', format: 'pem' }).toString();
    expect(spki).toContain('BEGIN PUBLIC KEY');
    expect(parseRsaPublicKeyPem(spki)).toEqual(parseRsaPublicKeyPem(pkcs1));
  });

  it('rejects text that is not a key', () => {
    expect(() =>
      parseRsaPublicKeyPem('-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----'),
    ).toThrow(RangeError);
  });
});

describe('RSA_PAD', () => {
  // gotd/td crypto/rsa_pad_test.go (TestRSAPad): the production key, an all-zero random source and 144
  // bytes of 'a' give this exact ciphertext (zero padding, zero temp_key).
  it('matches an independent implementation byte for byte', () => {
    const key = parseRsaPublicKeyPem(TELEGRAM_PUBLIC_KEYS[0]!.pem);
    const encrypted = rsaPadEncrypt(new Uint8Array(144).fill(0x61), key, (length) => new Uint8Array(length));
    expect(toHex(encrypted)).toBe(
      toHex(
        hex(
          'bf68719e836806b040cd261ecaf66eb3c4ba19f3bbea3031b2e6cf29167bab647201d101b291dc5b716a42e789a38d94' +
            '7fe59e9bcce8f30ef46a946743ea8b6babbce7fc0afc46b802aa453e83471d82a4dfad83f971f350b4b4fb474cd1c48f' +
            'df427e4b5fecce9ec3178ae7dac3985856fdefa21d6fdc5e0e0fd8a57bc4f51580d637d372be8d87c9aa3fde8e6f8287' +
            'bcb3be846aadcdd59465375479e248f62ed438f9804fbe36d41ca906243a5f740f3937949aa149ba8a8b8e68b3f3e1e3' +
            'cd3f946387520e21eee55845e1f015a919a22f6a72bfaecd2cae946c91983b41f9ffabe97963bbde8f30eaf5fd3c5b8c' +
            'ecab8711bd269e441b6084f385726ff0',
        ),
      ),
    );
  });

  it('refuses data longer than 144 bytes', () => {
    const key = parseRsaPublicKeyPem(TELEGRAM_PUBLIC_KEYS[0]!.pem);
    expect(() => rsaPadEncrypt(new Uint8Array(145), key)).toThrow(RangeError);
  });
});

describe('server side with a generated key pair', () => {
  let pair: RsaKeyPair;
  let privateKey: RsaPrivateKey;
  beforeAll(() => {
    pair = generateRsaKeyPair();
    privateKey = parseRsaPrivateKeyPem(pair.privateKeyPem);
  });

  it('makes a 2048-bit PKCS#1 key pair with a consistent fingerprint', () => {
    expect(pair.publicKeyPem).toContain('BEGIN RSA PUBLIC KEY');
    expect(pair.privateKeyPem).toContain('BEGIN RSA PRIVATE KEY');
    expect(pair.publicKey.n.toString(2)).toHaveLength(2048);
    expect(privateKey.publicKey).toEqual(pair.publicKey);
    expect(rsaFingerprint(parseRsaPublicKeyPem(pair.publicKeyPem))).toBe(pair.fingerprint);
  });

  it('inverts the raw public operation', () => {
    const message = createSeededRandomSource('raw')(255);
    expect(toHex(rsaDecryptRaw(rsaEncryptRaw(message, pair.publicKey), privateKey).subarray(1))).toBe(
      toHex(message),
    );
  });

  it('decrypts RSA_PAD from the client for many payloads', () => {
    const random = createSeededRandomSource('rsa-pad');
    for (const length of [0, 1, 96, 143, 144]) {
      const data = random(length);
      const padded = rsaPadDecrypt(rsaPadEncrypt(data, pair.publicKey, random), privateKey);
      expect(padded).toHaveLength(192);
      expect(toHex(padded.subarray(0, length))).toBe(toHex(data));
    }
  });

  it('rejects RSA_PAD ciphertext that was tampered with', () => {
    const encrypted = rsaPadEncrypt(new Uint8Array(100).fill(7), pair.publicKey);
    encrypted[100] ^= 1;
    expect(() => rsaPadDecrypt(encrypted, privateKey)).toThrow(SecurityError);
  });

  it('rejects a ciphertext that is not below the modulus or has the wrong length', () => {
    const tooLarge = bigIntToBytes(pair.publicKey.n + 1n, 256);
    expect(() => rsaPadDecrypt(tooLarge, privateKey)).toThrow(/not smaller than the modulus/);
    expect(() => rsaPadDecrypt(new Uint8Array(255), privateKey)).toThrow(SecurityError);
  });

  it('decrypts the older scheme when told the data length, and checks its SHA1', () => {
    const data = createSeededRandomSource('legacy')(96);
    const encrypted = rsaLegacyEncrypt(data, pair.publicKey);
    expect(toHex(rsaLegacyDecrypt(encrypted, privateKey, () => 96))).toBe(toHex(data));
    expect(() => rsaLegacyDecrypt(encrypted, privateKey, () => 95)).toThrow(SecurityError);
    expect(() => rsaLegacyDecrypt(encrypted, privateKey, () => 1000)).toThrow(SecurityError);
  });

  it('rejects an older-scheme ciphertext whose value is not 255 bytes', () => {
    const fullWidth = rsaEncryptRaw(new Uint8Array(256).fill(0x11), pair.publicKey);
    expect(() => rsaLegacyDecrypt(fullWidth, privateKey, () => 0)).toThrow(SecurityError);
  });
});
