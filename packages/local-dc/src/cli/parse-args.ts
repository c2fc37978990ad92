/** The CLI's flags, parsed with node's own `util.parseArgs` (strict: an unknown flag is an error). */
import { parseArgs } from 'node:util';

export const USAGE = `usage: mtbot-local-dc [--host 127.0.0.1] [--port 0] [--data-dir DIR] [--help]

Runs a local Telegram DC: MTProto on --port (0 picks a free one) and a JSON control API.
When ready it prints one JSON line on stdout:
  {"host","port","dcId","publicKeyPem","fingerprint","controlUrl","botToken","websocketUrl"}
Logs go to stderr. SIGINT or SIGTERM stops it.

  --host HOST      interface to listen on (default 127.0.0.1)
  --port PORT      MTProto TCP port, 0-65535 (default 0)
  --data-dir DIR   keep the RSA key, the world and the auth keys here between runs
                   (default: everything in memory, a new key each run)
  --help           show this text`;

export type CliCommand =
  | { readonly kind: 'help' }
  | {
      readonly kind: 'run';
      readonly host: string;
      readonly port: number;
      readonly dataDir: string | undefined;
    };

/** A flag the CLI cannot run with: the message says which and why. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

export function parseCliArgs(argv: readonly string[]): CliCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) return { kind: 'help' };
  const host = values.host ?? '127.0.0.1';
  if (host === '') throw new CliUsageError('--host must not be empty');
  const portText = values.port ?? '0';
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 0 && port <= 65535))
    throw new CliUsageError(`--port must be an integer from 0 to 65535, got "${portText}"`);
  const dataDir = values['data-dir'];
  if (dataDir === '') throw new CliUsageError('--data-dir must not be empty');
  return { kind: 'run', host, port, dataDir };
}
