// Entry point of `pnpm bench`: runs the selected benches and prints JSON lines on stdout
// (DESIGN.md, contracts); everything meant for a person goes to stderr so stdout stays parseable.
import { parseCliOptions } from './harness/cli-options';
import { reportLines } from './harness/report-lines';
import { lastResult, runBench } from './harness/run-bench';
import { benches } from './registry';

function main(): void {
  const options = parseCliOptions(process.argv.slice(2));
  const selected = benches.filter(
    (bench) =>
      options.nameFilters.length === 0 || options.nameFilters.some((filter) => bench.name.includes(filter)),
  );
  if (selected.length === 0) {
    console.error(
      `no bench matches ${options.nameFilters.join(', ')}; known: ${benches.map((bench) => bench.name).join(', ')}`,
    );
    process.exit(2);
  }
  let failures = 0;
  for (const bench of selected) {
    const startedAt = Date.now();
    try {
      console.error(`[bench] ${bench.name}: preparing`);
      const implementations = bench.implementations();
      console.error(
        `[bench] ${bench.name}: measuring ${implementations.map((item) => item.impl).join(', ')}`,
      );
      const results = runBench(bench, implementations, options.measure, options.quick);
      for (const line of reportLines(bench, results)) {
        process.stdout.write(`${JSON.stringify(line)}\n`);
      }
      const spread = results
        .map(
          (result) =>
            `${result.implementation.impl} ${result.roundRates.map((rate) => rate.toFixed(1)).join('/')}`,
        )
        .join('; ');
      console.error(
        `[bench] ${bench.name}: done in ${Date.now() - startedAt} ms (ops/s per round: ${spread})`,
      );
    } catch (error) {
      // One bench that disagrees or breaks must not hide the others' numbers; the exit code tells.
      failures += 1;
      console.error(`[bench] ${bench.name}: FAILED`, error);
    }
  }
  if (failures > 0) process.exitCode = 1;
  // Touching the sink once keeps the measured results observably used.
  if (lastResult() === Symbol.for('never')) console.error('');
}

main();
