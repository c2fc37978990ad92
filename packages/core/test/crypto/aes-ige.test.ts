import { AesIge, aesIgeDecrypt, aesIgeEncrypt, igeDecryptWithRoundKeys } from '../../src/crypto/aes-ige';
import { expandDecryptionKey } from '../../src/crypto/aes-key-schedule';
import { igeEncryptThroughCbc } from '../../src/crypto/ige-encrypt-cbc';
import { fromHex, referenceIgeDecrypt, referenceIgeEncrypt, SeededBytes, toHex } from './ige-reference';

// OpenSSL's AES-IGE test vectors (test/igetest.c, from Ben Laurie's IGE write-up). They use AES-128;
// IGE chaining does not depend on the key size, and the AES-256 block cipher is pinned separately by
// FIPS-197 below.
const OPENSSL_IGE_VECTORS = [
  {
    name: 'vector 0 (encrypt)',
    key: '000102030405060708090a0b0c0d0e0f',
    iv: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
    plaintext: '0000000000000000000000000000000000000000000000000000000000000000',
    ciphertext: '1a8519a6557be652e9da8e43da4ef4453cf456b4ca488aa383c79c98b34797cb',
  },
  {
    name: 'vector 1 (decrypt)',
    key: '5468697320697320616e20696d706c65',
    iv: '6d656e746174696f6e206f6620494745206d6f646520666f72204f70656e5353',
    plaintext: '99706487a1cde613bc6de0b6f24b1c7aa448c8b9c3403e3467a8cad89340f53b',
    ciphertext: '4c2e204c6574277320686f70652042656e20676f74206974207269676874210a',
  },
];

// FIPS-197 appendix C: one block, key 00 01 .. (16, 24 or 32 bytes). With an all-zero iv a one-block
// IGE run is the bare block cipher: c_0 = E(m_0 ^ 0) ^ 0.
const FIPS_197_PLAINTEXT = '00112233445566778899aabbccddeeff';
const FIPS_197_VECTORS = [
  { keyLength: 16, ciphertext: '69c4e0d86a7b0430d8cdb78070b4c55a' },
  { keyLength: 24, ciphertext: 'dda97ca4864cdfe06eaf70a0ec0d7191' },
  { keyLength: 32, ciphertext: '8ea2b7ca516745bfeafc49904b496089' },
];

const countingKey = (length: number) => Uint8Array.from({ length }, (_, index) => index);
const ZERO_IV = new Uint8Array(32);

describe('AES-IGE known answers', () => {
  it.each(OPENSSL_IGE_VECTORS)('OpenSSL $name encrypts through native CBC', (vector) => {
    const encrypted = igeEncryptThroughCbc(
      fromHex(vector.plaintext),
      fromHex(vector.key),
      fromHex(vector.iv),
    );
    expect(toHex(encrypted)).toBe(vector.ciphertext);
  });

  it.each(OPENSSL_IGE_VECTORS)('OpenSSL $name decrypts', (vector) => {
    const roundKeys = expandDecryptionKey(fromHex(vector.key));
    const decrypted = igeDecryptWithRoundKeys(fromHex(vector.ciphertext), roundKeys, fromHex(vector.iv));
    expect(toHex(decrypted)).toBe(vector.plaintext);
  });

  it.each(FIPS_197_VECTORS)('FIPS-197 block, $keyLength-byte key, both directions', (vector) => {
    const key = countingKey(vector.keyLength);
    expect(toHex(igeEncryptThroughCbc(fromHex(FIPS_197_PLAINTEXT), key, ZERO_IV))).toBe(vector.ciphertext);
    const roundKeys = expandDecryptionKey(key);
    expect(toHex(igeDecryptWithRoundKeys(fromHex(vector.ciphertext), roundKeys, ZERO_IV))).toBe(
      FIPS_197_PLAINTEXT,
    );
  });

  it('AES-256-IGE public API matches FIPS-197 for one block', () => {
    const key = countingKey(32);
    expect(toHex(aesIgeEncrypt(fromHex(FIPS_197_PLAINTEXT), key, ZERO_IV))).toBe(
      FIPS_197_VECTORS[2].ciphertext,
    );
    expect(toHex(aesIgeDecrypt(fromHex(FIPS_197_VECTORS[2].ciphertext), key, ZERO_IV))).toBe(
      FIPS_197_PLAINTEXT,
    );
  });
});

