import { ConfigValidationError, type ConfigIssue } from './config-validation-error';
import { env } from './env';
import { loadEnvironment, type LoadEnvironmentOptions } from './load-environment';
import { parseLocalDcAddress, type LocalDcConfig } from './local-dc-config';
import { readEnv, type EnvSchema, type EnvValues } from './parse-env';
import { parseSessionStore, type SessionStoreConfig } from './session-store-config';

/** Log levels accepted by `LOG_LEVEL` (pino's). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `SHUTDOWN_TIMEOUT_MS` when unset: how long a stop waits for handlers in flight. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/** The variables every mtbot service reads; see {@link loadBotConfig}. */
export const BOT_ENV_SCHEMA = {
  API_ID: env.int({ min: 1 }).describe('from my.telegram.org'),
  API_HASH: env
    .string({ pattern: /[0-9a-fA-F]{32}/, expected: '32 hex digits' })
    .secret()
    .describe('from my.telegram.org'),
  // Tokens are `<bot id>:<secret>`; the secret has been 35 characters for years, the range allows
  // for change without accepting obvious garbage.
  BOT_TOKEN: env
    .string({
      pattern: /\d{1,20}:[A-Za-z0-9_-]{30,64}/,
      expected: '<digits>:<about 35 letters, digits, _ or ->',
    })
    .secret()
    .describe('from @BotFather'),
  SESSION_STORE: env
    .custom<SessionStoreConfig>('memory, file:<path> or redis://...', parseSessionStore)
    .secret()
    .default({ kind: 'file', path: './bot.session.json' }),
  LOCAL_DC_URL: env.custom('the local DC control URL or host:port', parseLocalDcAddress).optional(),
  LOCAL_DC_KEY: env.string({ expected: "the local DC's RSA public key (PEM)" }).optional(),
  LOG_LEVEL: env.enum(LOG_LEVELS).default('info'),
  METRICS_PORT: env.int({ min: 0, max: 65535 }).optional(),
  HEALTH_PORT: env.int({ min: 0, max: 65535 }).optional(),
  SHUTDOWN_TIMEOUT_MS: env.int({ min: 0, max: 3_600_000 }).default(DEFAULT_SHUTDOWN_TIMEOUT_MS),
};

/** The validated settings of an mtbot service. */
export interface BotConfig {
  readonly apiId: number;
  readonly apiHash: string;
  readonly botToken: string;
  readonly sessionStore: SessionStoreConfig;
  /** Set when the bot talks to a local DC instead of Telegram. */
  readonly localDc: LocalDcConfig | undefined;
  readonly logLevel: LogLevel;
  /** Port of the metrics endpoint; unset means no endpoint (0 means any free port). */
  readonly metricsPort: number | undefined;
  /** Port of the health/readiness endpoints; unset means the metrics port, if any. */
  readonly healthPort: number | undefined;
  readonly shutdownTimeoutMs: number;
}

/** Options of {@link loadBotConfig}. */
export interface LoadBotConfigOptions<S extends EnvSchema> extends LoadEnvironmentOptions {
  /** The application's own variables, validated together with mtbot's. */
  readonly app?: S;
}

/** {@link BotConfig} plus the application's variables. */
export type LoadedConfig<S extends EnvSchema> = BotConfig & { readonly app: EnvValues<S> };

function localDcFrom(
  values: Partial<EnvValues<typeof BOT_ENV_SCHEMA>>,
  issues: ConfigIssue[],
): LocalDcConfig | undefined {
  const address = values.LOCAL_DC_URL;
  if (address === undefined || address.kind === 'control') return address;
  const publicKey = values.LOCAL_DC_KEY;
  if (publicKey === undefined) {
    issues.push({ variable: 'LOCAL_DC_KEY', problem: 'missing, required when LOCAL_DC_URL is host:port' });
    return undefined;
  }
  return { ...address, publicKey };
}

/**
 * Reads mtbot's variables (and the application's, if given) from the environment completed by
 * `.env`, and validates them all at once. Throws one {@link ConfigValidationError} naming every
 * missing or malformed variable; secrets are described, never shown.
 *
 * @example
 * ```ts
 * const config = loadBotConfig({ app: { ADMIN_ID: env.int({ min: 1 }) } })
 * config.botToken; config.app.ADMIN_ID
 * ```
 */
export function loadBotConfig<S extends EnvSchema = Record<never, never>>(
  options: LoadBotConfigOptions<S> = {},
): LoadedConfig<S> {
  const source = loadEnvironment(options);
  const bot = readEnv(BOT_ENV_SCHEMA, source);
  const app = readEnv(options.app ?? ({} as S), source);
  const issues = [...bot.issues];
  const localDc = localDcFrom(bot.values, issues);
  issues.push(...app.issues);
  if (issues.length > 0) throw new ConfigValidationError(issues);
  const values = bot.values as EnvValues<typeof BOT_ENV_SCHEMA>;
  return {
    apiId: values.API_ID,
    apiHash: values.API_HASH,
    botToken: values.BOT_TOKEN,
    sessionStore: values.SESSION_STORE,
    localDc,
    logLevel: values.LOG_LEVEL,
    metricsPort: values.METRICS_PORT,
    healthPort: values.HEALTH_PORT,
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
    app: app.values as EnvValues<S>,
  };
}
