import { ConfigError } from 'telegram-mtproto-core';
import { container as rootContainer } from 'tsyringe';
import { BotApplication } from '../app/bot-application';
import type { BotApplicationOptions } from '../app/bot-application-options';
import { loadBotConfig, type LoadedConfig } from '../runtime/config/bot-config';
import { registerBotConfig } from '../runtime/config/config-tokens';
import { loadEnvironment } from '../runtime/config/load-environment';
import { parseLocalDcAddress } from '../runtime/config/local-dc-config';
import type { EnvSchema, EnvSource } from '../runtime/config/parse-env';
import {
  createServiceRuntime,
  type ServiceRuntime,
  type ServiceRuntimeOptions,
} from '../runtime/create-service-runtime';
import { ExitCode } from '../runtime/lifecycle/exit-codes';
import { createLogger } from '../runtime/logging/create-logger';
import { toMinimalLogger } from '../runtime/logging/minimal-logger';
import { botClientOptionsFromConfig } from './bot-client-options-from-config';
import { fetchLocalDcInfo, type LocalDcInfo } from './local-dc-info';

/** Options of {@link runBot} / {@link createBotService}. */
export interface RunBotOptions<S extends EnvSchema = Record<never, never>>
  extends
    Omit<BotApplicationOptions, 'client' | 'logger' | 'metrics' | 'trackInFlight' | 'shutdownTimeoutMs'>,
    Omit<ServiceRuntimeOptions, 'config'> {
  /** The environment to read (default `process.env`); its variables win over the `.env` file's. */
  readonly env?: EnvSource;
  /** The `.env` file (default `.env` in the working directory when present); `false` reads none. */
  readonly envFile?: string | false;
  /** The application's own variables, validated with mtbot's; their values are in `config.app`. */
  readonly schema?: S;
}

/** A bot service put together by {@link createBotService}, not yet running: call `runner.run()`. */
export interface BotService<S extends EnvSchema = Record<never, never>> {
  readonly config: LoadedConfig<S>;
  readonly runtime: ServiceRuntime;
  readonly app: BotApplication;
  /** Shortcut to `runtime.runner`. */
  readonly runner: ServiceRuntime['runner'];
}

/**
 * With LOCAL_DC_URL a control URL and no BOT_TOKEN, the local DC's own bot is meant: its token is
 * filled in from the control API before validation, so the rest of the config is checked as usual.
 */
async function withLocalDcToken(source: EnvSource): Promise<{ source: EnvSource; info?: LocalDcInfo }> {
  const address = source['LOCAL_DC_URL'];
  const token = source['BOT_TOKEN'];
  if (address === undefined || (token !== undefined && token !== '')) return { source };
  const parsed = parseLocalDcAddress(address);
  if (!parsed.ok || parsed.value.kind !== 'control') return { source };
  const info = await fetchLocalDcInfo(parsed.value.controlUrl);
  return { source: { ...source, BOT_TOKEN: info.botToken }, info };
}

/**
 * Loads and validates the configuration (environment and `.env`), builds the service runtime
 * (logger, metrics, readiness, runner, HTTP endpoints), the bot client's options (a local DC when
 * LOCAL_DC_URL is set) and the {@link BotApplication}, with its handlers counted by the runner and
 * its metrics in the runtime's registry. The config is injectable in the bot's container (the
 * `container` option, else a new child of tsyringe's root) under `BOT_CONFIG`, the application's own
 * values under `APP_CONFIG`. The client's reconnects count in `mtbot_reconnects_total`. The application
 * is added to the runner, and a readiness
 * check reports whether its client is connected. Throws a `ConfigValidationError` listing every
 * configuration problem, or a `ConfigError` when the local DC cannot be asked.
 */
