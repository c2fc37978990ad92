import type { Logger } from 'pino';

/** Fields attached to one log line. */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * The small logger interface mtbot's parts take, so they do not depend on pino: a message and
 * optional fields per level.
 */
export interface MinimalLogger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Fields that say which update a line is about; see {@link loggerForUpdate}. */
export interface UpdateLogBindings {
  readonly updateId?: number | string;
  readonly chatId?: number | string | bigint;
  readonly handler?: string;
  readonly [field: string]: unknown;
}

/**
 * Adapts a pino logger to {@link MinimalLogger}. Fields go first as pino wants them, so redaction
 * applies to them as to any other line.
 *
 * @example
 * ```ts
 * const client = new BotClient({ logger: toMinimalLogger(createLogger()) })
 * ```
 */
export function toMinimalLogger(logger: Logger): MinimalLogger {
  return {
    debug: (message, fields) => logger.debug(fields ?? {}, message),
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
  };
}

/** A child logger whose lines all carry the update's id, chat and handler. */
export function loggerForUpdate(logger: Logger, bindings: UpdateLogBindings): Logger {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(bindings)) {
    if (value !== undefined) fields[key] = typeof value === 'bigint' ? value.toString() : value;
  }
  return logger.child(fields);
}
