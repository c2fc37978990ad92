import type { BenchDefinition } from './bench-definition';
import type { ImplementationResult } from './run-bench';

/** One measured value: `{"bench","impl","unit","value"}`. */
export interface ValueLine {
  readonly bench: string;
  readonly impl: string;
  readonly unit: string;
  readonly value: number;
}

/** Ours against one anchor measured in the same run: `{"bench","ratio","vs"}`, >1 means ours is faster. */
export interface RatioLine {
  readonly bench: string;
  readonly ratio: number;
  readonly vs: string;
}

function roundTo(value: number, significantDigits: number): number {
  return Number(value.toPrecision(significantDigits));
}

function valueInUnit(bench: BenchDefinition, operationsPerSecond: number): number {
  switch (bench.unit) {
    case 'ops/s':
      return operationsPerSecond;
    case 'us/op':
      return 1e6 / operationsPerSecond;
    case 'MB/s':
      if (bench.bytesPerOperation === undefined) {
        throw new Error(`bench ${bench.name} reports MB/s but does not say how many bytes an operation is`);
      }
      // MB is 10^6 bytes, as disk and network figures are usually given.
      return (operationsPerSecond * bench.bytesPerOperation) / 1e6;
  }
}

/**
 * Turns a bench's results into output lines: one value line per implementation, then one ratio
 * line per anchor when ours ran too. The ratio is our rate over the anchor's rate, whatever the
 * unit, so it reads the same way for throughput (MB/s) and for latency (us/op).
 */
export function reportLines(
  bench: BenchDefinition,
  results: readonly ImplementationResult[],
): Array<ValueLine | RatioLine> {
  const lines: Array<ValueLine | RatioLine> = results.map((result) => ({
    bench: bench.name,
    impl: result.implementation.impl,
    unit: bench.unit,
    value: roundTo(valueInUnit(bench, result.operationsPerSecond), 4),
  }));
  const ours = results.find((result) => result.implementation.role === 'ours');
  if (ours !== undefined) {
    for (const anchor of results.filter((result) => result.implementation.role === 'anchor')) {
      lines.push({
        bench: bench.name,
        ratio: roundTo(ours.operationsPerSecond / anchor.operationsPerSecond, 3),
        vs: anchor.implementation.impl,
      });
    }
  }
  return lines;
}
