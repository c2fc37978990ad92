import { SeededRandom } from '../fixtures/seeded-random';

/** The sizes the AES-IGE benches run at: typical file-transfer part sizes (upload.saveFilePart allows up to 512 KiB). */
export const aesIgeSizes = [
  { label: '512KiB', bytes: 512 * 1024 },
  { label: '1MiB', bytes: 1024 * 1024 },
] as const;

/** Key, IV and plaintext for one AES-IGE bench, the same for every implementation. */
export interface AesIgeFixture {
  readonly key: Uint8Array;
  /** 32 bytes: MTProto's IGE IV is two AES blocks. */
  readonly iv: Uint8Array;
  readonly plaintext: Uint8Array;
}

/** Deterministic key, IV and data of the given size. */
export function aesIgeFixture(bytes: number): AesIgeFixture {
  const random = new SeededRandom(0x1ce_a5e5 + bytes);
  return { key: random.bytes(32), iv: random.bytes(32), plaintext: random.bytes(bytes) };
}

/** Throws unless every output equals the first one, naming who disagreed. */
export function assertSameBytes(
  what: string,
  outputs: ReadonlyArray<{ impl: string; bytes: Uint8Array }>,
): void {
  const [first, ...others] = outputs;
  for (const other of others) {
    if (!Buffer.from(first.bytes).equals(Buffer.from(other.bytes))) {
      throw new Error(`${what}: ${other.impl} disagrees with ${first.impl}; refusing to time wrong answers`);
    }
  }
}
