import type { Api } from 'telegram-mtproto-core';
import type { EditMessageOptions, SendMessageOptions } from '../client/message-options';
import type { MessageText } from '../client/message-text';
import type { BotActions } from './bot-actions';
import { parseBotCommand, type BotCommand } from './bot-command';
import type { Chat } from './chat';
import { mediaKindOf, type MediaKind } from './media-kind';
import type { User } from './user';

/** What a {@link Message} is made of besides its TL object. */
export interface MessageDetails {
  readonly chat: Chat;
  readonly sender: User | undefined;
  /** This bot's username, to tell commands addressed to it from those for other bots. */
  readonly botUsername: string | undefined;
  readonly actions: BotActions;
}

/**
 * A message in a chat the bot is in, with the accessors bots route on and the methods they answer with.
 *
 * @example
 * ```ts
 * bot.onUpdate(async (update) => {
 *   if (update.kind !== 'message') return;
 *   const { message } = update;
 *   if (message.command?.name === 'start') await message.reply(`Hello, ${message.sender?.firstName}!`);
 * });
 * ```
 */
export class Message {
  readonly id: number;
  readonly chat: Chat;
  /** Who wrote it; undefined for channel posts. */
  readonly sender: User | undefined;
  readonly date: Date;
  /** The text, or the caption of media; '' when there is none. */
  readonly text: string;
  /** Formatting of {@link Message.text}, offsets in UTF-16 code units. */
  readonly entities: Api.TypeMessageEntity[];
  readonly mediaKind: MediaKind;
  /** The id of the message this one replies to, in the same chat. */
  readonly replyToMessageId: number | undefined;
  /** The command the message starts with, when it is for this bot (or names no bot). */
  readonly command: BotCommand | undefined;
  private readonly actions: BotActions;

  constructor(
    /** The TL message as received. */
    readonly raw: Api.Message,
    details: MessageDetails,
  ) {
    this.id = raw.id;
    this.chat = details.chat;
    this.sender = details.sender;
    this.date = new Date(raw.date * 1000);
    this.text = raw.message;
    this.entities = raw.entities ?? [];
    this.mediaKind = mediaKindOf(raw.media);
    this.replyToMessageId =
      raw.reply_to?._ === 'messageReplyHeader' ? raw.reply_to.reply_to_msg_id : undefined;
    this.command = parseBotCommand(this.text, details.botUsername);
    this.actions = details.actions;
  }

  /** True for a message the bot sent itself. */
  get isOutgoing(): boolean {
    return this.raw.out === true;
  }

  /** Sends `text` (a string or an `html`/`md` formatted text) to the same chat as a reply to this message. */
  reply(text: MessageText, options: SendMessageOptions = {}): Promise<Message> {
    return this.actions.sendMessage(this.chat.id, text, { replyTo: this.id, ...options });
  }

  /** Edits this message (the bot's own) to `text` (a string or an `html`/`md` formatted text). */
  edit(text: MessageText, options: EditMessageOptions = {}): Promise<Message> {
    return this.actions.editMessage(this.chat.id, this.id, text, options);
  }

  /** Deletes this message for everyone. */
  delete(): Promise<void> {
    return this.actions.deleteMessages(this.chat.id, [this.id]);
  }
}
