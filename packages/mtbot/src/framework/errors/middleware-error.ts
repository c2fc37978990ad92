import { hasErrorMarker, MtbotError } from 'telegram-mtproto-core';

const MARKER = Symbol.for('mtbot.error.MiddlewareError');

/** A middleware misused its `next`: called it twice, which would run the rest of the chain twice. */
export class MiddlewareError extends MtbotError {
  readonly [MARKER] = true;

  constructor(message: string) {
    super(message);
    this.name = 'MiddlewareError';
  }

  static override isInstance(value: unknown): value is MiddlewareError {
    return hasErrorMarker(value, MARKER);
  }
}
