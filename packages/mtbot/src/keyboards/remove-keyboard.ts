import type { Api } from 'telegram-mtproto-core';

/** Options of {@link removeKeyboard}. */
export interface RemoveKeyboardOptions {
  /** Remove it only for the users mentioned in the message and the sender of the message replied to. */
  readonly selective?: boolean;
}

/**
 * Markup that removes the reply keyboard the bot showed (`replyKeyboardHide`).
 *
 * @example
 * ```ts
 * await bot.sendMessage(chatId, 'Thanks!', { replyMarkup: removeKeyboard() });
 * ```
 */
export function removeKeyboard(options: RemoveKeyboardOptions = {}): Api.ReplyKeyboardHide {
  return { _: 'replyKeyboardHide', ...(options.selective ? { selective: true } : {}) };
}
