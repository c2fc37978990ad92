/**
 * Pollard's rho with Brent's cycle detection and batched gcd (R. P. Brent, "An improved Monte Carlo
 * factorization algorithm", BIT 20, 1980) in TypeScript: the fallback of pq-factorization.ts where
 * WebAssembly is unavailable, and its path for pq above 2^64.
 *
 * The work is about sqrt(p) steps of x -> x^2 + c mod pq, so the cost of one modular multiplication
 * decides the speed. bigint arithmetic allocates on every operation; for pq below 2^64 (every pq Telegram
 * sends) the steps run instead on three 22-bit limbs held in doubles with Montgomery reduction, where
 * every intermediate value stays an exact integer below 2^53. Larger inputs take a plain bigint path.
 */
import { gcd } from './big-integers';

// Math's functions held locally: under a vm context (jest) every global lookup of `Math` goes through
// an interceptor that keeps the hot loop from being optimised.
const { floor, imul } = Math;
const LIMB = 4194304; // 2^22
const LIMB_MASK = LIMB - 1;
const INVERSE_LIMB = 1 / LIMB; // exact: a power of two
/** The limb path needs 4n < R = 2^66 (see montgomeryMultiply): every pq of 64 bits or less. */
const LIMB_PATH_LIMIT = 1n << 64n;
/** Iterations between gcds: each gcd is a bigint operation, so batches keep them rare. */
const BATCH = 256;
const MAX_ATTEMPTS = 16;

/**
 * A divisor of the odd composite n other than 1 and n (possibly composite: the caller checks), or
 * undefined when `budget` steps over all attempts found none. Limbs below 2^64, bigints above.
 */
export function findDivisorTypeScript(n: bigint, budget: number): bigint | undefined {
  let remaining = budget;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS && remaining > 0; attempt++) {
    // Fixed, different polynomial constants and starting points per attempt keep the result a pure
    // function of n (no randomness needed) while still escaping an unlucky cycle.
    const constant = attempt;
    const start = attempt + 1;
    const result =
      n < LIMB_PATH_LIMIT
        ? brentLimbs(n, constant, start, remaining)
        : brentBigInt(n, constant, start, remaining);
    remaining -= result.steps;
    if (result.divisor !== undefined && result.divisor !== n) return result.divisor;
  }
  return undefined;
}

interface BrentResult {
  readonly divisor: bigint | undefined;
  readonly steps: number;
}

// Result of montgomeryMultiply. Module-level scratch rather than a returned object, so the hot loop
// allocates nothing; the factorisation is synchronous and never re-entered.
let result0 = 0;
let result1 = 0;
let result2 = 0;

/**
 * Montgomery multiplication modulo an odd n < 2^64 on three 22-bit limbs (R = 2^66), low limb first:
 * (result0, result1, result2) = a * b * R^-1 (mod n). Inputs below 2n give a result below
 * 4n^2 / R + n < 2n (because 4n < R), so values never need the usual final subtraction: rho only
 * needs the residues mod n right, not canonical representatives.
 * `nPrime` is -n^-1 mod 2^22. Every partial sum stays below 2^50, so the doubles hold it exactly.
 */
function montgomeryMultiply(
  a0: number,
  a1: number,
  a2: number,
  b0: number,
  b1: number,
  b2: number,
  n0: number,
  n1: number,
  n2: number,
  nPrime: number,
): void {
  const c0 = a0 * b0;
  let c1 = a0 * b1 + a1 * b0;
  let c2 = a0 * b2 + a1 * b1 + a2 * b0;
  let c3 = a1 * b2 + a2 * b1;
  let c4 = a2 * b2;
  // Word-by-word reduction: m makes the lowest word divisible by 2^22, which is then shifted out.
  // imul converts its arguments modulo 2^32, so it sees the low bits of c exactly.
  let m = imul(c0, nPrime) & LIMB_MASK;
  c1 += (c0 + m * n0) * INVERSE_LIMB + m * n1;
  c2 += m * n2;
  m = imul(c1, nPrime) & LIMB_MASK;
  c2 += (c1 + m * n0) * INVERSE_LIMB + m * n1;
  c3 += m * n2;
  m = imul(c2, nPrime) & LIMB_MASK;
  c3 += (c2 + m * n0) * INVERSE_LIMB + m * n1;
  c4 += m * n2;
  const carry = floor(c3 * INVERSE_LIMB);
  result0 = c3 - carry * LIMB;
  c4 += carry;
  result2 = floor(c4 * INVERSE_LIMB);
  result1 = c4 - result2 * LIMB;
}

/**
 * (result0, result1, result2) = y^2 + c, the rho step, kept below 2n: the constant can push the sum
 * past 2n, and then n comes off (rarely, so the comparison is almost always settled by the top limb).
 */
function squarePlusConstant(
  y0: number,
  y1: number,
  y2: number,
  constant: number,
  n0: number,
  n1: number,
  n2: number,
  nPrime: number,
  twice0: number,
  twice1: number,
  twice2: number,
): void {
  montgomeryMultiply(y0, y1, y2, y0, y1, y2, n0, n1, n2, nPrime);
  let z0 = result0 + constant;
  let z1 = result1;
  let z2 = result2;
  if (z0 >= LIMB) {
    z0 -= LIMB;
    z1++;
    if (z1 >= LIMB) {
      z1 -= LIMB;
      z2++;
    }
  }
  if (z2 > twice2 || (z2 === twice2 && (z1 > twice1 || (z1 === twice1 && z0 >= twice0)))) {
    z0 -= n0;
    z1 -= n1;
    z2 -= n2;
    if (z0 < 0) {
      z0 += LIMB;
      z1--;
    }
    if (z1 < 0) {
      z1 += LIMB;
      z2--;
    }
  }
  result0 = z0;
  result1 = z1;
  result2 = z2;
}