export async function createBotService<S extends EnvSchema = Record<never, never>>(
  options: RunBotOptions<S>,
): Promise<BotService<S>> {
  const { env, envFile, schema, prettyLogs, logDestination, httpHost, runnerOptions, ...appOptions } =
    options;
  const { source, info } = await withLocalDcToken(loadEnvironment({ env, envFile }));
  const config = loadBotConfig<S>({
    env: source,
    envFile: false,
    ...(schema === undefined ? {} : { app: schema }),
  });
  const runtime = createServiceRuntime({ config, prettyLogs, logDestination, httpHost, runnerOptions });
  const logger = toMinimalLogger(runtime.logger);
  const clientOptions = await botClientOptionsFromConfig(config, logger, info);
  const { runner } = runtime;
  // The config goes in before the app registers the controllers, which resolves the singletons.
  const container = appOptions.container ?? rootContainer.createChildContainer();
  registerBotConfig(container, config);
  const app = new BotApplication({
    ...appOptions,
    container,
    client: clientOptions,
    logger,
    metrics: runtime.botMetrics,
    trackInFlight: (work) => runner.trackInFlight(work),
    // The runner has already waited up to SHUTDOWN_TIMEOUT_MS for the handlers (they are tracked)
    // when it stops the app; a second wait would use up the stop step's own budget and turn a
    // shutdown timeout (exit 3) into a failed stop (exit 1).
    shutdownTimeoutMs: 0,
  });
  app.client.onReconnect((dcId) => runtime.botMetrics.reconnects.inc({ dc: String(dcId) }));
  runner.add('bot', app);
  runtime.readiness.add('bot connected', () => app.client.isRunning || 'the bot client is not connected');
  return { config, runtime, app, runner };
}

/**
 * The one line a failed start-up logs: a configuration problem as it is (it says what to fix),
 * anything else (a controller's dependency tsyringe cannot resolve, a session store that will not
 * open) with its kind, so the cause is named without a stack trace.
 */
function startupFailure(error: unknown): string {
  if (ConfigError.isInstance(error)) return error.message;
  if (error instanceof Error) {
    const kind = error.name === 'Error' ? 'error' : error.name;
    return `start-up failed: ${kind}: ${error.message}`;
  }
  return `start-up failed: ${String(error)}`;
}

/**
 * Runs a bot as a service until SIGINT/SIGTERM: {@link createBotService}, then the runner, which
 * starts the endpoints and the bot, and on a signal stops taking updates, lets the handlers in flight
 * finish (up to SHUTDOWN_TIMEOUT_MS), stops the client and exits with an {@link ExitCode}. A failure
 * while the service is put together (a bad configuration, secrets never shown; a controller or service
 * that cannot be resolved; a route that cannot work; a local DC that does not answer) is logged as one
 * fatal line, without a stack, and ends with exit code 2 (`StartupFailed`); so does a part (the bot's
 * connection, an endpoint) that fails to start under the runner. The returned promise never rejects
 * for a start-up failure.
 *
 * @example
 * ```ts
 * // bot.ts, run with API_ID, API_HASH, BOT_TOKEN in the environment or .env
 * void runBot({ controllers: [Greeter] })
 * ```
 */
export async function runBot<S extends EnvSchema = Record<never, never>>(
  options: RunBotOptions<S>,
): Promise<ExitCode> {
  let service: BotService<S>;
  try {
    service = await createBotService(options);
  } catch (error) {
    // The configured logger may not exist (LOG_LEVEL could be what is wrong): log at info level.
    const logger = createLogger({
      level: 'info',
      pretty: options.prettyLogs ?? false,
      ...(options.logDestination === undefined ? {} : { destination: options.logDestination }),
    });
    logger.fatal(startupFailure(error));
    logger.flush();
    const proc = options.runnerOptions?.process ?? process;
    proc.exitCode = ExitCode.StartupFailed;
    if (options.runnerOptions?.exitProcess ?? true) proc.exit(ExitCode.StartupFailed);
    return ExitCode.StartupFailed;
  }
  return service.runner.run();
}
