import type { LabelValues, MetricOptions } from './metric';
import { SingleValueMetric } from './single-value-metric';
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
export class Counter<L extends string = never> extends SingleValueMetric<L> {
  constructor(options: MetricOptions<L>) {
    super(options, 'counter');
  }

  /** Adds `amount` (default 1, never negative) to the series of `labels`. */
  inc(labels?: LabelValues<L>, amount = 1): void {
    if (!(amount >= 0)) throw new MetricsError(`counter ${this.name} cannot be increased by ${amount}`);
    this.stateFor(labels).value += amount;
  }
}
