import type { LabelValues, MetricOptions } from './metric';
import { SingleValueMetric } from './single-value-metric';

/**
 * A value that goes up and down (handlers in flight, memory), one per label combination.
 *
 * @example
 * ```ts
 * const queued = registry.gauge({ name: 'app_queue_length', help: 'Jobs waiting' })
 * queued.set(undefined, queue.length)
 * ```
 */
export class Gauge<L extends string = never> extends SingleValueMetric<L> {
  constructor(options: MetricOptions<L>) {
    super(options, 'gauge');
  }

  /** Sets the series of `labels` to `value`. */
  set(labels: LabelValues<L> | undefined, value: number): void {
    this.stateFor(labels).value = value;
  }

  /** Adds `amount` (default 1). */
  inc(labels?: LabelValues<L>, amount = 1): void {
    this.stateFor(labels).value += amount;
  }

  /** Subtracts `amount` (default 1). */
  dec(labels?: LabelValues<L>, amount = 1): void {
    this.stateFor(labels).value -= amount;
  }
}
