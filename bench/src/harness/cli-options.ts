import { defaultMeasureOptions, quickMeasureOptions, type MeasureOptions } from './measure-options';

/** What `pnpm bench [name-filter...] [--quick]` asked for. */
export interface CliOptions {
  /** Substrings; a bench runs when its name contains any of them (all run when empty). */
  readonly nameFilters: readonly string[];
  readonly quick: boolean;
  readonly measure: MeasureOptions;
}

const usage = 'usage: pnpm bench [name-filter...] [--quick]';

/** Parses the bench command line; unknown flags are an error rather than silently ignored. */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  const nameFilters: string[] = [];
  let quick = false;
  for (const argument of argv) {
    if (argument === '--quick') {
      quick = true;
    } else if (argument === '--help' || argument === '-h') {
      console.error(usage);
      process.exit(0);
    } else if (argument === '--') {
      // pnpm may pass its argument separator through; it carries no meaning here.
    } else if (argument.startsWith('-')) {
      console.error(`unknown option ${argument}\n${usage}`);
      process.exit(2);
    } else {
      nameFilters.push(argument);
    }
  }
  return { nameFilters, quick, measure: quick ? quickMeasureOptions : defaultMeasureOptions };
}
