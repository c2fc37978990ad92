import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildPqRhoWasm, type PqRhoKernelOptions } from '../../scripts/wasm/pq-rho-kernel';
import { renderPqRhoWasmModule } from '../../scripts/wasm/render-pq-rho-wasm-module';
import { SecurityError } from '../../src/errors/security-error';
import { factorizePq, factorizeSemiprime, type PqFactors } from '../../src/crypto/pq-factorization';
import { findDivisorTypeScript } from '../../src/crypto/pq-rho-js';
import { WasmPqRho } from '../../src/crypto/pq-rho-wasm';
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

/** The pair {p, q} a divisor of pq stands for, smaller first. */
function pairFrom(pq: bigint, divisor: bigint | undefined): PqFactors | undefined {
  if (divisor === undefined || divisor <= 1n || divisor >= pq || pq % divisor !== 0n) return undefined;
  const other = pq / divisor;
  return divisor < other ? { p: divisor, q: other } : { p: other, q: divisor };
}

describe('pq factorisation backends', () => {
  const wasm = WasmPqRho.create();

  it('WebAssembly factors 400 random products of two 32-bit primes, a share of them above 2^63', () => {
    const random = createSeededRandomSource('pq-wasm');
    let aboveHalf = 0;
    for (let index = 0; index < 400; index++) {
      const [p, q] = randomPair(32, random);
      if (p * q >= 1n << 63n) aboveHalf++;
      expect(pairFrom(p * q, wasm.findDivisor(p * q, 1 << 24))).toEqual({ p, q });
    }
    expect(aboveHalf).toBeGreaterThan(50);
  });

  it('WebAssembly and the TypeScript fallback agree, up to products just below 2^64', () => {
    const random = createSeededRandomSource('pq-backends');
    const products: [bigint, bigint][] = [];
    for (let index = 0; index < 30; index++) products.push(randomPair(32, random));
    // The largest 32-bit primes, so pq is within 2^34 of 2^64.
    products.push([4294967279n, 4294967291n]);
    for (const [p, q] of products) {
      const fromWasm = pairFrom(p * q, wasm.findDivisor(p * q, 1 << 24));
      const fromTypeScript = pairFrom(p * q, findDivisorTypeScript(p * q, 1 << 24));
      expect(fromWasm).toEqual({ p, q });
      expect(fromTypeScript).toEqual(fromWasm);
    }
  });

  it.each<PqRhoKernelOptions>([{ walks: 1 }, { walks: 3 }, { walks: 2, batch: 1 << 16 }])(
    'a kernel built with %j factors every product of two primes below 100',
    (options) => {
      // Tiny moduli make both primes' cycles close in the same batch, and often at the same step,
      // which exercises the replay of a batch and the restart with new constants.
      const kernel = WasmPqRho.fromBinary(buildPqRhoWasm(options));
      const primes = [3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n, 41n, 43n, 47n, 53n, 59n, 61n];
      for (const p of primes) {
        for (const q of primes.filter((prime) => prime > p)) {
          expect(pairFrom(p * q, kernel.findDivisor(p * q, 1 << 16))).toEqual({ p, q });
        }
      }
      const [p, q] = randomPair(32, createSeededRandomSource(`pq-kernel-${JSON.stringify(options)}`));
      expect(pairFrom(p * q, kernel.findDivisor(p * q, 1 << 24))).toEqual({ p, q });
    },
  );

  it('the WebAssembly kernel reports an exhausted budget as undefined', () => {
    const [p, q] = randomPair(32, createSeededRandomSource('pq-small-budget'));
    expect(wasm.findDivisor(p * q, 16)).toBeUndefined();
  });

  it('the WebAssembly kernel refuses n it cannot take', () => {
    for (const n of [0n, 1n, 1n << 64n, 4294967296n])
      expect(() => wasm.findDivisor(n, 16)).toThrow(RangeError);
  });

  it('factorizeSemiprime works without WebAssembly, through the TypeScript fallback', async () => {
    const global = globalThis as { WebAssembly?: unknown };
    const saved = global.WebAssembly;
    const [p, q] = randomPair(32, createSeededRandomSource('pq-no-wasm'));
    try {
      global.WebAssembly = undefined;
      await jest.isolateModulesAsync(async () => {
        const isolated = await import('../../src/crypto/pq-rho-wasm');
        expect(isolated.WasmPqRho.shared()).toBeNull();
        const { factorizeSemiprime: factorizeWithoutWasm } =
          await import('../../src/crypto/pq-factorization');
        expect(factorizeWithoutWasm(p * q)).toEqual({ p, q });
      });
    } finally {
      global.WebAssembly = saved;
    }
  });

  it('the committed WebAssembly binary is what the kernel source builds today', () => {
    const committed = readFileSync(
      path.join(__dirname, '../../src/crypto/generated/pq-rho-wasm-binary.ts'),
      'utf8',
    );
    expect(committed).toBe(renderPqRhoWasmModule(buildPqRhoWasm()));
  });
});
