import { hasErrorMarker, MtbotError } from 'telegram-mtproto-core';

const MARKER = Symbol.for('mtbot.error.QueueClosedError');

/**
 * The scheduler or executor was closed: new tasks are refused, and tasks still queued when it was
 * closed without draining are rejected with this error (they never ran).
 */
export class QueueClosedError extends MtbotError {
  readonly [MARKER] = true;

  constructor(
    /** Which queue was closed. */
    readonly queue: string,
  ) {
    super(`${queue} is closed: the task was not run`);
    this.name = 'QueueClosedError';
  }

  static override isInstance(value: unknown): value is QueueClosedError {
    return hasErrorMarker(value, MARKER);
  }
}
