import type { MetricsRegistry } from './metrics-registry';

/** Where process metrics read from; tests pass fixed values. */
export interface ProcessProbe {
  /** Seconds since the process started. */
  uptimeSeconds(): number;
  memoryUsage(): { readonly rss: number; readonly heapUsed: number; readonly heapTotal: number };
}

const nodeProbe: ProcessProbe = {
  uptimeSeconds: () => process.uptime(),
  memoryUsage: () => process.memoryUsage(),
};

/**
 * Declares process metrics refreshed at each scrape: uptime, resident memory, heap used and total.
 */
export function registerProcessMetrics(registry: MetricsRegistry, probe: ProcessProbe = nodeProbe): void {
  const uptime = registry.gauge({
    name: 'process_uptime_seconds',
    help: 'Seconds since the process started',
  });
  const resident = registry.gauge({
    name: 'process_resident_memory_bytes',
    help: 'Resident memory size in bytes',
  });
  const heapUsed = registry.gauge({ name: 'nodejs_heap_used_bytes', help: 'V8 heap used in bytes' });
  const heapTotal = registry.gauge({ name: 'nodejs_heap_total_bytes', help: 'V8 heap allocated in bytes' });
  registry.onCollect(() => {
    const memory = probe.memoryUsage();
    uptime.set(undefined, probe.uptimeSeconds());
    resident.set(undefined, memory.rss);
    heapUsed.set(undefined, memory.heapUsed);
    heapTotal.set(undefined, memory.heapTotal);
  });
}
