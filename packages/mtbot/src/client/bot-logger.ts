/**
 * Where the client writes what it does. Any logger with these four methods fits (pino, console).
 * Nothing secret is ever passed: no bot token, api_hash or key material.
 */
export interface BotLogger {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** The default logger: says nothing. */
export const silentLogger: BotLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
