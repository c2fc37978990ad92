/** What the emulator's world stores: accounts (users and bots) and messages, as plain records. */
import type { ServiceAction } from './group-records';
import type { Api } from 'telegram-mtproto-core';
import type { MessageMedium } from './media-records';

/** A Telegram account: a person or a bot. Ids are Telegram's 64-bit user ids. */
export interface UserRecord {
  readonly id: bigint;
  /** One access hash per user (Telegram's differ per viewer; one value is enough for an emulator). */
  readonly accessHash: bigint;
  readonly firstName: string;
  readonly lastName: string | undefined;
  readonly username: string | undefined;
  readonly bot: boolean;
}

/**
 * One copy of a private-chat message in one account's message box. In private chats each side keeps
 * its own copy with its own id and pts (core.telegram.org/api/updates, "common message box").
 */
export interface StoredMessage {
  /** Id in the owner's box: per account, starting at 1. */
  readonly id: number;
  /** The account whose box holds this copy. */
  readonly ownerId: bigint;
  /** The other side of the private chat. */
  readonly peerId: bigint;
  /** Sent by the owner. */
  readonly out: boolean;
  readonly fromId: bigint;
  text: string;
  /** Unix seconds. */
  readonly date: number;
  editDate: number | undefined;
  /** The same message in the other side's box (in a basic group: the sender's copy). */
  readonly counterpart: { readonly ownerId: bigint; readonly messageId: number };
  /** Set for a basic-group message: the chat (then `peerId` is the chat id too). */
  readonly chatId?: bigint;
  /** Set for a service message (member added or removed, group created). */
  readonly action?: ServiceAction;
  /** A photo or document (world/media-records.ts); `text` is then its caption. */
  readonly media?: MessageMedium;
  /** Buttons of the message, as the bot sent them (bots/reply-markup.ts); edits may change them. */
  replyMarkup?: Api.TypeReplyMarkup;
  /** Sent through this bot's inline mode (messages.sendInlineBotResult). */
  readonly viaBotId?: bigint;
  /** Styled parts of `text` as the sender gave them (core.telegram.org/api/entities); edits replace them. */
  entities?: Api.TypeMessageEntity[];
  /** The message this one replies to, by its id in this copy's box. */
  readonly replyToMessageId?: number;
  /** Set on a forwarded copy: who wrote the original and when (messageFwdHeader). */
  readonly forwardedFrom?: ForwardOrigin;
}

/** The origin of a forwarded message (core.telegram.org/constructor/messageFwdHeader). */
export interface ForwardOrigin {
  /** The author of the original message (kept when a forward is forwarded again). */
  readonly fromId: bigint;
  /** `fromId` is a broadcast channel (a post has no user author). */
  readonly fromChannel?: boolean;
  /** Unix seconds: when the original was sent. */
  readonly date: number;
}

/** One pts event of a message box: what getDifference replays. */
export interface BoxEvent {
  readonly kind: 'new-message' | 'edit-message' | 'delete-message';
  /** pts after the event (pts_count is always 1 for these kinds: a delete of n messages is n events). */
  readonly pts: number;
  readonly messageId: number;
  /** Unix seconds. */
  readonly date: number;
}
