import { hasErrorMarker, MtbotError } from 'telegram-mtproto-core';

const MARKER = Symbol.for('mtbot.error.QueueFullError');

/**
 * A bounded queue refused a task because it already holds `limit` entries. Thrown at once (never a
 * silent drop, never an unbounded wait): the caller decides to retry later, shed load or fail.
 *
 * @example
 * ```ts
 * try { await scheduler.schedule(send, { chatId }) } catch (error) {
 *   if (QueueFullError.isInstance(error)) reply('busy, try again in a minute')
 * }
 * ```
 */
export class QueueFullError extends MtbotError {
  readonly [MARKER] = true;

  constructor(
    /** Which queue: e.g. `send scheduler`, `send scheduler chat 123`, `executor`. */
    readonly queue: string,
    /** Its capacity. */
    readonly limit: number,
  ) {
    super(`${queue} is full (${limit} queued): retry later or raise its limit`);
    this.name = 'QueueFullError';
  }

  static override isInstance(value: unknown): value is QueueFullError {
    return hasErrorMarker(value, MARKER);
  }
}
