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

function runCount(
  implementation: BenchImplementation,
  count: number,
  startIndex: number,
  operationNanoseconds?: number[],
): number {
  let index = startIndex;
  for (const end = startIndex + count; index < end; index += 1) {
    const start = operationNanoseconds === undefined ? 0n : process.hrtime.bigint();
    sink = implementation.operation(index);
    operationNanoseconds?.push(Number(process.hrtime.bigint() - start));
  }
  return index;
}

interface RoundTiming {
  readonly operations: number;
  readonly elapsedNanoseconds: number;
}

function timeRound(
  implementation: BenchImplementation,
  options: MeasureOptions,
  operationsThisRound: number | undefined,
  startIndex: number,
  operationNanoseconds: number[] | undefined,
): RoundTiming {
  const start = process.hrtime.bigint();
  const nextIndex =
    operationsThisRound === undefined
      ? runTimeBoxed(implementation, options.roundMilliseconds, startIndex)
      : runCount(implementation, operationsThisRound, startIndex, operationNanoseconds);
  return { operations: nextIndex - startIndex, elapsedNanoseconds: Number(process.hrtime.bigint() - start) };
}

function rateOf(timings: readonly RoundTiming[]): number {
  const operations = timings.reduce((total, timing) => total + timing.operations, 0);
  const elapsed = timings.reduce((total, timing) => total + timing.elapsedNanoseconds, 0);
  return (operations * nanosecondsPerSecond) / elapsed;
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
  const fixedOperations = bench.fixedOperations?.(quick);
  implementations.forEach((implementation) => runTimeBoxed(implementation, options.warmupMilliseconds, 0));
  const timings: RoundTiming[][] = implementations.map(() => []);
  const nextIndexes = implementations.map(() => 0);
  const operationTimes: (number[] | undefined)[] = implementations.map(() =>
    fixedOperations !== undefined && bench.medianOfOperations ? [] : undefined,
  );
  for (let round = 0; round < options.rounds; round += 1) {
    // Fixed work is split so the rounds together cover the set exactly once.
    const operationsThisRound =
      fixedOperations === undefined
        ? undefined
        : Math.floor((fixedOperations * (round + 1)) / options.rounds) -
          Math.floor((fixedOperations * round) / options.rounds);
    implementations.forEach((implementation, position) => {
      const timing = timeRound(
        implementation,
        options,
        operationsThisRound,
        nextIndexes[position],
        operationTimes[position],
      );
      nextIndexes[position] += timing.operations;
      timings[position].push(timing);
    });
  }
  return implementations.map((implementation, position) => {
    const roundRates = timings[position].map((timing) => rateOf([timing]));
    const perOperation = operationTimes[position];
    const operationsPerSecond =
      fixedOperations === undefined
        ? median(roundRates)
        : perOperation !== undefined
          ? nanosecondsPerSecond / median(perOperation)
          : rateOf(timings[position]);
    return { implementation, operationsPerSecond, roundRates };
  });
}

/** The last result an operation returned; exported only so the sink is observably used. */
export function lastResult(): unknown {
  return sink;
}
