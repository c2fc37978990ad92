import { EventEmitter } from 'node:events';
import { createServiceRuntime } from '../../src/runtime/create-service-runtime';
import { ExitCode } from '../../src/runtime/lifecycle/exit-codes';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw9';
const API_HASH = '0123456789abcdef0123456789abcdef';

class FakeProcess extends EventEmitter {
  exitCode: number | undefined;
  exit(): void {}
}

describe('createServiceRuntime', () => {
  it('wires logger, metrics, readiness, runner and the HTTP endpoint from the configuration', async () => {
    const lines: string[] = [];
    const runtime = createServiceRuntime({
      config: {
        logLevel: 'info',
        metricsPort: 0,
        healthPort: undefined,
        shutdownTimeoutMs: 1000,
        botToken: TOKEN,
        apiHash: API_HASH,
      },
      httpHost: '127.0.0.1',
      logDestination: { write: (line) => lines.push(line) },
      runnerOptions: { process: new FakeProcess() },
    });
    let connected = false;
    runtime.readiness.add('connected', () => connected || 'not connected');
    runtime.runner.add('bot', { start: () => void (connected = true), stop: () => void (connected = false) });
    const done = runtime.runner.run();
    while (runtime.runner.state !== 'running') await new Promise((resolve) => setImmediate(resolve));
    const base = `http://127.0.0.1:${runtime.httpServers[0]!.port}`;

    expect((await fetch(`${base}/ready`)).status).toBe(200);
    let finish!: () => void;
    void runtime.runner.trackInFlight(new Promise<void>((resolve) => (finish = resolve)));
    runtime.botMetrics.updatesHandled.inc({ kind: 'message', outcome: 'handled' });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('mtbot_handlers_in_flight 1\n');
    expect(metrics).toContain('mtbot_updates_handled_total{kind="message",outcome="handled"} 1\n');
    expect(metrics).toContain('# TYPE process_resident_memory_bytes gauge\n');

    runtime.logger.info({ note: `api hash ${API_HASH}` }, `token ${TOKEN}`);
    const stopping = runtime.runner.stop('test over');
    expect(runtime.runner.state).toBe('stopping');
    finish();
    expect(await stopping).toBe(ExitCode.Clean);
    expect(await done).toBe(ExitCode.Clean);
    await expect(fetch(`${base}/health`)).rejects.toThrow();
    const log = lines.join('');
    expect(log).toContain('"msg":"stopping"');
    expect(log).not.toContain(TOKEN);
    expect(log).not.toContain(API_HASH);
  });

  it('serves health on its own port when HEALTH_PORT differs from METRICS_PORT', () => {
    const runtime = createServiceRuntime({
      config: {
        logLevel: 'silent',
        metricsPort: 9464,
        healthPort: 8080,
        shutdownTimeoutMs: 1000,
        botToken: TOKEN,
        apiHash: API_HASH,
      },
      runnerOptions: { process: new FakeProcess() },
    });
    expect(runtime.httpServers).toHaveLength(2);
    const none = createServiceRuntime({
      config: {
        logLevel: 'silent',
        metricsPort: undefined,
        healthPort: undefined,
        shutdownTimeoutMs: 1,
        botToken: TOKEN,
        apiHash: API_HASH,
      },
      runnerOptions: { process: new FakeProcess() },
    });
    expect(none.httpServers).toHaveLength(0);
  });
});
