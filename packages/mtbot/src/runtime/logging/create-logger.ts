import pino, { type Logger } from 'pino';
import type { LogLevel } from '../config/bot-config';
import { prettyDestination, type LogDestination } from './pretty-destination';
import { redactSecrets, scrubText } from './redact';

/** Options of {@link createLogger}. */
export interface CreateLoggerOptions {
  /** Lowest level written (default `info`). */
  readonly level?: LogLevel;
  /** Readable lines instead of JSON, for development (default false). */
  readonly pretty?: boolean;
  /** Where lines go (default stdout). */
  readonly destination?: LogDestination;
  /**
   * Secret values to cut from every line wherever they appear, e.g. the bot token and api_hash of
   * the configuration (bot tokens are found by their shape anyway; an api_hash is not).
   */
  readonly secrets?: readonly string[];
  /** Fields on every line (default none; pid and hostname are left out). */
  readonly base?: Record<string, unknown>;
  /** Logger name, written as `name`. */
  readonly name?: string;
}

/**
 * A pino logger that never writes a secret: fields named like secrets (`*token*`, `*hash*`,
 * `*secret*`, `authorization`, auth keys ...) are replaced at any depth, errors are serialized with
 * bot tokens cut from their message and stack, and every finished line is scrubbed once more of bot
 * tokens and the configured `secrets` (this catches format arguments and messages too).
 *
 * @example
 * ```ts
 * const logger = createLogger({ level: config.logLevel, secrets: [config.botToken, config.apiHash] })
 * logger.child({ updateId: 12, chatId: 34, handler: 'StartController.start' }).info('handled')
 * ```
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((secret) => secret.length > 0);
  const output = options.destination ?? process.stdout;
  const destination = options.pretty === true ? prettyDestination(output) : output;
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: options.base ?? null,
      ...(options.name === undefined ? {} : { name: options.name }),
      // Errors are already plain, scrubbed objects (see logMethod); pino's serializer would retype them.
      serializers: { err: (value: unknown) => value },
      formatters: {
        bindings: (bindings) => redactSecrets(bindings, secrets) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          // pino takes an Error's message as the line's message; give it the scrubbed copy instead.
          const head =
            first instanceof Error
              ? [{ err: redactSecrets(first, secrets) }, ...(rest.length === 0 ? [first.message] : [])]
              : [redactSecrets(first, secrets)];
          const tail = rest.map((value) => redactSecrets(value, secrets));
          return method.apply(this, [...head, ...tail] as Parameters<typeof method>);
        },
        // Last line of defence: the finished JSON line, whatever path a secret took to get there.
        streamWrite: (line) => scrubText(line, secrets),
      },
    },
    destination as pino.DestinationStream,
  );
  // pino applies the bindings formatter to the root's bindings only; children inherit this override
  // (they are created from the logger as prototype), so their bindings are redacted too.
  const createChild = logger.child;
  logger.child = function childWithRedactedBindings(this: Logger, bindings, childOptions) {
    return createChild.call(this, redactSecrets(bindings, secrets) as typeof bindings, childOptions);
  } as Logger['child'];
  return logger;
}