describe('AES-256-IGE against the block-by-block reference', () => {
  const random = new SeededBytes(0x1ce);
  const sizes = [0, 16, 32, 48, 64, 4096, 16 * 97, 16 * (1 + (random.next() % 2000))];

  it.each(sizes)('%i bytes: encrypt and decrypt equal the reference; decrypt undoes encrypt', (size) => {
    const key = random.bytes(32);
    const iv = random.bytes(32);
    const plaintext = random.bytes(size);
    const encrypted = aesIgeEncrypt(plaintext, key, iv);
    expect(toHex(encrypted)).toBe(toHex(referenceIgeEncrypt(plaintext, key, iv)));
    const ciphertext = random.bytes(size);
    expect(toHex(aesIgeDecrypt(ciphertext, key, iv))).toBe(toHex(referenceIgeDecrypt(ciphertext, key, iv)));
    expect(toHex(aesIgeDecrypt(encrypted, key, iv))).toBe(toHex(plaintext));
  });

  // Encryption works through the message in 64 KiB chunks: sizes across, just past and just short of
  // chunk boundaries, ending in an odd number of blocks.
  it.each([65536 + 16, 3 * 65536 - 16, 200 * 1024 + 48])('%i bytes: encrypt across chunks', (size) => {
    const chunked = new SeededBytes(size);
    const key = chunked.bytes(32);
    const iv = chunked.bytes(32);
    const plaintext = chunked.bytes(size);
    expect(toHex(aesIgeEncrypt(plaintext, key, iv))).toBe(toHex(referenceIgeEncrypt(plaintext, key, iv)));
  });

  it('works on views at odd offsets of a larger buffer', () => {
    const key = random.bytes(32);
    const iv = random.bytes(32);
    const backing = random.bytes(16 * 20 + 3);
    const plaintext = backing.subarray(3, 3 + 16 * 20);
    const encrypted = aesIgeEncrypt(plaintext, key, iv);
    expect(toHex(encrypted)).toBe(toHex(referenceIgeEncrypt(plaintext, key, iv)));
    const shifted = new Uint8Array(encrypted.length + 1);
    shifted.set(encrypted, 1);
    expect(toHex(aesIgeDecrypt(shifted.subarray(1), key, iv))).toBe(toHex(plaintext));
  });

  it('AesIge reuses one key for many messages', () => {
    const key = random.bytes(32);
    const cipher = new AesIge(key);
    for (let message = 0; message < 5; message++) {
      const iv = random.bytes(32);
      const plaintext = random.bytes(16 * (message + 1) * 7);
      const encrypted = cipher.encrypt(plaintext, iv);
      expect(toHex(encrypted)).toBe(toHex(referenceIgeEncrypt(plaintext, key, iv)));
      expect(toHex(cipher.decrypt(encrypted, iv))).toBe(toHex(plaintext));
    }
  });

  it('never modifies its inputs', () => {
    const key = random.bytes(32);
    const iv = random.bytes(32);
    const data = random.bytes(16 * 9);
    const [keyBefore, ivBefore, dataBefore] = [toHex(key), toHex(iv), toHex(data)];
    aesIgeEncrypt(data, key, iv);
    aesIgeDecrypt(data, key, iv);
    const cipher = new AesIge(key);
    cipher.encrypt(data, iv);
    cipher.decrypt(data, iv);
    expect([toHex(key), toHex(iv), toHex(data)]).toEqual([keyBefore, ivBefore, dataBefore]);
  });

  it('a changed ciphertext block garbles everything after it (IGE propagates forwards)', () => {
    const key = random.bytes(32);
    const iv = random.bytes(32);
    const plaintext = random.bytes(16 * 8);
    const encrypted = aesIgeEncrypt(plaintext, key, iv);
    encrypted[16 * 3] ^= 1;
    const decrypted = aesIgeDecrypt(encrypted, key, iv);
    expect(toHex(decrypted.subarray(0, 48))).toBe(toHex(plaintext.subarray(0, 48)));
    for (let block = 3; block < 8; block++) {
      expect(toHex(decrypted.subarray(16 * block, 16 * block + 16))).not.toBe(
        toHex(plaintext.subarray(16 * block, 16 * block + 16)),
      );
    }
  });
});

describe('AES-256-IGE argument checks', () => {
  const key = new Uint8Array(32);
  const iv = new Uint8Array(32);
  const data = new Uint8Array(32);

  it.each([0, 16, 31, 33])('rejects a %i-byte key', (length) => {
    const badKey = new Uint8Array(length);
    expect(() => aesIgeEncrypt(data, badKey, iv)).toThrow(RangeError);
    expect(() => aesIgeDecrypt(data, badKey, iv)).toThrow(/key must be 32 bytes/);
    expect(() => new AesIge(badKey)).toThrow(RangeError);
  });

  it.each([0, 16, 31, 33])('rejects a %i-byte iv', (length) => {
    const badIv = new Uint8Array(length);
    expect(() => aesIgeEncrypt(data, key, badIv)).toThrow(/encrypt: iv must be 32 bytes/);
    expect(() => aesIgeDecrypt(data, key, badIv)).toThrow(RangeError);
    expect(() => new AesIge(key).decrypt(data, badIv)).toThrow(/decrypt: iv must be 32 bytes/);
  });

  it.each([1, 15, 17, 33])('rejects %i bytes of data', (length) => {
    const badData = new Uint8Array(length);
    expect(() => aesIgeEncrypt(badData, key, iv)).toThrow(/multiple of 16/);
    expect(() => aesIgeDecrypt(badData, key, iv)).toThrow(RangeError);
    expect(() => new AesIge(key).encrypt(badData, iv)).toThrow(RangeError);
  });
});
