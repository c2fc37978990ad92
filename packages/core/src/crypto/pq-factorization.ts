/**
 * Splitting the pq of resPQ into its two prime factors (core.telegram.org/mtproto/auth_key, step 2:
 * "pq is a representation of a natural number (in binary big endian format). This number is the
 * product of two different odd prime numbers. Normally, pq is less than or equal to 2^63-1").
 *
 * The method is Pollard's rho with Brent's cycle detection and batched gcd (R. P. Brent, "An improved
 * Monte Carlo factorization algorithm", BIT 20, 1980): about sqrt(p) steps of a quadratic map mod pq,
 * so the cost of one modular multiplication decides the speed. Below 2^64 (every pq Telegram sends)
 * the steps run in the WebAssembly kernel of pq-rho-wasm.ts, with native 64-bit Montgomery
 * multiplication; where WebAssembly is unavailable, and above 2^64 (up to 128 bits, with a smaller
 * budget), in the TypeScript of pq-rho-js.ts. Whatever the path, the answer is checked here.
 */
import { SecurityError } from '../errors/security-error';
import { bigIntToBytes, bytesToBigInt } from './big-integers';
import { findDivisorTypeScript } from './pq-rho-js';
import { WasmPqRho } from './pq-rho-wasm';
import { isProbablePrime } from './primes';

/** The WebAssembly kernel and the limb path of the TypeScript one take n below 2^64. */
const WORD_LIMIT = 1n << 64n;
/** Give up after this many steps over all attempts: about 200 times the expected work below 2^64. */
const STEP_BUDGET = 1 << 24;
/** The bigint path is some 10 times slower per step; its budget keeps a hostile pq under a second. */
const BIGINT_STEP_BUDGET = 1 << 20;
/** Far past anything Telegram sends (64 bits); larger input is refused before any work. */
const MAX_PQ_BITS = 128;

/** The two factors of a pq, smaller first. */
export interface PqFactors {
  readonly p: bigint;
  readonly q: bigint;
}

/**
 * Factors the pq of resPQ (big-endian bytes) into p < q, both returned as big-endian bytes in their
 * shortest form (4 bytes each for Telegram's 32-bit primes), ready for p_q_inner_data.
 *
 * Throws a {@link SecurityError} when pq is not the product of two different primes, or when no factor
 * is found within the step budget (a pq far larger than Telegram sends).
 *
 * @example
 * ```ts
 * const { p, q } = factorizePq(hexToBytes('17ED48941A08F981')); // 494C553B, 53911073
 * ```
 */
export function factorizePq(pq: Uint8Array): { p: Uint8Array; q: Uint8Array } {
  const { p, q } = factorizeSemiprime(bytesToBigInt(pq));
  return { p: bigIntToBytes(p), q: bigIntToBytes(q) };
}

/** {@link factorizePq} on a bigint: returns the two different prime factors of `pq`, p < q. */
export function factorizeSemiprime(pq: bigint): PqFactors {
  if (pq < 6n) throw new SecurityError(`pq ${pq} is not a product of two different primes`);
  if (pq >= 1n << BigInt(MAX_PQ_BITS)) {
    throw new SecurityError(`pq has more than ${MAX_PQ_BITS} bits; Telegram sends 64-bit pq`);
  }
  const divisor = findDivisor(pq);
  const other = pq / divisor;
  const [p, q] = divisor < other ? [divisor, other] : [other, divisor];
  if (p === q || !isProbablePrime(p) || !isProbablePrime(q)) {
    throw new SecurityError(
      `pq 0x${pq.toString(16)} is not a product of two different primes (found ${p} * ${q})`,
    );
  }
  return { p, q };
}

function findDivisor(n: bigint): bigint {
  if ((n & 1n) === 0n) return 2n;
  for (let small = 3n; small < 1000n; small += 2n) if (n % small === 0n) return small;
  if (isProbablePrime(n)) throw new SecurityError(`pq 0x${n.toString(16)} is prime, not a product of two`);
  const isProperDivisor = (divisor: bigint | undefined): divisor is bigint =>
    divisor !== undefined && divisor > 1n && divisor < n && n % divisor === 0n;
  const wasm = n < WORD_LIMIT ? WasmPqRho.shared() : null;
  let divisor = wasm?.findDivisor(n, STEP_BUDGET);
  // Running out of budget in the kernel is final; anything else that is not a proper divisor would be
  // a kernel bug, and the TypeScript path gets its turn.
  if (wasm === null || (divisor !== undefined && !isProperDivisor(divisor))) {
    divisor = findDivisorTypeScript(n, n < WORD_LIMIT ? STEP_BUDGET : BIGINT_STEP_BUDGET);
  }
  if (!isProperDivisor(divisor)) {
    throw new SecurityError(`pq 0x${n.toString(16)} could not be factored within the step budget`);
  }
  return divisor;
}
