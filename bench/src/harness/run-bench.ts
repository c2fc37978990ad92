import type { BenchDefinition, BenchImplementation } from './bench-definition';
import type { MeasureOptions } from './measure-options';

/** The median rate of one implementation and the per-round rates it came from. */
export interface ImplementationResult {
  readonly implementation: BenchImplementation;
  readonly operationsPerSecond: number;
  readonly roundRates: readonly number[];
}

const nanosecondsPerSecond = 1e9;

// Results go here so the engine must assume they are used and cannot drop the work as dead code.
let sink: unknown;

function runTimeBoxed(implementation: BenchImplementation, milliseconds: number, startIndex: number): number {
  const budget = BigInt(Math.round(milliseconds * 1e6));
  const start = process.hrtime.bigint();
  let index = startIndex;
  do {
    sink = implementation.operation(index);
    index += 1;
  } while (process.hrtime.bigint() - start < budget);
  return index;
}

function runCount(implementation: BenchImplementation, count: number, startIndex: number): number {
  let index = startIndex;
  for (const end = startIndex + count; index < end; index += 1) {
    sink = implementation.operation(index);
  }
  return index;
}

function timeRound(
  implementation: BenchImplementation,
  options: MeasureOptions,
  fixedOperations: number | undefined,
  startIndex: number,
): { rate: number; nextIndex: number } {
  const start = process.hrtime.bigint();
  const nextIndex =
    fixedOperations === undefined
      ? runTimeBoxed(implementation, options.roundMilliseconds, startIndex)
      : runCount(implementation, fixedOperations, startIndex);
  const elapsedNanoseconds = Number(process.hrtime.bigint() - start);
  return { rate: ((nextIndex - startIndex) * nanosecondsPerSecond) / elapsedNanoseconds, nextIndex };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Warms every implementation up, then measures them in interleaved rounds (round 1 of each, then
 * round 2 of each, ...). Interleaving matters on a shared machine: a burst of load from another
 * process then hits one round of every implementation rather than all rounds of one, and the
 * median throws that round away.
 */
export function runBench(
  bench: BenchDefinition,
  implementations: readonly BenchImplementation[],
  options: MeasureOptions,
  quick: boolean,
): ImplementationResult[] {
  const fixedOperations = bench.operationsPerRound?.(quick);
  const nextIndexes = implementations.map((implementation) =>
    runTimeBoxed(implementation, options.warmupMilliseconds, 0),
  );
  const roundRates: number[][] = implementations.map(() => []);
  for (let round = 0; round < options.rounds; round += 1) {
    implementations.forEach((implementation, position) => {
      // Fixed-work rounds start at index 0 each time so every round sees the same inputs.
      const startIndex = fixedOperations === undefined ? nextIndexes[position] : 0;
      const { rate, nextIndex } = timeRound(implementation, options, fixedOperations, startIndex);
      nextIndexes[position] = nextIndex;
      roundRates[position].push(rate);
    });
  }
  return implementations.map((implementation, position) => ({
    implementation,
    operationsPerSecond: median(roundRates[position]),
    roundRates: roundRates[position],
  }));
}

/** The last result an operation returned; exported only so the sink is observably used. */
export function lastResult(): unknown {
  return sink;
}
