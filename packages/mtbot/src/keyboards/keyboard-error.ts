import { hasErrorMarker, MtbotError } from 'telegram-mtproto-core';

const MARKER = Symbol.for('mtbot.error.KeyboardError');

/**
 * A keyboard Telegram would refuse, found while building it: callback data past 64 bytes, an empty
 * label or URL, an empty reply keyboard, a placeholder past 64 characters.
 *
 * @example
 * ```ts
 * try { new InlineKeyboard().text('Buy', JSON.stringify(bigOrder)) } catch (error) {
 *   if (KeyboardError.isInstance(error)) console.log(error.message);
 * }
 * ```
 */
export class KeyboardError extends MtbotError {
  readonly [MARKER] = true;

  constructor(message: string) {
    super(message);
    this.name = 'KeyboardError';
  }

  static override isInstance(value: unknown): value is KeyboardError {
    return hasErrorMarker(value, MARKER);
  }
}
