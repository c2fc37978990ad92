import type { Api } from 'telegram-mtproto-core';
import { checkPlaceholder } from './button-checks';

/** Options of {@link forceReply}. */
export interface ForceReplyOptions {
  /** Text in the input field while replying: 1 to 64 characters. */
  readonly placeholder?: string;
  /** Ask only the users mentioned in the message and the sender of the message replied to. */
  readonly selective?: boolean;
}

/**
 * Markup that opens a reply to the bot's message in the user's app, as if they had chosen "Reply"
 * (`replyKeyboardForceReply`).
 *
 * @throws {KeyboardError} when the placeholder is empty or longer than 64 characters.
 * @example
 * ```ts
 * await bot.sendMessage(chatId, 'Your name?', { replyMarkup: forceReply({ placeholder: 'Name' }) });
 * ```
 */
export function forceReply(options: ForceReplyOptions = {}): Api.ReplyKeyboardForceReply {
  return {
    _: 'replyKeyboardForceReply',
    ...(options.selective ? { selective: true } : {}),
    ...(options.placeholder === undefined ? {} : { placeholder: checkPlaceholder(options.placeholder) }),
  };
}
