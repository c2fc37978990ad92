import type { Api } from 'telegram-mtproto-core';
import { toReplyMarkup, type ReplyMarkupLike } from '../keyboards/reply-markup-like';

/** A result of an inline query answer, as Telegram takes it. */
export type InlineResult = Api.TypeInputBotInlineResult;

/** Fields of {@link articleResult}. */
export interface ArticleResultInput {
  /** Unique within one answer, up to 64 bytes. */
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  /** The message the user sends by picking the result. */
  readonly text: string;
  readonly entities?: readonly Api.TypeMessageEntity[];
  readonly url?: string;
  readonly replyMarkup?: ReplyMarkupLike;
  readonly noLinkPreview?: boolean;
}

/**
 * An article: a title and description in the results list that sends a text message.
 *
 * @example
 * ```ts
 * await query.answer([articleResult({ id: 'a', title: 'Say hi', text: 'Hi!' })]);
 * ```
 */
export function articleResult(input: ArticleResultInput): Api.InputBotInlineResult {
  return {
    _: 'inputBotInlineResult',
    id: input.id,
    type: 'article',
    title: input.title,
    ...(input.description !== undefined && { description: input.description }),
    ...(input.url !== undefined && { url: input.url }),
    send_message: {
      _: 'inputBotInlineMessageText',
      message: input.text,
      ...(input.noLinkPreview && { no_webpage: true }),
      ...(input.entities !== undefined && { entities: [...input.entities] }),
      ...(input.replyMarkup !== undefined && { reply_markup: toReplyMarkup(input.replyMarkup) }),
    },
  };
}

/** Fields of {@link photoResult}. */
export interface PhotoResultInput {
  readonly id: string;
  /** A photo Telegram already has (from a message the bot saw or sent). */
  readonly photo: Api.TypeInputPhoto;
  readonly caption?: string;
  readonly entities?: readonly Api.TypeMessageEntity[];
  readonly replyMarkup?: ReplyMarkupLike;
}

/**
 * A photo already on Telegram's servers, sent with an optional caption when picked.
 *
 * @example
 * ```ts
 * const photo = { _: 'inputPhoto', id, access_hash, file_reference } as const;
 * await query.answer([photoResult({ id: 'p1', photo, caption: 'A cat' })]);
 * ```
 */
export function photoResult(input: PhotoResultInput): Api.InputBotInlineResultPhoto {
  return {
    _: 'inputBotInlineResultPhoto',
    id: input.id,
    type: 'photo',
    photo: input.photo,
    send_message: {
      _: 'inputBotInlineMessageMediaAuto',
      message: input.caption ?? '',
      ...(input.entities !== undefined && { entities: [...input.entities] }),
      ...(input.replyMarkup !== undefined && { reply_markup: toReplyMarkup(input.replyMarkup) }),
    },
  };
}
