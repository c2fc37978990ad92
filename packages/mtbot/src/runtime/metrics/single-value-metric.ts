import { formatLabels, formatSampleValue } from './exposition-text';
import { Metric, type LabelValues } from './metric';

/** What counters and gauges share: one number per label combination, one sample line each. */
export abstract class SingleValueMetric<L extends string> extends Metric<L, { value: number }> {
  /** The current value of the series of `labels`; a new series is created at 0 (and counts toward the cap). */
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
