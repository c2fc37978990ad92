import { bitLength, bytesToBigInt, modPow } from './big-integers';
import { secureRandomSource, type RandomSource } from './random-source';

/** Odd primes below 200, for cheap trial division before Miller–Rabin. */
const SMALL_PRIMES: readonly bigint[] = [
  3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107,
  109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179, 181, 191, 193, 197, 199,
].map(BigInt);

/**
 * Witnesses that make Miller–Rabin exact below 3,317,044,064,679,887,385,961,981 (Sorenson & Webster,
 * 2015): the first 13 primes. For smaller numbers there is no need for random bases at all.
 */
const DETERMINISTIC_WITNESSES: readonly bigint[] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41].map(
  BigInt,
);
const DETERMINISTIC_LIMIT = 3317044064679887385961981n;
/**
 * Witnesses 2, 7 and 61 make Miller–Rabin exact below 4,759,123,141 (G. Jaeschke, "On strong
 * pseudoprimes to several bases", Math. Comp. 61, 1993): every 32-bit p and q, at 3 powers instead of 13.
 */
const SMALL_WITNESSES: readonly bigint[] = [2n, 7n, 61n];
const SMALL_WITNESS_LIMIT = 4759123141n;

/**
 * Miller–Rabin primality test. Exact (fixed witnesses) below about 3.3 * 10^24, which covers the 32-bit
 * p and q of the key exchange; above that, `rounds` random witnesses drawn from `random` give an error
 * probability below 4^-rounds.
 */
export function isProbablePrime(
  candidate: bigint,
  rounds = 24,
  random: RandomSource = secureRandomSource,
): boolean {
  if (candidate < 2n) return false;
  if (candidate === 2n) return true;
  if ((candidate & 1n) === 0n) return false;
  for (const prime of SMALL_PRIMES) {
    if (candidate === prime) return true;
    if (candidate % prime === 0n) return false;
  }
  let oddPart = candidate - 1n;
  let twos = 0;
  while ((oddPart & 1n) === 0n) {
    oddPart >>= 1n;
    twos++;
  }
  const passes = (witness: bigint): boolean => {
    let value = modPow(witness, oddPart, candidate);
    if (value === 1n || value === candidate - 1n) return true;
    for (let step = 1; step < twos; step++) {
      value = (value * value) % candidate;
      if (value === candidate - 1n) return true;
      if (value === 1n) return false;
    }
    return false;
  };
  if (candidate < SMALL_WITNESS_LIMIT) return SMALL_WITNESSES.every(passes);
  if (candidate < DETERMINISTIC_LIMIT) return DETERMINISTIC_WITNESSES.every(passes);
  const byteLength = Math.ceil(bitLength(candidate) / 8);
  for (let round = 0; round < rounds; round++) {
    // A witness uniform enough in [2, candidate - 2]; the tiny bias of the reduction does not matter.
    const witness = (bytesToBigInt(random(byteLength + 8)) % (candidate - 3n)) + 2n;
    if (!passes(witness)) return false;
  }
  return true;
}

/**
 * A random prime of exactly `bits` bits (top bit set), e.g. the 32-bit p and q a server multiplies
 * into the pq of resPQ (core.telegram.org/mtproto/auth_key, step 2).
 */
export function generateRandomPrime(bits: number, random: RandomSource = secureRandomSource): bigint {
  if (!Number.isInteger(bits) || bits < 2) throw new RangeError(`cannot make a prime of ${bits} bits`);
  const byteLength = Math.ceil(bits / 8);
  const mask = (1n << BigInt(bits)) - 1n;
  const topBit = 1n << BigInt(bits - 1);
  for (;;) {
    const candidate = (bytesToBigInt(random(byteLength)) & mask) | topBit | (bits > 2 ? 1n : 0n);
    if (isProbablePrime(candidate, 24, random)) return candidate;
  }
}
