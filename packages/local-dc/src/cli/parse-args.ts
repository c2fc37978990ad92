/** The CLI's flags, parsed with node's own `util.parseArgs` (strict: an unknown flag is an error). */
import { parseArgs } from 'node:util';
import { ControlInputError } from '../control/control-json';
import { floodLimitsOf } from '../control/flood-limits-json';
import type { FloodLimitsOptions } from '../flood/flood-control';

export const USAGE = `usage: mtbot-local-dc [--host 127.0.0.1] [--port 0] [--data-dir DIR] [--dc-count N]
                      [--no-flood-limits | --flood-limits JSON] [--help]

Runs a local Telegram DC: MTProto on --port (0 picks a free one) and a JSON control API.
When ready it prints one JSON line on stdout:
  {"host","port","dcId","publicKeyPem","fingerprint","controlUrl","botToken","websocketUrl","dcs"}
Logs go to stderr. SIGINT or SIGTERM stops it.

  --host HOST           interface to listen on (default 127.0.0.1)
  --port PORT           MTProto TCP port of the main DC, 0-65535 (default 0)
  --data-dir DIR        keep the RSA key, the world and the auth keys here between runs
                        (default: everything in memory, a new key each run)
  --dc-count N          run DCs 1..N (1-5; default 1), each on a port of its own (free ones
                        but the main DC's), listed in "dcs"; the main DC (dcId) is 2, or
                        the only one when N is 1
  --no-flood-limits     switch the bots' flood limits off (default: Telegram's)
  --flood-limits JSON   tune them, as POST /flood-limits does, e.g.
                        '{"perBot":{"limit":60,"windowMs":1000},"group":false}'
  --help                show this text`;

export type CliCommand =
  | { readonly kind: 'help' }
  | {
      readonly kind: 'run';
      readonly host: string;
      readonly port: number;
      readonly dataDir: string | undefined;
      readonly dcCount: number;
      /** Left out: Telegram's limits. */
      readonly floodLimits: FloodLimitsOptions | false | undefined;
    };

/** A flag the CLI cannot run with: the message says which and why. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

const MAX_DC_COUNT = 5;

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
        'dc-count': { type: 'string' },
        'no-flood-limits': { type: 'boolean' },
        'flood-limits': { type: 'string' },
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
  const dcCountText = values['dc-count'] ?? '1';
  const dcCount = /^\d{1,2}$/.test(dcCountText) ? Number(dcCountText) : NaN;
  if (!(dcCount >= 1 && dcCount <= MAX_DC_COUNT))
    throw new CliUsageError(`--dc-count must be an integer from 1 to ${MAX_DC_COUNT}, got "${dcCountText}"`);
  return {
    kind: 'run',
    host,
    port,
    dataDir,
    dcCount,
    floodLimits: floodLimitsFlag(values['no-flood-limits'] === true, values['flood-limits']),
  };
}

function floodLimitsFlag(off: boolean, json: string | undefined): FloodLimitsOptions | false | undefined {
  if (off && json !== undefined)
    throw new CliUsageError('give --no-flood-limits or --flood-limits, not both');
  if (off) return false;
  if (json === undefined) return undefined;
  let fields: unknown;
  try {
    fields = JSON.parse(json);
  } catch {
    throw new CliUsageError(`--flood-limits must be a JSON object, got "${json}"`);
  }
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
    throw new CliUsageError(`--flood-limits must be a JSON object, got "${json}"`);
  try {
    return floodLimitsOf(fields as Readonly<Record<string, unknown>>);
  } catch (error) {
    if (error instanceof ControlInputError) throw new CliUsageError(`--flood-limits: ${error.message}`);
    throw error;
  }
}
