/**
 * `mtbot-local-dc`: starts a {@link LocalDc}, prints the ready line (DESIGN.md, contracts) as one JSON
 * line on stdout, logs to stderr, and stops cleanly on SIGINT/SIGTERM. Bad flags exit with code 2.
 */
import { LocalDc } from '../local-dc';
import { CliUsageError, parseCliArgs, USAGE } from './parse-args';

async function main(argv: readonly string[]): Promise<void> {
  let command;
  try {
    command = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`mtbot-local-dc: ${error.message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const dc = await LocalDc.start({
    host: command.host,
    port: command.port,
    dataDir: command.dataDir,
    dcCount: command.dcCount,
    floodLimits: command.floodLimits,
    log: (line) => process.stderr.write(`mtbot-local-dc: ${line}\n`),
  });
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`mtbot-local-dc: ${signal}, stopping\n`);
    dc.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`mtbot-local-dc: stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.stdout.write(`${JSON.stringify(dc.info)}\n`);
  process.stderr.write(
    `mtbot-local-dc: DC ${dc.info.dcId} on ${dc.info.host}:${dc.info.port}, control API ${dc.info.controlUrl}\n`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `mtbot-local-dc: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
