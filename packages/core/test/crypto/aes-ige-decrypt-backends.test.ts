import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildAesIgeWasm } from '../../scripts/wasm/aes-ige-decrypt-kernel';
import { renderAesIgeWasmModule } from '../../scripts/wasm/render-aes-ige-wasm-module';
import { igeDecryptWordsInPlace } from '../../src/crypto/aes-ige-decrypt-js';
import { WasmIgeDecryptor } from '../../src/crypto/aes-ige-wasm';
import { expandDecryptionKey } from '../../src/crypto/aes-key-schedule';
import { INVERSE_SBOX, SBOX } from '../../src/crypto/aes-tables';
import { referenceIgeDecrypt, SeededBytes, toHex } from './ige-reference';

/** The TypeScript decryption loop on its own, without the WebAssembly path in front of it. */
function decryptWithTypeScript(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array {
  const output = data.slice();
  const ivWords = new Int32Array(iv.slice().buffer, 0, 8);
  igeDecryptWordsInPlace(
    new Int32Array(output.buffer, 0, output.length / 4),
    expandDecryptionKey(key),
    ivWords,
  );
  return output;
}

describe('AES tables', () => {
  it('S-box entries match FIPS-197 (figure 7 and the 0x53 example) and invert', () => {
    expect([SBOX[0x00], SBOX[0x01], SBOX[0x53], SBOX[0xff]]).toEqual([0x63, 0x7c, 0xed, 0x16]);
    for (let value = 0; value < 256; value++) expect(INVERSE_SBOX[SBOX[value]]).toBe(value);
  });
});

describe('AES-IGE decryption backends', () => {
  const random = new SeededBytes(0x5eed);
  const wasm = WasmIgeDecryptor.create();

  it.each([16, 24, 32])('TypeScript and WebAssembly equal the reference with a %i-byte key', (keyLength) => {
    for (const blocks of [0, 1, 2, 3, 64, 1 + (random.next() % 500)]) {
      const key = random.bytes(keyLength);
      const iv = random.bytes(32);
      const ciphertext = random.bytes(16 * blocks);
      const expected = toHex(referenceIgeDecrypt(ciphertext, key, iv));
      expect(toHex(decryptWithTypeScript(ciphertext, key, iv))).toBe(expected);
      expect(toHex(wasm.decrypt(ciphertext, expandDecryptionKey(key), iv))).toBe(expected);
    }
  });

  it('WebAssembly chains across its 1 MiB pieces and grows its memory as needed', () => {
    const key = random.bytes(32);
    const iv = random.bytes(32);
    const ciphertext = random.bytes((1 << 20) + 48);
    const decrypted = wasm.decrypt(ciphertext, expandDecryptionKey(key), iv);
    expect(decrypted.length).toBe(ciphertext.length);
    expect(Buffer.from(decrypted).equals(Buffer.from(decryptWithTypeScript(ciphertext, key, iv)))).toBe(true);
    // A small call after a large one still starts from its own iv.
    const small = random.bytes(64);
    expect(toHex(wasm.decrypt(small, expandDecryptionKey(key), iv))).toBe(
      toHex(referenceIgeDecrypt(small, key, iv)),
    );
  });

  it('rejects round keys of an unknown size', () => {
    expect(() => wasm.decrypt(new Uint8Array(16), new Int32Array(40), new Uint8Array(32))).toThrow(
      RangeError,
    );
  });

  it('the committed WebAssembly binary is what the kernel source builds today', () => {
    const committed = readFileSync(
      path.join(__dirname, '../../src/crypto/generated/aes-ige-wasm-binary.ts'),
      'utf8',
    );
    expect(committed).toBe(renderAesIgeWasmModule(buildAesIgeWasm()));
  });
});
