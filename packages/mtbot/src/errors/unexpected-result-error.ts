import { MtbotError } from 'telegram-mtproto-core';

const MARKER = Symbol.for('mtbot.error.UnexpectedResultError');

/** A call succeeded but its answer lacks what it should hold (the message a send created, a user). */
export class UnexpectedResultError extends MtbotError {
  readonly [MARKER] = true;

  constructor(
    /** The TL method that was called. */
    readonly method: string,
    /** The peer it was about, as error messages name it. */
    readonly peer: string | undefined,
    what: string,
  ) {
    super(`${method}${peer !== undefined ? ` to ${peer}` : ''}: the answer does not hold ${what}`);
    this.name = 'UnexpectedResultError';
  }

  static override isInstance(value: unknown): value is UnexpectedResultError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }
}
