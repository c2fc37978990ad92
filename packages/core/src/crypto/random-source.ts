import { randomBytes } from 'node:crypto';
import { sha256 } from './hashes';

/**
 * Where cryptographic randomness comes from: a function returning `length` fresh random bytes.
 *
 * Everything in `crypto/`, `auth/` and `session/` that needs randomness takes one of these, so tests
 * can replay published vectors and runs can be reproduced with {@link createSeededRandomSource}.
 */
export interface RandomSource {
  (length: number): Uint8Array;
}

/** The default source: node's CSPRNG (`crypto.randomBytes`). */
export const secureRandomSource: RandomSource = (length) => {
  const bytes = randomBytes(length);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};

/**
 * A deterministic source for tests: the stream SHA-256(seed || counter) for counter = 0, 1, 2, ...
 * Two sources made from the same seed give the same bytes. Never use it for real keys.
 *
 * @example
 * ```ts
 * const random = createSeededRandomSource('auth-key-test');
 * const nonce = random(16);
 * ```
 */
export function createSeededRandomSource(seed: string | Uint8Array): RandomSource {
  const seedBytes = typeof seed === 'string' ? new TextEncoder().encode(seed) : seed.slice();
  let counter = 0;
  let pool: Uint8Array = new Uint8Array(0);
  let poolOffset = 0;
  return (length) => {
    if (!Number.isInteger(length) || length < 0) throw new RangeError(`invalid random length ${length}`);
    const out = new Uint8Array(length);
    let written = 0;
    while (written < length) {
      if (poolOffset === pool.length) {
        const counterBytes = new Uint8Array(8);
        new DataView(counterBytes.buffer).setBigUint64(0, BigInt(counter++));
        pool = sha256(seedBytes, counterBytes);
        poolOffset = 0;
      }
      const take = Math.min(length - written, pool.length - poolOffset);
      out.set(pool.subarray(poolOffset, poolOffset + take), written);
      written += take;
      poolOffset += take;
    }
    return out;
  };
}
