import { hasErrorMarker, MtbotError } from 'telegram-mtproto-core';

const MARKER = Symbol.for('mtbot.error.MetricsError');

/**
 * A metric was declared or used wrongly: a name Prometheus refuses, the same name registered twice,
 * labels that differ from the declared ones, a negative counter increment.
 */
export class MetricsError extends MtbotError {
  readonly [MARKER] = true;

  constructor(message: string) {
    super(message);
    this.name = 'MetricsError';
  }

  static override isInstance(value: unknown): value is MetricsError {
    return hasErrorMarker(value, MARKER);
  }
}
