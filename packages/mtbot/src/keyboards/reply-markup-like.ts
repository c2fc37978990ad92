import type { Api } from 'telegram-mtproto-core';

/** A reply markup as Telegram's TL object, or a builder (InlineKeyboard, ReplyKeyboard) that makes one. */
export type ReplyMarkupLike = Api.TypeReplyMarkup | { build(): Api.TypeReplyMarkup };

/** The TL object of `markup`, building it when it is a builder. */
export function toReplyMarkup(markup: ReplyMarkupLike): Api.TypeReplyMarkup {
  return 'build' in markup && typeof markup.build === 'function'
    ? markup.build()
    : (markup as Api.TypeReplyMarkup);
}
