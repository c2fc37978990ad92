import type { Api } from 'telegram-mtproto-core';
import type { ReplyMarkupLike } from '../keyboards/reply-markup-like';

/** How `text` is read: HTML or Markdown turned into entities, or plain text (the default). */
export type ParseMode = 'html' | 'markdown' | undefined;

/**
 * Link preview settings (core.telegram.org/api/links): `false` for none, or which URL to preview,
 * where and how big. Without them Telegram previews the first link of the text.
 */
export type LinkPreviewOptions =
  | false
  | {
      /**
       * Preview this URL instead of the first one in the text. When no preview can be made of it,
       * the message goes without one.
       */
      readonly url?: string;
      /** Show the preview above the text. */
      readonly aboveText?: boolean;
      /** Ask for a large picture in the preview (needs `url`). */
      readonly preferLargeMedia?: boolean;
      /** Ask for a small picture in the preview (needs `url`). */
      readonly preferSmallMedia?: boolean;
    };

/** The formatting options of a text: parse mode or entities, and keyboards. */
export interface TextOptions {
  /** Overrides the client's `defaultParseMode`; ignored when `entities` are given. */
  readonly parseMode?: ParseMode;
  /** Entities for the text as is (offsets in UTF-16 code units). */
  readonly entities?: readonly Api.TypeMessageEntity[];
  readonly linkPreview?: LinkPreviewOptions;
  readonly replyMarkup?: ReplyMarkupLike;
}

/** Options of `sendMessage`. */
export interface SendMessageOptions extends TextOptions {
  /** The id of the message to reply to, in the same chat. */
  readonly replyTo?: number;
  /** Send without a notification sound. */
  readonly silent?: boolean;
}

/** Options of `editMessage`. Without `replyMarkup` an inline keyboard is removed, as Telegram does. */
export type EditMessageOptions = TextOptions;

/** Options of `forwardMessages`. */
export interface ForwardMessagesOptions {
  readonly silent?: boolean;
  /** Forward as a copy without the "Forwarded from" header. */
  readonly dropAuthor?: boolean;
}

/** Options of `answerCallbackQuery`. */
export interface CallbackAnswerOptions {
  /** A toast (or, with `alert`, a dialog) shown to the user; up to 200 characters. */
  readonly text?: string;
  readonly alert?: boolean;
  /** A URL to open (t.me links to the bot, games). */
  readonly url?: string;
  /** How long clients may cache the answer. Default 0. */
  readonly cacheTimeSeconds?: number;
}

/** Options of `answerInlineQuery`. */
export interface InlineAnswerOptions {
  /** How long the results may be cached by the server. Default 300. */
  readonly cacheTimeSeconds?: number;
  /** Results depend on the user (not shared with others asking the same). */
  readonly personal?: boolean;
  /** Show the results as a grid of media. */
  readonly gallery?: boolean;
  /** Passed back as the `offset` of the next query when the user scrolls. */
  readonly nextOffset?: string;
}

/** A chat action ("typing…") as its short name, or the TL object. */
export type ChatAction =
  | 'typing'
  | 'cancel'
  | 'uploadPhoto'
  | 'uploadDocument'
  | 'uploadVideo'
  | 'recordVoice'
  | 'chooseSticker'
  | Api.TypeSendMessageAction;

/** One command of the bot's menu. */
export interface BotCommandDescription {
  /** 1-32 characters of a-z, 0-9 and _. */
  readonly command: string;
  readonly description: string;
}