function limbsToBigInt(l0: number, l1: number, l2: number): bigint {
  return BigInt(l0) + (BigInt(l1) << 22n) + (BigInt(l2) << 44n);
}

/** |x - y| of two limb triples, as a bigint (used off the hot path only). */
function limbDifference(x0: number, x1: number, x2: number, y0: number, y1: number, y2: number): bigint {
  const x = limbsToBigInt(x0, x1, x2);
  const y = limbsToBigInt(y0, y1, y2);
  return x > y ? x - y : y - x;
}

function brentLimbs(n: bigint, constant: number, start: number, budget: number): BrentResult {
  const n0 = Number(n & BigInt(LIMB_MASK));
  const n1 = Number((n >> 22n) & BigInt(LIMB_MASK));
  const n2 = Number(n >> 44n);
  // Newton's iteration for n0^-1 mod 2^22 (each step doubles the number of correct low bits).
  let inverse = 1n;
  for (let round = 0; round < 5; round++) {
    inverse = (inverse * (2n - BigInt(n0) * inverse)) & BigInt(LIMB_MASK);
  }
  const nPrime = (LIMB - Number(inverse)) & LIMB_MASK;
  const twice = 2n * n;
  const twice0 = Number(twice & BigInt(LIMB_MASK));
  const twice1 = Number((twice >> 22n) & BigInt(LIMB_MASK));
  const twice2 = Number(twice >> 44n);

  let y0 = start, y1 = 0, y2 = 0; // prettier-ignore
  let x0 = 0, x1 = 0, x2 = 0; // prettier-ignore
  let saved0 = 0, saved1 = 0, saved2 = 0; // prettier-ignore
  let q0 = 1, q1 = 0, q2 = 0; // prettier-ignore
  let steps = 0;
  let range = 1;
  let divisor = 1n;
  while (divisor === 1n) {
    x0 = y0;
    x1 = y1;
    x2 = y2;
    for (let index = 0; index < range; index++) {
      squarePlusConstant(y0, y1, y2, constant, n0, n1, n2, nPrime, twice0, twice1, twice2);
      y0 = result0;
      y1 = result1;
      y2 = result2;
    }
    steps += range;
    for (let done = 0; done < range && divisor === 1n; done += BATCH) {
      saved0 = y0;
      saved1 = y1;
      saved2 = y2;
      const count = Math.min(BATCH, range - done);
      for (let index = 0; index < count; index++) {
        squarePlusConstant(y0, y1, y2, constant, n0, n1, n2, nPrime, twice0, twice1, twice2);
        y0 = result0;
        y1 = result1;
        y2 = result2;
        // |x - y| on limbs: compare from the top limb, subtract, then propagate borrows.
        let d0: number, d1: number, d2: number; // prettier-ignore
        if (x2 !== y2 ? x2 > y2 : x1 !== y1 ? x1 > y1 : x0 >= y0) {
          d0 = x0 - y0;
          d1 = x1 - y1;
          d2 = x2 - y2;
        } else {
          d0 = y0 - x0;
          d1 = y1 - x1;
          d2 = y2 - x2;
        }
        if (d0 < 0) {
          d0 += LIMB;
          d1--;
        }
        if (d1 < 0) {
          d1 += LIMB;
          d2--;
        }
        montgomeryMultiply(q0, q1, q2, d0, d1, d2, n0, n1, n2, nPrime);
        q0 = result0;
        q1 = result1;
        q2 = result2;
      }
      steps += count;
      divisor = gcd(limbsToBigInt(q0, q1, q2), n);
    }
    range *= 2;
    if (steps > budget) return { divisor: undefined, steps };
  }
  if (divisor === n) {
    // The batch overshot and collected both factors at once: replay it one step at a time.
    y0 = saved0;
    y1 = saved1;
    y2 = saved2;
    do {
      squarePlusConstant(y0, y1, y2, constant, n0, n1, n2, nPrime, twice0, twice1, twice2);
      y0 = result0;
      y1 = result1;
      y2 = result2;
      steps++;
      divisor = gcd(limbDifference(x0, x1, x2, y0, y1, y2), n);
    } while (divisor === 1n && steps <= budget);
  }
  return { divisor: divisor === 1n ? undefined : divisor, steps };
}

function brentBigInt(n: bigint, constant: number, start: number, budget: number): BrentResult {
  const c = BigInt(constant);
  const step = (value: bigint): bigint => (value * value + c) % n;
  let y = BigInt(start);
  let x = y;
  let ys = y;
  let product = 1n;
  let divisor = 1n;
  let range = 1;
  let steps = 0;
  while (divisor === 1n) {
    x = y;
    for (let index = 0; index < range; index++) y = step(y);
    steps += range;
    for (let done = 0; done < range && divisor === 1n; done += BATCH) {
      ys = y;
      const count = Math.min(BATCH, range - done);
      for (let index = 0; index < count; index++) {
        y = step(y);
        product = (product * (x > y ? x - y : y - x)) % n;
      }
      steps += count;
      divisor = gcd(product, n);
    }
    range *= 2;
    if (steps > budget) return { divisor: undefined, steps };
  }
  if (divisor === n) {
    do {
      ys = step(ys);
      steps++;
      divisor = gcd(x > ys ? x - ys : ys - x, n);
    } while (divisor === 1n && steps <= budget);
  }
  return { divisor: divisor === 1n ? undefined : divisor, steps };
}
