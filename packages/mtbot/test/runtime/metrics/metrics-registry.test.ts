import { registerBotMetrics } from '../../../src/runtime/metrics/bot-metrics';
import { escapeLabelValue } from '../../../src/runtime/metrics/exposition-text';
import { LabelCardinalityError } from '../../../src/runtime/metrics/label-cardinality-error';
import { MetricsError } from '../../../src/runtime/metrics/metrics-error';
import { MetricsRegistry } from '../../../src/runtime/metrics/metrics-registry';
import { registerProcessMetrics } from '../../../src/runtime/metrics/process-metrics';

function lines(registry: MetricsRegistry): string[] {
  const text = registry.renderMetrics();
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

describe('MetricsRegistry exposition', () => {
  it('renders counters and gauges with HELP, TYPE and labelled samples', () => {
    const registry = new MetricsRegistry();
    const jobs = registry.counter({
      name: 'app_jobs_total',
      help: 'Jobs done',
      labelNames: ['outcome', 'queue'],
    });
    const depth = registry.gauge({ name: 'app_queue_depth', help: 'Jobs\nwaiting \\ now' });
    jobs.inc({ outcome: 'ok', queue: 'mail' });
    jobs.inc({ queue: 'mail', outcome: 'ok' }, 2.5);
    jobs.inc({ outcome: 'error', queue: 1 });
    depth.set(undefined, 4);
    depth.dec();
    expect(lines(registry)).toEqual([
      '# HELP app_jobs_total Jobs done',
      '# TYPE app_jobs_total counter',
      'app_jobs_total{outcome="ok",queue="mail"} 3.5',
      'app_jobs_total{outcome="error",queue="1"} 1',
      '# HELP app_queue_depth Jobs\\nwaiting \\\\ now',
      '# TYPE app_queue_depth gauge',
      'app_queue_depth 3',
    ]);
  });

  it('escapes backslash, quote and newline in label values', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    const registry = new MetricsRegistry();
    registry.counter({ name: 'x_total', help: 'x', labelNames: ['path'] }).inc({ path: 'C:\\dir "q"\nnext' });
    expect(lines(registry)[2]).toBe('x_total{path="C:\\\\dir \\"q\\"\\nnext"} 1');
  });

  it('renders histogram buckets cumulatively with +Inf, sum and count', () => {
    const registry = new MetricsRegistry();
    const latency = registry.histogram({
      name: 'app_seconds',
      help: 'Latency',
      labelNames: ['kind'],
      buckets: [0.1, 0.5, 1],
    });
    for (const value of [0.05, 0.1, 0.3, 0.7, 3]) latency.observe({ kind: 'message' }, value);
    latency.observe({ kind: 'inline"query' }, 0.2);
    expect(lines(registry)).toEqual([
      '# HELP app_seconds Latency',
      '# TYPE app_seconds histogram',
      'app_seconds_bucket{kind="message",le="0.1"} 2',
      'app_seconds_bucket{kind="message",le="0.5"} 3',
      'app_seconds_bucket{kind="message",le="1"} 4',
      'app_seconds_bucket{kind="message",le="+Inf"} 5',
      'app_seconds_sum{kind="message"} 4.15',
      'app_seconds_count{kind="message"} 5',
      'app_seconds_bucket{kind="inline\\"query",le="0.1"} 0',
      'app_seconds_bucket{kind="inline\\"query",le="0.5"} 1',
      'app_seconds_bucket{kind="inline\\"query",le="1"} 1',
      'app_seconds_bucket{kind="inline\\"query",le="+Inf"} 1',
      'app_seconds_sum{kind="inline\\"query"} 0.2',
      'app_seconds_count{kind="inline\\"query"} 1',
    ]);
  });

  it('spells special values the Prometheus way', () => {
    const registry = new MetricsRegistry();
    const gauge = registry.gauge({ name: 'g', help: 'g', labelNames: ['k'] });
    gauge.set({ k: 'a' }, Infinity);
    gauge.set({ k: 'b' }, -Infinity);
    gauge.set({ k: 'c' }, NaN);
    expect(lines(registry).slice(2)).toEqual(['g{k="a"} +Inf', 'g{k="b"} -Inf', 'g{k="c"} NaN']);
  });

  it('refuses label combinations past the cap with a typed error', () => {
    const registry = new MetricsRegistry();
    const counter = registry.counter({
      name: 'per_user_total',
      help: 'bad idea',
      labelNames: ['user'],
      maxSeries: 3,
    });
    for (const user of [1, 2, 3]) counter.inc({ user });
    counter.inc({ user: 1 });
    expect(() => counter.inc({ user: 4 })).toThrow(LabelCardinalityError);
    expect(() => counter.inc({ user: 4 })).toThrow(/cap of 3 label combinations/);
    expect(lines(registry)).toHaveLength(5);
  });

  it('refuses bad names, wrong labels, duplicates and negative increments', () => {
    const registry = new MetricsRegistry();
    expect(() => registry.counter({ name: '1bad', help: '' })).toThrow(MetricsError);
    expect(() => registry.counter({ name: 'ok_total', help: '', labelNames: ['__reserved'] })).toThrow(
      MetricsError,
    );
    expect(() => registry.histogram({ name: 'h', help: '', labelNames: ['le'] })).toThrow(
      /invalid label name "le"/,
    );
    expect(() => registry.histogram({ name: 'h2', help: '', buckets: [1, 1] })).toThrow(/increasing/);
    const counter = registry.counter({ name: 'c_total', help: 'c', labelNames: ['a'] });
    expect(() => registry.counter({ name: 'c_total', help: 'again' })).toThrow(/already registered/);
    expect(() => counter.inc({ b: 1 } as never)).toThrow(/takes labels \[a\], got \[b\]/);
    expect(() => counter.inc()).toThrow(MetricsError);
    expect(() => counter.inc({ a: 1 }, -1)).toThrow(/cannot be increased by -1/);
  });

  it('declares the bot metrics and process metrics refreshed at each scrape', () => {
    const registry = new MetricsRegistry();
    const metrics = registerBotMetrics(registry);
    let uptime = 5;
    registerProcessMetrics(registry, {
      uptimeSeconds: () => uptime,
      memoryUsage: () => ({ rss: 1000, heapUsed: 200, heapTotal: 300 }),
    });
    metrics.updatesHandled.inc({ kind: 'message', outcome: 'handled' });
    metrics.floodWaits.inc({ method: 'messages.sendMessage' });
    metrics.floodWaitSeconds.inc({ method: 'messages.sendMessage' }, 12);
    metrics.reconnects.inc({ dc: 2 });
    metrics.handlerLatency.observe({ kind: 'message' }, 0.003);
    const text = registry.renderMetrics();
    expect(text).toContain('mtbot_updates_handled_total{kind="message",outcome="handled"} 1\n');
    expect(text).toContain('mtbot_flood_wait_seconds_total{method="messages.sendMessage"} 12\n');
    expect(text).toContain('mtbot_reconnects_total{dc="2"} 1\n');
    expect(text).toContain('mtbot_handler_duration_seconds_bucket{kind="message",le="0.005"} 1\n');
    expect(text).toContain('process_uptime_seconds 5\n');
    expect(text).toContain('process_resident_memory_bytes 1000\n');
    uptime = 9;
    expect(registry.renderMetrics()).toContain('process_uptime_seconds 9\n');
    expect(registry.renderMetrics()).toContain('nodejs_heap_used_bytes 200\n');
  });
});
