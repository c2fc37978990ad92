import { sha256 } from '../../src/crypto/hashes';
import type { DecodedFrame, FrameCodec, RandomBytes } from '../../src/transport/frame-codec';

/** A deterministic byte stream for tests: SHA-256(seed || counter) blocks. Never for real keys. */
export function seededRandom(seed: string): RandomBytes {
  const seedBytes = new TextEncoder().encode(seed);
  let counter = 0;
  let pool: Uint8Array = new Uint8Array(0);
  let offset = 0;
  return (length) => {
    const out = new Uint8Array(length);
    for (let written = 0; written < length;) {
      if (offset === pool.length) {
        pool = sha256(seedBytes, Uint8Array.of(counter >>> 24, counter >>> 16, counter >>> 8, counter));
        counter++;
        offset = 0;
      }
      const take = Math.min(length - written, pool.length - offset);
      out.set(pool.subarray(offset, offset + take), written);
      written += take;
      offset += take;
    }
    return out;
  };
}

/** `length` bytes with a recognisable pattern, different for each `salt`. */
export function patternPayload(length: number, salt = 0): Uint8Array {
  const payload = new Uint8Array(length);
  for (let index = 0; index < length; index++) payload[index] = (index * 31 + salt * 7 + 1) & 0xff;
  return payload;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Feeds `bytes` one byte at a time, collecting every frame. */
export function feedBytewise(codec: FrameCodec, bytes: Uint8Array): DecodedFrame[] {
  const frames: DecodedFrame[] = [];
  for (let index = 0; index < bytes.length; index++)
    frames.push(...codec.feed(bytes.subarray(index, index + 1)));
  return frames;
}

/** Feeds `bytes` in chunks of seeded random sizes between 1 and `maxChunk`. */
export function feedRandomChunks(
  codec: FrameCodec,
  bytes: Uint8Array,
  seed: string,
  maxChunk = 97,
): DecodedFrame[] {
  const random = seededRandom(seed);
  const frames: DecodedFrame[] = [];
  for (let offset = 0; offset < bytes.length;) {
    const size = 1 + (random(1)[0] % maxChunk);
    frames.push(...codec.feed(bytes.slice(offset, offset + size)));
    offset += size;
  }
  return frames;
}

/** The payloads of `frames`, failing on anything else. */
export function payloadsOf(frames: DecodedFrame[]): Uint8Array[] {
  return frames.map((frame) => {
    if (frame.type !== 'payload') throw new Error(`expected a payload, got ${frame.type}`);
    return frame.payload;
  });
}

/** Runs `action` and returns the error it throws (failing the test when it does not throw). */
export function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, none was thrown');
}

export function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.replace(/\s+/g, '').match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/** Byte equality that stays fast on large arrays (jest's toEqual walks typed arrays element by element). */
export function expectBytes(actual: Uint8Array, expected: Uint8Array): void {
  if (Buffer.compare(actual, expected) === 0) return;
  expect(Buffer.from(actual).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
}
