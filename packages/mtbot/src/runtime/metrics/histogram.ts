import { formatLabels, formatSampleValue } from './exposition-text';
import { Metric, type LabelValues, type MetricOptions } from './metric';
import { MetricsError } from './metrics-error';

/** Bucket bounds in seconds suited to handler latency: 5 ms to 10 s. */
export const DEFAULT_LATENCY_BUCKETS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/** Options of a {@link Histogram}. */
export interface HistogramOptions<L extends string> extends MetricOptions<L> {
  /** Upper bounds of the buckets, increasing (default {@link DEFAULT_LATENCY_BUCKETS}); `+Inf` is implied. */
  readonly buckets?: readonly number[];
}

interface HistogramState {
  /** Observations per bucket (not cumulative); the last slot is the `+Inf` overflow. */
  readonly counts: number[];
  sum: number;
  count: number;
}

/**
 * Observations sorted into buckets, with their sum and count (e.g. handler latency in seconds).
 *
 * @example
 * ```ts
 * const latency = registry.histogram({ name: 'app_job_seconds', help: 'Job time', buckets: [0.1, 1, 10] })
 * latency.observe(undefined, 0.42)
 * ```
 */
export class Histogram<L extends string = never> extends Metric<L, HistogramState> {
  readonly buckets: readonly number[];

  constructor(options: HistogramOptions<L>) {
    super(options, 'histogram', ['le']);
    const buckets = options.buckets ?? DEFAULT_LATENCY_BUCKETS;
    if (
      buckets.some((bound, index) => !Number.isFinite(bound) || (index > 0 && bound <= buckets[index - 1]!))
    ) {
      throw new MetricsError(`histogram ${options.name}: buckets must be finite and increasing`);
    }
    this.buckets = [...buckets];
  }

  /** Records one observation in the series of `labels`. */
  observe(labels: LabelValues<L> | undefined, value: number): void {
    if (Number.isNaN(value)) throw new MetricsError(`histogram ${this.name} cannot observe NaN`);
    const state = this.stateFor(labels);
    let index = this.buckets.findIndex((bound) => value <= bound);
    if (index === -1) index = this.buckets.length;
    state.counts[index]! += 1;
    state.sum += value;
    state.count += 1;
  }

  /** Count and sum of the series of `labels`. */
  get(labels?: LabelValues<L>): { readonly count: number; readonly sum: number } {
    const { count, sum } = this.stateFor(labels);
    return { count, sum };
  }

  protected initialState(): HistogramState {
    return { counts: new Array<number>(this.buckets.length + 1).fill(0), sum: 0, count: 0 };
  }

  protected samples(): string[] {
    const lines: string[] = [];
    const names = [...this.labelNames, 'le'];
    for (const { labels, state } of this.series.values()) {
      let cumulative = 0;
      this.buckets.forEach((bound, index) => {
        cumulative += state.counts[index]!;
        lines.push(
          `${this.name}_bucket${formatLabels(names, [...labels, formatSampleValue(bound)])} ${cumulative}`,
        );
      });
      lines.push(`${this.name}_bucket${formatLabels(names, [...labels, '+Inf'])} ${state.count}`);
      const plain = formatLabels(this.labelNames, labels);
      lines.push(`${this.name}_sum${plain} ${formatSampleValue(state.sum)}`);
      lines.push(`${this.name}_count${plain} ${state.count}`);
    }
    return lines;
  }
}
