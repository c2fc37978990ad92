import type { Api } from 'telegram-mtproto-core';
import { checkLabel, checkUrl } from './button-checks';
import { ButtonRows } from './button-rows';
import { encodeCallbackData } from './callback-data';
import { KeyboardError } from './keyboard-error';

/** Chats a switch-inline button may offer to pick from (Bot API's switch_inline_query_chosen_chat). */
export type InlineChatType = 'users' | 'bots' | 'groups' | 'channels';

/** Options of {@link InlineKeyboard.switchInline}. */
export interface SwitchInlineOptions {
  /** Start the inline query in the current chat instead of letting the user pick one. */
  readonly currentChat?: boolean;
  /** Let the user pick a chat of these types only (not with `currentChat`). */
  readonly chatTypes?: readonly InlineChatType[];
}

/** Options of {@link InlineKeyboard.login}. */
export interface LoginOptions {
  /** Text of the button when the message is forwarded. */
  readonly forwardText?: string;
  /** The bot that logs the user in; the sending bot when left out. */
  readonly bot?: Api.TypeInputUser;
  /** Also ask the user to let the bot write to them. */
  readonly requestWriteAccess?: boolean;
}

const PEER_TYPES: Readonly<Record<InlineChatType, Api.TypeInlineQueryPeerType[]>> = {
  users: [{ _: 'inlineQueryPeerTypePM' }],
  bots: [{ _: 'inlineQueryPeerTypeBotPM' }],
  groups: [{ _: 'inlineQueryPeerTypeChat' }, { _: 'inlineQueryPeerTypeMegagroup' }],
  channels: [{ _: 'inlineQueryPeerTypeBroadcast' }],
};

/**
 * Builds the buttons under a message (`replyInlineMarkup`): buttons go into the current row, `row()`
 * starts the next one. The static methods make single buttons for {@link InlineKeyboard.from}.
 *
 * @example
 * ```ts
 * const keyboard = new InlineKeyboard()
 *   .text('👍', 'vote:up').text('👎', 'vote:down').row()
 *   .url('Docs', 'https://core.telegram.org/bots');
 * await bot.sendMessage(chatId, 'Like it?', { replyMarkup: keyboard });
 * ```
 */
export class InlineKeyboard extends ButtonRows {
  /** A keyboard of these rows of buttons. */
  static from(rows: readonly (readonly Api.TypeKeyboardButton[])[]): InlineKeyboard {
    const keyboard = new InlineKeyboard();
    for (const row of rows) keyboard.add(...row).row();
    return keyboard;
  }

  /**
   * A button that sends `data` back in a callback query (`keyboardButtonCallback`).
   *
   * @throws {KeyboardError} when `data` is empty or longer than 64 bytes (UTF-8 for a string).
   */
  static text(label: string, data: string | Uint8Array): Api.KeyboardButtonCallback {
    return { _: 'keyboardButtonCallback', text: checkLabel(label), data: encodeCallbackData(data, label) };
  }

  /** A button that opens `url` (`keyboardButtonUrl`); `tg://user?id=N` opens a user's profile. */
  static url(label: string, url: string): Api.KeyboardButtonUrl {
    return { _: 'keyboardButtonUrl', text: checkLabel(label), url: checkUrl(url, label) };
  }

  /**
   * A button that starts an inline query of this bot with `query` (`keyboardButtonSwitchInline`): in
   * the current chat, in a chat the user picks, or in one of the chat types given.
   */
  static switchInline(
    label: string,
    query = '',
    options: SwitchInlineOptions = {},
  ): Api.KeyboardButtonSwitchInline {
    if (options.currentChat && options.chatTypes) {
      throw new KeyboardError(
        `button ${JSON.stringify(label)}: currentChat and chatTypes exclude each other`,
      );
    }
    if (options.chatTypes?.length === 0) {
      throw new KeyboardError(`button ${JSON.stringify(label)}: chatTypes names no chat type`);
    }
    return {
      _: 'keyboardButtonSwitchInline',
      ...(options.currentChat ? { same_peer: true } : {}),
      text: checkLabel(label),
      query,
      ...(options.chatTypes
        ? { peer_types: [...new Set(options.chatTypes)].flatMap((type) => PEER_TYPES[type]) }
        : {}),
    };
  }

  /** A button that logs the user in to the website at `url` with their Telegram account (Login Widget). */
  static login(label: string, url: string, options: LoginOptions = {}): Api.InputKeyboardButtonUrlAuth {
    return {
      _: 'inputKeyboardButtonUrlAuth',
      ...(options.requestWriteAccess ? { request_write_access: true } : {}),
      text: checkLabel(label),
      ...(options.forwardText !== undefined ? { fwd_text: options.forwardText } : {}),
      url: checkUrl(url, label),
      bot: options.bot ?? { _: 'inputUserSelf' },
    };
  }

  /** A button that opens the web app at `url` (`keyboardButtonWebView`). */
  static webApp(label: string, url: string): Api.KeyboardButtonWebView {
    return { _: 'keyboardButtonWebView', text: checkLabel(label), url: checkUrl(url, label) };
  }

  /** A button that copies `text` to the clipboard (`keyboardButtonCopy`). */
  static copyText(label: string, text: string): Api.KeyboardButtonCopy {
    return { _: 'keyboardButtonCopy', text: checkLabel(label), copy_text: text };
  }

  /** Adds a callback button; see {@link InlineKeyboard.text}. */
  text(label: string, data: string | Uint8Array): this {
    return this.add(InlineKeyboard.text(label, data));
  }

  /** Adds a URL button; see {@link InlineKeyboard.url}. */
  url(label: string, url: string): this {
    return this.add(InlineKeyboard.url(label, url));
  }

  /** Adds a switch-inline button; see {@link InlineKeyboard.switchInline}. */
  switchInline(label: string, query = '', options: SwitchInlineOptions = {}): this {
    return this.add(InlineKeyboard.switchInline(label, query, options));
  }

  /** Adds a login button; see {@link InlineKeyboard.login}. */
  login(label: string, url: string, options: LoginOptions = {}): this {
    return this.add(InlineKeyboard.login(label, url, options));
  }

  /** Adds a web app button; see {@link InlineKeyboard.webApp}. */
  webApp(label: string, url: string): this {
    return this.add(InlineKeyboard.webApp(label, url));
  }

  /** Adds a copy-text button; see {@link InlineKeyboard.copyText}. */
  copyText(label: string, text: string): this {
    return this.add(InlineKeyboard.copyText(label, text));
  }

  /** The keyboard as Telegram's `replyInlineMarkup` (empty rows left out). */
  build(): Api.ReplyInlineMarkup {
    return { _: 'replyInlineMarkup', rows: this.buildRows() };
  }
}
