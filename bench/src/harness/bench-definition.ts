/**
 * What an implementation is to the report: ours is compared against every anchor; a reference
 * line (for example node's own AES-CBC) is printed for scale but never turned into a ratio.
 */
export type ImplementationRole = 'ours' | 'anchor' | 'reference';

/** The unit a bench reports in; every unit is derived from one measured operations-per-second rate. */
export type BenchUnit = 'MB/s' | 'ops/s' | 'us/op';

/** One library's way of doing a bench's unit of work. */
export interface BenchImplementation {
  /** Short stable name printed as `impl`, e.g. `mtbot`, `mtcute`, `gramjs`. */
  readonly impl: string;
  readonly role: ImplementationRole;
  /**
   * One unit of work. `index` counts calls, so a bench can cycle through a fixed set of inputs.
   * The result is kept by the runner so the engine cannot drop the work as dead code.
   */
  readonly operation: (index: number) => unknown;
}

/** A benchmark: a name, a unit and the implementations that do the same work. */
export interface BenchDefinition {
  /** Printed as `bench`; the name filter matches against it. */
  readonly name: string;
  readonly unit: BenchUnit;
  /** Bytes processed by one operation; required for `MB/s`. */
  readonly bytesPerOperation?: number;
  /**
   * When set, the bench is a fixed set of inputs every implementation must go through whole
   * (pq-factorize): this many operations (by `quick`) are split evenly over the rounds, each round
   * continuing where the last stopped, and the reported rate is total operations over total time
   * (a mean over the set) rather than the median of time-boxed rounds.
   */
  readonly fixedOperations?: (quick: boolean) => number;
  /**
   * With {@link fixedOperations}: time each operation alone and report the median operation (for
   * slow, noisy operations such as a whole key exchange, where one stalled run would skew a mean).
   */
  readonly medianOfOperations?: boolean;
  /**
   * Builds the inputs and implementations, lazily, so a filtered-out bench prepares nothing. It should
   * also check that they agree on the result (same bytes, same counts) and throw if they do not:
   * timing code that gives wrong answers would be meaningless.
   */
  readonly implementations: () => readonly BenchImplementation[];
}
