import { formatLabels, formatSampleValue } from './exposition-text';
import { Metric, type LabelValues, type MetricOptions } from './metric';
import { MetricsError } from './metrics-error';

/**
 * A value that only goes up (events, seconds waited), one per label combination.
 *
 * @example
 * ```ts
 * const handled = registry.counter({ name: 'app_orders_total', help: 'Orders taken', labelNames: ['kind'] })
 * handled.inc({ kind: 'pizza' })
 * ```
 */
export class Counter<L extends string = never> extends Metric<L, { value: number }> {
  constructor(options: MetricOptions<L>) {
    super(options, 'counter');
  }

  /** Adds `amount` (default 1, never negative) to the series of `labels`. */
  inc(labels?: LabelValues<L>, amount = 1): void {
    if (!(amount >= 0)) throw new MetricsError(`counter ${this.name} cannot be increased by ${amount}`);
    this.stateFor(labels).value += amount;
  }

  /** The current value of the series of `labels` (0 when never increased). */
  get(labels?: LabelValues<L>): number {
    return this.stateFor(labels).value;
  }

  protected initialState(): { value: number } {
    return { value: 0 };
  }

  protected samples(): string[] {
    return [...this.series.values()].map(
      ({ labels, state }) =>
        `${this.name}${formatLabels(this.labelNames, labels)} ${formatSampleValue(state.value)}`,
    );
  }
}
