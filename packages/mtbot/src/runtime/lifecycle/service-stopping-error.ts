import { hasErrorMarker, MtbotError } from 'telegram-mtproto-core';

const MARKER = Symbol.for('mtbot.error.ServiceStoppingError');

/** New work was offered after shutdown began; the source should stop offering it. */
export class ServiceStoppingError extends MtbotError {
  readonly [MARKER] = true;

  constructor() {
    super('the service is stopping and takes no new work');
    this.name = 'ServiceStoppingError';
  }

  static override isInstance(value: unknown): value is ServiceStoppingError {
    return hasErrorMarker(value, MARKER);
  }
}
