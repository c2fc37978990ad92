/** How long and how often the runner measures each implementation. */
export interface MeasureOptions {
  /** Time spent running each implementation before anything is measured, so the JIT settles. */
  readonly warmupMilliseconds: number;
  /** How many measured rounds; the reported rate is their median. */
  readonly rounds: number;
  /** Length of one time-boxed round. */
  readonly roundMilliseconds: number;
}

/** Default run: with the current benches it finishes in about a minute on 2 shared cores. */
export const defaultMeasureOptions: MeasureOptions = {
  warmupMilliseconds: 300,
  rounds: 5,
  roundMilliseconds: 300,
};

/** `--quick`: a smoke test that every bench runs and agrees, not a number to quote. */
export const quickMeasureOptions: MeasureOptions = {
  warmupMilliseconds: 30,
  rounds: 2,
  roundMilliseconds: 40,
};
