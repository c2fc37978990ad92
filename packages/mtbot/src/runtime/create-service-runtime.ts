import type { Logger } from 'pino';
import type { BotConfig } from './config/bot-config';
import { ReadinessChecks } from './http/readiness-checks';
import { RuntimeHttpServer } from './http/runtime-http-server';
import { ServiceRunner, type ServiceRunnerOptions } from './lifecycle/service-runner';
import { createLogger } from './logging/create-logger';
import { toMinimalLogger } from './logging/minimal-logger';
import type { LogDestination } from './logging/pretty-destination';
import { registerBotMetrics, type BotMetrics } from './metrics/bot-metrics';
import { MetricsRegistry } from './metrics/metrics-registry';
import { registerProcessMetrics } from './metrics/process-metrics';

/** Options of {@link createServiceRuntime}. */
export interface ServiceRuntimeOptions {
  /** The validated configuration (see `loadBotConfig`). */
  readonly config: Pick<
    BotConfig,
    'logLevel' | 'metricsPort' | 'healthPort' | 'shutdownTimeoutMs' | 'botToken' | 'apiHash'
  >;
  /** Readable logs instead of JSON (default false). */
  readonly prettyLogs?: boolean;
  /** Where logs go (default stdout). */
  readonly logDestination?: LogDestination;
  /** Interface the HTTP endpoints bind (default `0.0.0.0`). */
  readonly httpHost?: string;
  /** Further runner options (signals, exitProcess, a process stand-in for tests). */
  readonly runnerOptions?: Omit<ServiceRunnerOptions, 'shutdownTimeoutMs' | 'logger' | 'readiness'>;
}

/** The service-side pieces of a bot, wired together; see {@link createServiceRuntime}. */
export interface ServiceRuntime {
  readonly logger: Logger;
  readonly metrics: MetricsRegistry;
  readonly botMetrics: BotMetrics;
  readonly readiness: ReadinessChecks;
  readonly runner: ServiceRunner;
  /** The HTTP servers added to the runner as parts: none, one, or two when HEALTH_PORT differs from METRICS_PORT. */
  readonly httpServers: readonly RuntimeHttpServer[];
}

/**
 * Builds the runtime of a service from its configuration: a redacting logger that knows the bot
 * token and api_hash, the metrics registry with bot and process metrics (handlers in flight read
 * from the runner), readiness checks (the runner's own included), a {@link ServiceRunner} with the
 * configured shutdown timeout, and the HTTP endpoints on METRICS_PORT / HEALTH_PORT, added to the
 * runner first so probes answer while the bot connects. Add the bot's parts, then `runner.run()`.
 *
 * @example
 * ```ts
 * const config = loadBotConfig()
 * const { runner, logger, botMetrics, readiness } = createServiceRuntime({ config })
 * runner.add('bot', bot)
 * readiness.add('connected', () => bot.isConnected || 'not connected')
 * await runner.run()
 * ```
 */
export function createServiceRuntime(options: ServiceRuntimeOptions): ServiceRuntime {
  const { config } = options;
  const logger = createLogger({
    level: config.logLevel,
    pretty: options.prettyLogs ?? false,
    secrets: [config.botToken, config.apiHash],
    ...(options.logDestination === undefined ? {} : { destination: options.logDestination }),
  });
  const minimalLogger = toMinimalLogger(logger);
  const metrics = new MetricsRegistry();
  const botMetrics = registerBotMetrics(metrics);
  registerProcessMetrics(metrics);
  const readiness = new ReadinessChecks();
  const runner = new ServiceRunner({
    ...options.runnerOptions,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    logger: minimalLogger,
    readiness,
  });
  metrics.onCollect(() => botMetrics.handlersInFlight.set(undefined, runner.inFlight.count));

  const httpServers: RuntimeHttpServer[] = [];
  const host = options.httpHost;
  if (config.metricsPort !== undefined) {
    const server = new RuntimeHttpServer({
      port: config.metricsPort,
      host,
      metrics,
      readiness,
      logger: minimalLogger,
    });
    httpServers.push(server);
    runner.add('metrics endpoint', server);
  }
  if (config.healthPort !== undefined && config.healthPort !== config.metricsPort) {
    const server = new RuntimeHttpServer({ port: config.healthPort, host, readiness, logger: minimalLogger });
    httpServers.push(server);
    runner.add('health endpoint', server);
  }
  return { logger, metrics, botMetrics, readiness, runner, httpServers };
}
