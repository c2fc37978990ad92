import { readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { ConfigError } from 'telegram-mtproto-core';
import type { EnvSource } from './parse-env';

/** Options of {@link loadEnvironment}. */
export interface LoadEnvironmentOptions {
  /**
   * The `.env` file to read (default `.env` in the working directory, skipped when absent). A path
   * given explicitly must exist. `false` reads no file.
   */
  readonly envFile?: string | false;
  /** The process environment (default `process.env`); its variables always win over the file's. */
  readonly env?: EnvSource;
  /** Also copy the file's variables into `env` where it has none (default false: `env` is left alone). */
  readonly populate?: boolean;
}

function readEnvFile(path: string, required: boolean): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(`cannot read env file ${path}: ${(error as Error).message}`, { cause: error });
  }
  return parseDotenv(text);
}

/**
 * The variables a service sees: those of the process environment, completed by a `.env` file for
 * the ones the environment does not set. A variable already in the environment is never overridden,
 * so a deploy's settings beat a developer's file.
 *
 * @example
 * ```ts
 * const source = loadEnvironment({ envFile: '.env' })
 * const config = parseEnv(schema, source)
 * ```
 */
export function loadEnvironment(options: LoadEnvironmentOptions = {}): EnvSource {
  const env = options.env ?? process.env;
  const envFile = options.envFile ?? '.env';
  const fromFile = envFile === false ? {} : readEnvFile(envFile, options.envFile !== undefined);
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined) merged[name] = value;
  }
  if (options.populate === true) {
    const target = env as Record<string, string | undefined>;
    for (const [name, value] of Object.entries(fromFile)) {
      if (target[name] === undefined) target[name] = value;
    }
  }
  return merged;
}
