import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MinimalLogger } from '../logging/minimal-logger';
import { PROMETHEUS_CONTENT_TYPE } from '../metrics/exposition-text';
import type { MetricsSource } from '../metrics/metrics-registry';
import { ReadinessChecks } from './readiness-checks';

/** Options of {@link RuntimeHttpServer}. */
export interface RuntimeHttpServerOptions {
  /** Port to listen on; 0 picks a free one (see {@link RuntimeHttpServer.port}). */
  readonly port: number;
  /** Interface to bind (default `0.0.0.0`, so a container's probes reach it). */
  readonly host?: string;
  /** What /metrics serves; without it /metrics is 404. */
  readonly metrics?: MetricsSource;
  /** What /ready evaluates (default: no checks, always ready). */
  readonly readiness?: ReadinessChecks;
  readonly logger?: MinimalLogger;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The service's HTTP side, on `node:http` with no framework: `GET /health` (200 while the process
 * runs), `GET /ready` (200 when every readiness check passes, else 503 with the reasons) and
 * `GET /metrics` (Prometheus text format 0.0.4). It is a service part: start and stop it with the
 * {@link ServiceRunner}.
 *
 * @example
 * ```ts
 * const http = new RuntimeHttpServer({ port: config.metricsPort ?? 9464, metrics: registry, readiness })
 * runner.add('http', http)
 * ```
 */
export class RuntimeHttpServer {
  private server: Server | undefined;
  private readonly readiness: ReadinessChecks;

  constructor(private readonly options: RuntimeHttpServerOptions) {
    this.readiness = options.readiness ?? new ReadinessChecks();
  }

  /** The port listened on (the real one when 0 was asked); undefined until started. */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null | undefined)?.port;
  }

  /** Starts listening; rejects when the port cannot be bound. */
  async start(): Promise<void> {
    if (this.server !== undefined) return;
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        this.options.logger?.error('runtime http request failed', { err: error, path: request.url });
        if (!response.headersSent) send(response, 500, JSON_TYPE, '{"status":"error"}');
        else response.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host ?? '0.0.0.0', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.options.logger?.info('health and metrics endpoint listening', { port: this.port });
  }

  /** Stops listening and closes open connections (keep-alive ones too), so stop never hangs. */
  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/health' && path !== '/ready' && path !== '/metrics') {
      send(response, 404, JSON_TYPE, '{"status":"not found"}');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      send(response, 405, JSON_TYPE, '{"status":"method not allowed"}');
      return;
    }
    if (path === '/health') {
      send(response, 200, JSON_TYPE, '{"status":"ok"}');
    } else if (path === '/ready') {
      const report = await this.readiness.evaluate();
      const body = report.ready ? { status: 'ready' } : { status: 'not ready', reasons: report.reasons };
      send(response, report.ready ? 200 : 503, JSON_TYPE, JSON.stringify(body));
    } else if (this.options.metrics === undefined) {
      send(response, 404, JSON_TYPE, '{"status":"no metrics"}');
    } else {
      send(response, 200, PROMETHEUS_CONTENT_TYPE, this.options.metrics.renderMetrics());
    }
  }
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}
