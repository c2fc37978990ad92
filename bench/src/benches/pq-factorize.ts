import { randomFillSync } from 'node:crypto';
import { BaseCryptoProvider } from '@mtcute/core/utils.js';
import bigInt from 'big-integer';
import { Factorizator } from 'telegram/crypto/Factorizator';
import type { BenchDefinition, BenchImplementation } from '../harness/bench-definition';
import { bigintToBytes, bytesToBigint, pqSamples, type PqSample } from '../fixtures/random-primes';
import { factorizePq } from '../ours/core';

const sampleCount = 1000;
const quickSampleCount = 20;

/** A factoriser that takes pq in its library's own input form (prepared untimed) and returns [p, q]. */
interface Factoriser<Input> {
  readonly impl: string;
  readonly role: BenchImplementation['role'];
  readonly prepare: (sample: PqSample) => Input;
  readonly factorize: (input: Input) => readonly [bigint, bigint];
}

// mtcute factorises through its crypto provider; the provider only needs a random source, which
// is node's here as it is in @mtcute/node.
class NodeRandomCryptoProvider extends BaseCryptoProvider {
  randomFill(buffer: Uint8Array): void {
    randomFillSync(buffer);
  }
}

// Ours takes and returns the big-endian bytes that resPQ and p_q_inner_data carry.
function mtbotFactoriser(): Factoriser<Uint8Array> {
  return {
    impl: 'mtbot',
    role: 'ours',
    prepare: (sample) => bigintToBytes(sample.pq),
    factorize: (pq) => {
      const { p, q } = factorizePq(pq);
      return [bytesToBigint(p), bytesToBigint(q)];
    },
  };
}

function mtcuteFactoriser(): Factoriser<Uint8Array> {
  const provider = new NodeRandomCryptoProvider();
  return {
    impl: 'mtcute',
    role: 'anchor',
    prepare: (sample) => bigintToBytes(sample.pq),
    factorize: (pq) => {
      const [p, q] = provider.factorizePQ(pq);
      return [bytesToBigint(p), bytesToBigint(q)];
    },
  };
}

function gramjsFactoriser(): Factoriser<bigInt.BigInteger> {
  return {
    impl: 'gramjs',
    role: 'anchor',
    prepare: (sample) => bigInt(sample.pq.toString()),
    factorize: (pq) => {
      const { p, q } = Factorizator.factorize(pq);
      return [BigInt(p.toString()), BigInt(q.toString())];
    },
  };
}

// Every timed call checks its answer: comparing two bigints costs nothing next to a factorisation
// (milliseconds), and it means all 1,000 results are verified without a separate untimed pass.
function toImplementation<Input>(
  factoriser: Factoriser<Input>,
  samples: readonly PqSample[],
): BenchImplementation {
  const inputs = samples.map((sample) => factoriser.prepare(sample));
  return {
    impl: factoriser.impl,
    role: factoriser.role,
    operation: (index) => {
      const sample = samples[index % samples.length];
      const [p, q] = factoriser.factorize(inputs[index % samples.length]);
      if (p !== sample.p || q !== sample.q) {
        throw new Error(`pq-factorize: ${factoriser.impl} factorised ${sample.pq} as ${p} * ${q}`);
      }
      return p;
    },
  };
}

/**
 * `pq-factorize`: average microseconds to factorise pq (step 2 of the auth key exchange) over
 * 1,000 products of two random 32-bit primes (20 with `--quick`). The rounds split the set, so
 * every implementation goes through exactly the same numbers once, checking each answer. Lower is better; the ratio line is
 * still "ours / anchor in rate", so >1 means ours is faster.
 */
export const pqFactorizeBench: BenchDefinition = {
  name: 'pq-factorize',
  unit: 'us/op',
  fixedOperations: (quick) => (quick ? quickSampleCount : sampleCount),
  implementations: () => {
    const samples = pqSamples(sampleCount, 0x70_71);
    return [
      toImplementation(mtbotFactoriser(), samples),
      toImplementation(mtcuteFactoriser(), samples),
      toImplementation(gramjsFactoriser(), samples),
    ];
  },
};
