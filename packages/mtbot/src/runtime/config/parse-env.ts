import { ConfigValidationError, type ConfigIssue } from './config-validation-error';
import type { EnvVariable } from './env-variable';

/** A schema: variable name to its {@link EnvVariable}. */
export type EnvSchema = Readonly<Record<string, EnvVariable<unknown>>>;

/** The typed values a schema describes. */
export type EnvValues<S extends EnvSchema> = {
  readonly [K in keyof S]: S[K] extends EnvVariable<infer T> ? T : never;
};

/** Where variables are read from: `process.env` or any plain record. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** Values that parsed, and the problems of those that did not. */
export interface EnvReading<S extends EnvSchema> {
  readonly values: Partial<EnvValues<S>>;
  readonly issues: readonly ConfigIssue[];
}

/**
 * Reads every variable of `schema` from `source` and collects all problems instead of stopping at the
 * first; {@link parseEnv} is the throwing form. Use this one to merge several schemas' problems into
 * one error.
 */
export function readEnv<S extends EnvSchema>(schema: S, source: EnvSource): EnvReading<S> {
  const values: Record<string, unknown> = {};
  const issues: ConfigIssue[] = [];
  for (const [variable, definition] of Object.entries(schema)) {
    const result = definition.read(source[variable]);
    if (result.ok) values[variable] = result.value;
    else issues.push({ variable, problem: result.problem });
  }
  return { values: values as Partial<EnvValues<S>>, issues };
}

/**
 * Reads and validates `schema` from `source`. Throws one {@link ConfigValidationError} listing every
 * missing or malformed variable.
 *
 * @example
 * ```ts
 * const { PORT } = parseEnv({ PORT: env.int({ min: 1, max: 65535 }).default(8080) }, process.env)
 * ```
 */
export function parseEnv<S extends EnvSchema>(schema: S, source: EnvSource): EnvValues<S> {
  const { values, issues } = readEnv(schema, source);
  if (issues.length > 0) throw new ConfigValidationError(issues);
  return values as EnvValues<S>;
}
