import { ReadinessChecks } from '../../../src/runtime/http/readiness-checks';
import { RuntimeHttpServer } from '../../../src/runtime/http/runtime-http-server';
import { MetricsRegistry } from '../../../src/runtime/metrics/metrics-registry';

describe('RuntimeHttpServer over a real socket', () => {
  let server: RuntimeHttpServer;
  let readiness: ReadinessChecks;
  let registry: MetricsRegistry;
  let base: string;

  beforeEach(async () => {
    registry = new MetricsRegistry();
    readiness = new ReadinessChecks({ checkTimeoutMs: 50 });
    server = new RuntimeHttpServer({ port: 0, host: '127.0.0.1', metrics: registry, readiness });
    await server.start();
    base = `http://127.0.0.1:${server.port}`;
  });

  afterEach(() => server.stop());

  it('answers /health while running', async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /ready 200 only when every check passes, 503 with reasons otherwise', async () => {
    let connected = false;
    readiness.add('connected', () => connected || 'client not connected');
    readiness.add('caught-up', async () => true);
    readiness.add('storage', () => {
      throw new Error('disk gone');
    });
    readiness.add('slow', () => new Promise<boolean>(() => undefined));
    const failing = await fetch(`${base}/ready`);
    expect(failing.status).toBe(503);
    expect(await failing.json()).toEqual({
      status: 'not ready',
      reasons: [
        { check: 'connected', reason: 'client not connected' },
        { check: 'storage', reason: 'disk gone' },
        { check: 'slow', reason: 'timed out after 50 ms' },
      ],
    });
    connected = true;
    readiness.remove('storage');
    readiness.remove('slow');
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('serves /metrics in Prometheus text format', async () => {
    registry.counter({ name: 'app_total', help: 'things', labelNames: ['k'] }).inc({ k: 'v' });
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await response.text()).toBe(
      '# HELP app_total things\n# TYPE app_total counter\napp_total{k="v"} 1\n',
    );
  });

  it('answers unknown paths 404 and other methods 405, and HEAD without a body', async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    const post = await fetch(`${base}/health`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const head = await fetch(`${base}/health?probe=1`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('stops even with a keep-alive connection open, and frees the port', async () => {
    await fetch(`${base}/health`, { keepalive: true });
    await server.stop();
    await expect(fetch(`${base}/health`)).rejects.toThrow();
  });

  it('rejects start on a port already taken', async () => {
    const clash = new RuntimeHttpServer({ port: server.port!, host: '127.0.0.1' });
    await expect(clash.start()).rejects.toThrow(/EADDRINUSE/);
  });
});
