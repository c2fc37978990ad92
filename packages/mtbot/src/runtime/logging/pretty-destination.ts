/** Something pino can write its lines to. */
export interface LogDestination {
  write(line: string): unknown;
}

const LEVEL_NAMES: Readonly<Record<number, string>> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: 'WARN ',
  50: 'ERROR',
  60: 'FATAL',
};
const HIDDEN_FIELDS = new Set(['level', 'time', 'msg', 'pid', 'hostname']);

function formatLine(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof record['time'] === 'number' ? new Date(record['time']).toISOString().slice(11, 23) : '';
  const level = LEVEL_NAMES[record['level'] as number] ?? String(record['level']);
  const fields = Object.entries(record)
    .filter(([key]) => !HIDDEN_FIELDS.has(key) && key !== 'err')
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const err = record['err'] as { stack?: string; message?: string } | undefined;
  const errorText =
    err === undefined ? '' : `\n    ${(err.stack ?? err.message ?? '').split('\n').join('\n    ')}`;
  const message = typeof record['msg'] === 'string' ? record['msg'] : '';
  return `${time} ${level} ${message}${fields.length > 0 ? ` ${fields.join(' ')}` : ''}${errorText}\n`;
}

/**
 * A destination that turns pino's JSON lines into one readable line each (time, level, message,
 * fields; error stacks indented below), for development. mtbot ships it instead of depending on
 * pino-pretty; production keeps JSON.
 */
export function prettyDestination(target: LogDestination = process.stdout): LogDestination {
  return {
    write(chunk: string): unknown {
      return target.write(
        chunk
          .split('\n')
          .filter((line) => line !== '')
          .map(formatLine)
          .join(''),
      );
    },
  };
}
