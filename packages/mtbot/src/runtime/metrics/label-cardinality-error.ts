import { hasErrorMarker } from 'telegram-mtproto-core';
import { MetricsError } from './metrics-error';

const MARKER = Symbol.for('mtbot.error.LabelCardinalityError');

/**
 * A metric would get more label combinations than its cap. Unbounded labels (user ids, message
 * texts) make a Prometheus server slow and a process leak memory, so the series is refused instead.
 */
export class LabelCardinalityError extends MetricsError {
  readonly [MARKER] = true;

  constructor(
    /** The metric's name. */
    readonly metric: string,
    /** Its cap on label combinations. */
    readonly limit: number,
  ) {
    super(`metric ${metric} has reached its cap of ${limit} label combinations: use labels with few values`);
    this.name = 'LabelCardinalityError';
  }

  static override isInstance(value: unknown): value is LabelCardinalityError {
    return hasErrorMarker(value, MARKER);
  }
}
