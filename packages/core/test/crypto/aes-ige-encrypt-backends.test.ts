import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildIgeXorSimdWasm } from '../../scripts/wasm/ige-xor-simd-kernel';
import { renderIgeXorWasmModule } from '../../scripts/wasm/render-ige-xor-wasm-module';
import { igeEncryptThroughCbc } from '../../src/crypto/ige-encrypt-cbc';
import { IGE_XOR_CHUNK_BYTES, WasmIgeXor } from '../../src/crypto/ige-xor-wasm';
import { referenceIgeEncrypt, SeededBytes, toHex } from './ige-reference';

const CHUNK = IGE_XOR_CHUNK_BYTES;

describe('AES-IGE encryption backends', () => {
  const random = new SeededBytes(0xe1c);
  const simd = WasmIgeXor.create();
  const backends = [
    ['WebAssembly SIMD', simd],
    ['JavaScript', null],
  ] as const;

  it('the shared SIMD kernel is available on the Node versions the package supports', () => {
    expect(WasmIgeXor.shared()).not.toBeNull();
  });

  describe.each(backends)('XOR passes in %s', (_name, xorPasses) => {
    it.each([16, 24, 32])('equals the reference with a %i-byte key', (keyLength) => {
      for (const blocks of [0, 1, 2, 3, 4, 5, 64, 1 + (random.next() % 500)]) {
        const key = random.bytes(keyLength);
        const iv = random.bytes(32);
        const plaintext = random.bytes(16 * blocks);
        expect(toHex(igeEncryptThroughCbc(plaintext, key, iv, xorPasses))).toBe(
          toHex(referenceIgeEncrypt(plaintext, key, iv)),
        );
      }
    });

    // Sizes at, just past and just short of chunk boundaries, ending in odd numbers of blocks, and a
    // last chunk of one or two blocks (whose m_{i-1} and m_{i-2} are in the chunk before).
    it.each([CHUNK - 16, CHUNK, CHUNK + 16, CHUNK + 32, 2 * CHUNK + 48, 3 * CHUNK - 16, 200 * 1024 + 48])(
      '%i bytes across chunks equal the reference',
      (size) => {
        const chunked = new SeededBytes(size);
        const key = chunked.bytes(32);
        const iv = chunked.bytes(32);
        const plaintext = chunked.bytes(size);
        const encrypted = igeEncryptThroughCbc(plaintext, key, iv, xorPasses);
        expect(Buffer.from(encrypted).equals(Buffer.from(referenceIgeEncrypt(plaintext, key, iv)))).toBe(
          true,
        );
      },
    );

    it('reads views at odd offsets and leaves its inputs alone', () => {
      const key = random.bytes(32);
      const iv = random.bytes(32);
      const backing = random.bytes(CHUNK + 16 * 9 + 3);
      const plaintext = backing.subarray(3, 3 + CHUNK + 16 * 9);
      const [backingBefore, ivBefore] = [toHex(backing), toHex(iv)];
      expect(toHex(igeEncryptThroughCbc(plaintext, key, iv, xorPasses))).toBe(
        toHex(referenceIgeEncrypt(plaintext, key, iv)),
      );
      expect([toHex(backing), toHex(iv)]).toEqual([backingBefore, ivBefore]);
    });

    it('a short message after a long one starts from its own iv', () => {
      const key = random.bytes(32);
      igeEncryptThroughCbc(random.bytes(2 * CHUNK + 32), key, random.bytes(32), xorPasses);
      const iv = random.bytes(32);
      const plaintext = random.bytes(48);
      expect(toHex(igeEncryptThroughCbc(plaintext, key, iv, xorPasses))).toBe(
        toHex(referenceIgeEncrypt(plaintext, key, iv)),
      );
    });
  });

  it('SIMD mix gives x_i = m_i ^ m_{i-2} and unmix c_i = y_i ^ m_{i-1}, at and after the first chunk', () => {
    const iv = random.bytes(32);
    const data = random.bytes(CHUNK + 16 * 5);
    const history = (start: number, index: number): number =>
      // The byte `index` (negative: before the chunk) of the message extended by m_{-2} = 0, m_{-1}.
      start + index >= 0 ? data[start + index] : start + index >= -16 ? iv[32 + start + index] : 0;
    for (const [start, end] of [
      [0, CHUNK],
      [CHUNK, data.length],
    ]) {
      const mixed = simd.mix(data, start, end, iv).slice();
      const expectedMixed = Uint8Array.from(
        { length: end - start },
        (_, i) => data[start + i] ^ history(start, i - 32),
      );
      expect(toHex(mixed)).toBe(toHex(expectedMixed));
      const chained = random.bytes(end - start);
      const expectedCipher = Uint8Array.from(chained, (byte, i) => byte ^ history(start, i - 16));
      expect(toHex(simd.unmix(chained))).toBe(toHex(expectedCipher));
    }
    simd.wipe();
  });

  it('the committed WebAssembly binary is what the kernel source builds today', () => {
    const committed = readFileSync(
      path.join(__dirname, '../../src/crypto/generated/ige-xor-simd-wasm-binary.ts'),
      'utf8',
    );
    expect(committed).toBe(renderIgeXorWasmModule(buildIgeXorSimdWasm()));
  });
});
