import { formatLabels, formatSampleValue } from './exposition-text';
import { Metric, type LabelValues, type MetricOptions } from './metric';

/**
 * A value that goes up and down (handlers in flight, memory), one per label combination.
 *
 * @example
 * ```ts
 * const queued = registry.gauge({ name: 'app_queue_length', help: 'Jobs waiting' })
 * queued.set(undefined, queue.length)
 * ```
 */
export class Gauge<L extends string = never> extends Metric<L, { value: number }> {
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

  /** The current value of the series of `labels`. */
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
