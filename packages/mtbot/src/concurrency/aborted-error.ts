import { hasErrorMarker, MtbotError } from 'telegram-mtproto-core';

const MARKER = Symbol.for('mtbot.error.AbortedError');

/**
 * A wait or a queued task was cancelled through its `AbortSignal` before it ran. `cause` is the
 * signal's reason.
 */
export class AbortedError extends MtbotError {
  readonly [MARKER] = true;

  constructor(what: string, options?: { cause?: unknown }) {
    super(`${what} was aborted`, options);
    this.name = 'AbortedError';
  }

  static override isInstance(value: unknown): value is AbortedError {
    return hasErrorMarker(value, MARKER);
  }
}
