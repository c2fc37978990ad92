import { SecurityError } from '../../src/errors/security-error';
import { factorizePq, factorizeSemiprime } from '../../src/crypto/pq-factorization';
import { generateRandomPrime } from '../../src/crypto/primes';
import { createSeededRandomSource } from '../../src/crypto/random-source';
import { bigIntToBytes } from '../../src/crypto/big-integers';
import { toHex } from './sample-vectors';

function randomPair(bits: number, random: ReturnType<typeof createSeededRandomSource>): [bigint, bigint] {
  const first = generateRandomPrime(bits, random);
  let second = generateRandomPrime(bits, random);
  while (second === first) second = generateRandomPrime(bits, random);
  return first < second ? [first, second] : [second, first];
}

describe('pq factorisation', () => {
  it('factors products of two random 32-bit primes, below and above 2^63', () => {
    const random = createSeededRandomSource('pq-correctness');
    let aboveHalf = 0;
    for (let index = 0; index < 150; index++) {
      const [p, q] = randomPair(32, random);
      if (p * q >= 1n << 63n) aboveHalf++;
      expect(factorizeSemiprime(p * q)).toEqual({ p, q });
    }
    expect(aboveHalf).toBeGreaterThan(0);
  });

  it('factors products of primes of unequal and small sizes', () => {
    const random = createSeededRandomSource('pq-sizes');
    for (const [smallBits, largeBits] of [
      [3, 5],
      [16, 40],
      [24, 32],
      [31, 33],
    ] as const) {
      const p = generateRandomPrime(smallBits, random);
      const q = generateRandomPrime(largeBits, random);
      expect(factorizeSemiprime(p * q)).toEqual(p < q ? { p, q } : { p: q, q: p });
    }
  });

  it('takes the bigint path for products above 2^64', () => {
    const [p, q] = randomPair(34, createSeededRandomSource('pq-wide'));
    expect(p * q).toBeGreaterThanOrEqual(1n << 64n);
    expect(factorizeSemiprime(p * q)).toEqual({ p, q });
  });

  it('returns big-endian bytes, smaller factor first', () => {
    const { p, q } = factorizePq(bigIntToBytes(0x53911073n * 0x494c553bn));
    expect([toHex(p), toHex(q)]).toEqual(['494C553B', '53911073']);
  });

  it.each([
    ['a prime', 4294967291n],
    ['a square of a prime', 4294967291n * 4294967291n],
    ['a product of three primes', 65521n * 65537n * 4294967291n],
    ['a number too small', 4n],
    ['zero', 0n],
  ])('rejects %s with a SecurityError', (_name, value) => {
    expect(() => factorizeSemiprime(value)).toThrow(SecurityError);
  });
});

describe('pq factorisation limits', () => {
  it('refuses a pq above 128 bits without trying', () => {
    expect(() => factorizeSemiprime((1n << 128n) + 1n)).toThrow(/more than 128 bits/);
  });

  it('gives up on a product of two 60-bit primes within the bigint budget', () => {
    const random = createSeededRandomSource('pq-budget');
    const p = generateRandomPrime(60, random);
    const q = generateRandomPrime(60, random);
    expect(() => factorizeSemiprime(p * q)).toThrow(/step budget/);
  });
});
