import { createSeededRandomSource } from 'telegram-mtproto-core';

/** A seeded source of integers in [0, bound), for reproducible random interleavings in tests. */
export function seededIntegers(seed: string): (bound: number) => number {
  const source = createSeededRandomSource(seed);
  return (bound) => {
    const bytes = source(4);
    const value = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
    return value % bound;
  };
}
