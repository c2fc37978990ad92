import { ConfigError, hasErrorMarker } from 'telegram-mtproto-core';

const MARKER = Symbol.for('mtbot.error.ConfigValidationError');

/** One problem with one variable: `variable` is its name, `problem` says what is wrong (never the secret). */
export interface ConfigIssue {
  readonly variable: string;
  readonly problem: string;
}

/**
 * Start-up configuration is missing or malformed. Lists every problem at once, one line a variable,
 * so a deploy is fixed in one round. Secret values never appear in the message, only hints such as
 * `(set, 46 chars, malformed)`.
 *
 * @example
 * ```ts
 * try { loadBotConfig() } catch (error) {
 *   if (ConfigValidationError.isInstance(error)) { console.error(error.message); process.exit(78) }
 * }
 * ```
 */
export class ConfigValidationError extends ConfigError {
  readonly [MARKER] = true;

  constructor(
    /** Every problem found, in the order the variables were declared. */
    readonly issues: readonly ConfigIssue[],
  ) {
    super(
      `invalid configuration (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((issue) => `  - ${issue.variable}: ${issue.problem}`).join('\n'),
    );
    this.name = 'ConfigValidationError';
  }

  static override isInstance(value: unknown): value is ConfigValidationError {
    return hasErrorMarker(value, MARKER);
  }
}
