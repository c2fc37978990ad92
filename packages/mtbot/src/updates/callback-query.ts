import type { Api } from 'telegram-mtproto-core';
import type { CallbackAnswerOptions } from '../client/message-options';
import type { BotActions } from './bot-actions';
import type { Chat } from './chat';
import type { Message } from './message';
import type { User } from './user';

/** What a {@link CallbackQuery} is made of besides its TL update. */
export interface CallbackQueryDetails {
  readonly from: User;
  readonly chat: Chat | undefined;
  readonly message: Message | undefined;
  readonly actions: BotActions;
}

const utf8 = new TextDecoder('utf-8');

/**
 * A press of an inline keyboard's callback button (core.telegram.org/api/bots/buttons). Answer it,
 * even with nothing, or the user's client keeps spinning.
 *
 * @example
 * ```ts
 * if (update.kind === 'callbackQuery' && update.callbackQuery.data === 'like') {
 *   await update.callbackQuery.answer({ text: 'Thanks!' });
 * }
 * ```
 */
export class CallbackQuery {
  readonly id: bigint;
  readonly from: User;
  /** The button's data as UTF-8 text (see {@link CallbackQuery.rawData} for the bytes). */
  readonly data: string | undefined;
  /** The button's data as sent. */
  readonly rawData: Uint8Array | undefined;
  /** The message with the button, when it could be fetched. */
  readonly message: Message | undefined;
  readonly messageId: number;
  readonly chat: Chat | undefined;
  /** Identifies the chat the button was pressed in, the same for every press there. */
  readonly chatInstance: bigint;
  private readonly actions: BotActions;
  private answerCalled = false;

  constructor(
    readonly raw: Api.UpdateBotCallbackQuery,
    details: CallbackQueryDetails,
  ) {
    this.id = raw.query_id;
    this.from = details.from;
    this.rawData = raw.data;
    this.data = raw.data === undefined ? undefined : utf8.decode(raw.data);
    this.message = details.message;
    this.messageId = raw.msg_id;
    this.chat = details.chat;
    this.chatInstance = raw.chat_instance;
    this.actions = details.actions;
  }

  /** Answers the press: a toast (`text`), an `alert` box, or a `url` to open. */
  answer(options: CallbackAnswerOptions = {}): Promise<void> {
    this.answerCalled = true;
    return this.actions.answerCallbackQuery(this.id, options);
  }

  /** Whether {@link CallbackQuery.answer} was called (the application answers the others itself). */
  get answered(): boolean {
    return this.answerCalled;
  }
}
