import { hasErrorMarker, MtbotError } from 'telegram-mtproto-core';

const MARKER = Symbol.for('mtbot.error.ContextError');

/**
 * A context action that the current update cannot do: `ctx.reply()` on an inline query (there is no
 * chat to send to), `ctx.answer()` on a message, `ctx.edit()` without a message.
 */
export class ContextError extends MtbotError {
  readonly [MARKER] = true;

  constructor(
    /** The action asked for, e.g. `reply`. */
    readonly action: string,
    /** The kind of update it was asked on. */
    readonly updateKind: string,
    hint: string,
  ) {
    super(`ctx.${action}() is not possible on ${updateKind} updates: ${hint}`);
    this.name = 'ContextError';
  }

  static override isInstance(value: unknown): value is ContextError {
    return hasErrorMarker(value, MARKER);
  }
}
