import { escapeHelp, isValidLabelName, isValidMetricName } from './exposition-text';
import { LabelCardinalityError } from './label-cardinality-error';
import { MetricsError } from './metrics-error';

/** Label values of one sample, by label name. */
export type LabelValues<L extends string> = Readonly<Record<L, string | number>>;

/** What every metric is declared with. */
export interface MetricOptions<L extends string> {
  /** Prometheus name, e.g. `mtbot_updates_handled_total`. */
  readonly name: string;
  /** One line saying what it counts. */
  readonly help: string;
  /** Label names; every sample gives a value for each. */
  readonly labelNames?: readonly L[];
  /** Cap on label combinations (default 1,000); past it, {@link LabelCardinalityError}. */
  readonly maxSeries?: number;
}

/** Default cap on label combinations of one metric. */
export const DEFAULT_MAX_SERIES = 1000;

/**
 * What counters, gauges and histograms share: name and label checks, one series per label
 * combination (bounded), and the HELP/TYPE header of the exposition.
 */
export abstract class Metric<L extends string, S> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly L[];
  readonly maxSeries: number;
  protected readonly series = new Map<string, { readonly labels: readonly string[]; readonly state: S }>();

  constructor(
    options: MetricOptions<L>,
    /** Prometheus type, for the TYPE line. */
    readonly type: 'counter' | 'gauge' | 'histogram',
    reservedLabels: readonly string[] = [],
  ) {
    if (!isValidMetricName(options.name))
      throw new MetricsError(`invalid metric name ${JSON.stringify(options.name)}`);
    const labelNames = options.labelNames ?? [];
    for (const label of labelNames) {
      if (!isValidLabelName(label) || reservedLabels.includes(label)) {
        throw new MetricsError(`metric ${options.name}: invalid label name ${JSON.stringify(label)}`);
      }
    }
    if (new Set(labelNames).size !== labelNames.length) {
      throw new MetricsError(`metric ${options.name}: a label name is declared twice`);
    }
    this.name = options.name;
    this.help = options.help;
    this.labelNames = labelNames;
    this.maxSeries = options.maxSeries ?? DEFAULT_MAX_SERIES;
  }

  /** The exposition lines of this metric: HELP, TYPE and its samples. */
  render(): string[] {
    return [
      `# HELP ${this.name} ${escapeHelp(this.help)}`,
      `# TYPE ${this.name} ${this.type}`,
      ...this.samples(),
    ];
  }

  /** Forgets every series (e.g. between tests or after a reconfiguration). */
  reset(): void {
    this.series.clear();
  }

  protected abstract samples(): string[];

  protected abstract initialState(): S;

  /** The state of the series for `labels`, created on first use within the cap. */
  protected stateFor(labels: LabelValues<L> | undefined): S {
    const values = this.labelValues(labels);
    const key = values.join('\u0000');
    const existing = this.series.get(key);
    if (existing !== undefined) return existing.state;
    if (this.series.size >= this.maxSeries) throw new LabelCardinalityError(this.name, this.maxSeries);
    const state = this.initialState();
    this.series.set(key, { labels: values, state });
    return state;
  }

  private labelValues(labels: LabelValues<L> | undefined): string[] {
    const given = (labels ?? {}) as Record<string, string | number>;
    const names = Object.keys(given);
    if (
      names.length !== this.labelNames.length ||
      names.some((name) => !this.labelNames.includes(name as L))
    ) {
      throw new MetricsError(
        `metric ${this.name} takes labels [${this.labelNames.join(', ')}], got [${names.join(', ')}]`,
      );
    }
    return this.labelNames.map((name) => String(given[name]));
  }
}
