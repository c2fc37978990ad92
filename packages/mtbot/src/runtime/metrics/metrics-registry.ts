import { Counter } from './counter';
import { Gauge } from './gauge';
import { Histogram, type HistogramOptions } from './histogram';
import type { MetricOptions } from './metric';
import { MetricsError } from './metrics-error';

/** Something that can render its metrics as exposition text: a registry, or a part's own source. */
export interface MetricsSource {
  /** The text of all its metrics, lines ending with `\n`. */
  renderMetrics(): string;
}

/** What the registry needs of a metric: its name and its exposition lines. */
export interface RenderableMetric {
  readonly name: string;
  render(): string[];
}

/**
 * The set of metrics a process exposes on /metrics. Metric names are unique; collectors run before
 * each render to refresh values read from elsewhere (memory, queue lengths).
 *
 * @example
 * ```ts
 * const registry = new MetricsRegistry()
 * const jobs = registry.counter({ name: 'app_jobs_total', help: 'Jobs done', labelNames: ['outcome'] })
 * jobs.inc({ outcome: 'ok' })
 * registry.renderMetrics() // "# HELP app_jobs_total Jobs done\n# TYPE app_jobs_total counter\n..."
 * ```
 */
export class MetricsRegistry implements MetricsSource {
  private readonly metrics = new Map<string, RenderableMetric>();
  private readonly collectors: Array<() => void> = [];

  /** Declares a counter. */
  counter<L extends string = never>(options: MetricOptions<L>): Counter<L> {
    return this.register(new Counter<L>(options));
  }

  /** Declares a gauge. */
  gauge<L extends string = never>(options: MetricOptions<L>): Gauge<L> {
    return this.register(new Gauge<L>(options));
  }

  /** Declares a histogram. */
  histogram<L extends string = never>(options: HistogramOptions<L>): Histogram<L> {
    return this.register(new Histogram<L>(options));
  }

  /** Adds a metric built elsewhere; its name must be new. */
  register<M extends RenderableMetric>(metric: M): M {
    if (this.metrics.has(metric.name)) throw new MetricsError(`metric ${metric.name} is already registered`);
    this.metrics.set(metric.name, metric);
    return metric;
  }

  /** Runs `collector` before every render, e.g. to set a gauge from the current state. */
  onCollect(collector: () => void): void {
    this.collectors.push(collector);
  }

  /** All metrics in registration order, in Prometheus text format 0.0.4. */
  renderMetrics(): string {
    for (const collector of this.collectors) collector();
    const lines: string[] = [];
    for (const metric of this.metrics.values()) lines.push(...metric.render());
    return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  }
}
