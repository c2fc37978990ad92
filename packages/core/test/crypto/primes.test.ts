import { generateRandomPrime, isProbablePrime } from '../../src/crypto/primes';
import { createSeededRandomSource } from '../../src/crypto/random-source';

describe('primes', () => {
  it('tells primes from composites, including Carmichael numbers and strong pseudoprimes', () => {
    for (const prime of [2n, 3n, 199n, 211n, 4294967291n, 2305843009213693951n])
      expect(isProbablePrime(prime)).toBe(true);
    // 561 and 41041 are Carmichael numbers; 3215031751 is a strong pseudoprime to bases 2, 3, 5 and 7.
    for (const composite of [0n, 1n, 4n, 561n, 41041n, 3215031751n, 4294967297n]) {
      expect(isProbablePrime(composite)).toBe(false);
    }
  });

  it('agrees with a sieve below 2^17 and knows the strong pseudoprimes to bases 2, 7 and 61', () => {
    const limit = 1 << 17;
    const composite = new Uint8Array(limit);
    for (let value = 2; value * value < limit; value++) {
      if (composite[value] === 0)
        for (let multiple = value * value; multiple < limit; multiple += value) composite[multiple] = 1;
    }
    for (let value = 2; value < limit; value++)
      expect(isProbablePrime(BigInt(value))).toBe(composite[value] === 0);
    // 2047 and 3277 fool base 2 alone; 4759123141 = 48781 * 97561 fools 2, 7 and 61 together, so it is
    // the first number that needs the larger witness set.
    for (const pseudoprime of [2047n, 3277n, 4033n, 4759123141n])
      expect(isProbablePrime(pseudoprime)).toBe(false);
  });

  it('uses random witnesses above the deterministic range', () => {
    const mersenne127 = (1n << 127n) - 1n;
    expect(isProbablePrime(mersenne127, 8, createSeededRandomSource('mr'))).toBe(true);
    expect(isProbablePrime(mersenne127 * 3n + 2n * 3n, 8)).toBe(false);
    expect(isProbablePrime(((1n << 127n) - 1n) * ((1n << 89n) - 1n), 8)).toBe(false);
  });

  it('generates primes of exactly the asked size, reproducibly from a seed', () => {
    const first = createSeededRandomSource('prime-gen');
    const second = createSeededRandomSource('prime-gen');
    for (let index = 0; index < 20; index++) {
      const prime = generateRandomPrime(32, first);
      expect(prime.toString(2)).toHaveLength(32);
      expect(isProbablePrime(prime)).toBe(true);
      expect(generateRandomPrime(32, second)).toBe(prime);
    }
  });
});
