/**
 * Messages of basic groups, supergroups and channels, with Telegram's id and pts rules
 * (core.telegram.org/api/updates):
 *
 * - a basic group's messages are copies in each member's own message box, each with the member's own
 *   message id and pts (the common message box, shared with private chats);
 * - a supergroup or channel has one log with its own message ids and its own pts.
 *
 * Who gets a copy or is told of a channel message follows the bots' privacy rules (group-visibility.ts).
 */
import { RpcError, type Api } from 'telegram-mtproto-core';
import { checkedEntities } from './message-entities';
import type { BoxEvent, ForwardOrigin, StoredMessage } from './records';
import type {
  BasicGroupRecord,
  ChannelEvent,
  ChannelMessage,
  ChannelRecord,
  GroupRecord,
  ServiceAction,
} from './group-records';
import { checkCaption, type World } from './world';
import type { MessageMedium } from './media-records';
import { checkRestrictedSend } from './member-restrictions';
import type { ActiveRestrictions } from './active-restrictions';
import type { EmitGroupEvent } from './group-chats-events';
import { requireActive } from './group-checks';
import { checkedEdit, checkText } from './group-message-checks';
import type { GroupVisibility } from './group-visibility';

/** A group message as a reader sees it: a basic group's copy or a channel's message. */
export type GroupMessage =
  | { readonly kind: 'chat'; readonly message: StoredMessage; readonly event: BoxEvent }
  | { readonly kind: 'channel'; readonly message: ChannelMessage; readonly event: ChannelEvent };

/** What a group message may carry besides its text. */
export interface GroupMessageExtras {
  /** Styled parts of the text (checked against it). */
  readonly entities?: readonly Api.TypeMessageEntity[];
  /** A message to reply to: in a basic group by its id in the sender's box, else the channel's id. */
  readonly replyToMessageId?: number;
  /** Buttons (already checked, bots/reply-markup.ts). */
  readonly replyMarkup?: Api.TypeReplyMarkup;
  /** Makes the message a forward of this original. */
  readonly forwardedFrom?: ForwardOrigin;
  /** A photo or document; the text is then its caption (up to 1024 characters). */
  readonly media?: MessageMedium;
  /** The bot whose inline result this is (messages.sendInlineBotResult). */
  readonly viaBotId?: bigint;
}

/** What a new message holds besides its text (entities already checked, the reply resolved). */
interface MessageContent<Reply> {
  readonly entities?: readonly Api.TypeMessageEntity[];
  readonly reply?: Reply;
  readonly replyMarkup?: Api.TypeReplyMarkup;
  readonly forwardedFrom?: ForwardOrigin;
  readonly media?: MessageMedium;
  readonly viaBotId?: bigint;
}

/** Sends and edits group messages; keeps which copies of a basic-group message belong together. */
export class GroupMessageStore {
  /** Basic-group messages: the copies of each, keyed by any copy ("owner:id"). */
  private readonly copies = new Map<string, Map<bigint, number>>();

  constructor(
    private readonly world: World,
    private readonly emit: EmitGroupEvent,
    private readonly visibility: GroupVisibility,
    private readonly restrictions: ActiveRestrictions,
  ) {}

  /**
   * `senderId` sends `text` to the group. Checks membership and rights the way Telegram does:
   * a non-member gets CHAT_WRITE_FORBIDDEN (basic group) or CHANNEL_PRIVATE; in a broadcast channel
   * only admins with post_messages may post (CHAT_ADMIN_REQUIRED, as Telegram answers a bot that is
   * not allowed to post). Returns the sender's view of the new message.
   */
  sendMessage(
    senderId: bigint,
    group: GroupRecord,
    text: string,
    origin?: unknown,
    extras: GroupMessageExtras = {},
  ): GroupMessage {
    const { replyToMessageId, replyMarkup, forwardedFrom, media, viaBotId } = extras;
    if (media === undefined) checkText(text);
    else checkCaption(text, media);
    const entities = checkedEntities(text, extras.entities);
    const content = { entities, replyMarkup, forwardedFrom, media, viaBotId };
    const member = group.members.get(senderId);
    if (group.kind === 'chat') {
      requireActive(group);
      if (member === undefined) throw new RpcError(403, 'CHAT_WRITE_FORBIDDEN');
      checkRestrictedSend(this.restrictions.deniedRights(group, senderId), {
        media: media?.kind,
        viaBot: viaBotId !== undefined,
      });
      const reply = this.chatReplyTarget(group, senderId, replyToMessageId);
      return {
        kind: 'chat',
        ...this.addChatMessage(group, senderId, text, undefined, origin, { ...content, reply }),
      };
    }
    if (member === undefined) throw new RpcError(400, 'CHANNEL_PRIVATE');
    if (!group.megagroup && !member.adminRights.includes('post_messages')) {
      throw new RpcError(400, 'CHAT_ADMIN_REQUIRED');
    }
    checkRestrictedSend(this.restrictions.deniedRights(group, senderId), {
      media: media?.kind,
      viaBot: viaBotId !== undefined,
    });
    let reply: ChannelMessage | undefined;
    if (replyToMessageId !== undefined) {
      reply = group.messages.get(replyToMessageId);
      if (reply === undefined) throw new RpcError(400, 'REPLY_MESSAGE_ID_INVALID');
    }
    return {
      kind: 'channel',
      ...this.addChannelMessage(group, senderId, text, undefined, origin, { ...content, reply }),
    };
  }

  /** The sender's copy of the basic-group message replied to (REPLY_MESSAGE_ID_INVALID if none). */
  private chatReplyTarget(group: BasicGroupRecord, senderId: bigint, messageId: number | undefined) {
    if (messageId === undefined) return undefined;
    const message = this.world.box(senderId).message(messageId);
    if (message === undefined || message.chatId !== group.id)
      throw new RpcError(400, 'REPLY_MESSAGE_ID_INVALID');
    return message;
  }

  /**
   * The author edits a message: in a basic group by the id in their own box (every copy changes),
   * in a channel by its channel id. MESSAGE_ID_INVALID for an unknown id, MESSAGE_AUTHOR_REQUIRED
   * for someone else's, MESSAGE_NOT_MODIFIED for the same text.
   */
  editMessage(
    accountId: bigint,
    group: GroupRecord,
    messageId: number,
    text: string | undefined,
    origin?: unknown,
    entities?: readonly Api.TypeMessageEntity[],
    markup?: { readonly replyMarkup: Api.TypeReplyMarkup | undefined; readonly changed: boolean },
  ): GroupMessage {
    if (!group.members.has(accountId)) {
      throw new RpcError(
        group.kind === 'chat' ? 403 : 400,
        group.kind === 'chat' ? 'CHAT_WRITE_FORBIDDEN' : 'CHANNEL_PRIVATE',
      );
    }
    if (group.kind === 'chat') {
      requireActive(group);
      const box = this.world.box(accountId);
      const message = box.message(messageId);
      if (message === undefined || message.chatId !== group.id || message.action !== undefined) {
        throw new RpcError(400, 'MESSAGE_ID_INVALID');
      }
      if (message.fromId !== accountId) throw new RpcError(403, 'MESSAGE_AUTHOR_REQUIRED');
      const { newText, newEntities } = checkedEdit(message, text, entities, markup);
      const date = this.world.now();
      let result: GroupMessage | undefined;
      for (const [ownerId, id] of this.copies.get(copyKey(accountId, messageId)) ?? []) {
        const ownerBox = this.world.box(ownerId);
        const copy = ownerBox.message(id);
        if (copy === undefined) continue;
        copy.entities = newEntities === undefined ? undefined : [...newEntities];
        if (markup !== undefined) copy.replyMarkup = markup.replyMarkup;
        const event = ownerBox.editMessage(copy, newText, date);
        if (ownerId === accountId) result = { kind: 'chat', message: copy, event };
        this.emit('chatMessageEdited', copy, event, ownerId === accountId ? origin : undefined);
      }
      return result!;
    }
    const message = group.messages.get(messageId);
    if (message === undefined || message.action !== undefined) throw new RpcError(400, 'MESSAGE_ID_INVALID');
    if (message.senderId !== accountId) throw new RpcError(403, 'MESSAGE_AUTHOR_REQUIRED');
    const { newText, newEntities } = checkedEdit(message, text, entities, markup);
    const date = this.world.now();
    message.text = newText;
    message.entities = newEntities;
    if (markup !== undefined) message.replyMarkup = markup.replyMarkup;
    message.editDate = date;
    const event = recordChannelEvent(group, 'edit-message', message.id, date);
    this.emit(
      'channelMessageEdited',
      group,
      message,
      event,
      this.visibility.viewersOf(group, message),
      origin,
    );
    return { kind: 'channel', message, event };
  }

  /** One copy per member who sees it, each with the member's own id and pts; the sender's is returned. */
  addChatMessage(
    group: BasicGroupRecord,
    senderId: bigint,
    text: string,
    action: ServiceAction | undefined,
    origin?: unknown,
    content: MessageContent<StoredMessage> = {},
  ): { message: StoredMessage; event: BoxEvent } {
    const { entities, reply, replyMarkup, forwardedFrom, media, viaBotId } = content;
    const date = this.world.now();
    const senderBox = this.world.box(senderId);
    // Each member's copy replies to that member's own copy of the message (if they have one).
    const replyCopies = reply === undefined ? undefined : this.copies.get(copyKey(senderId, reply.id));
    const senderCopyId = senderBox.peekNextMessageId();
    const copies = new Map<bigint, number>();
    const added: Array<{ message: StoredMessage; event: BoxEvent }> = [];
    for (const ownerId of group.members.keys()) {
      if (
        !this.visibility.sees(group, ownerId, {
          fromId: senderId,
          text,
          action,
          replyToSenderId: reply?.fromId,
          viaBotId,
        })
      )
        continue;
      const added1 = this.world.box(ownerId).addMessage({
        peerId: group.id,
        chatId: group.id,
        out: ownerId === senderId,
        fromId: senderId,
        text,
        date,
        editDate: undefined,
        action,
        counterpart: { ownerId: senderId, messageId: senderCopyId },
        entities: entities === undefined ? undefined : [...entities],
        replyToMessageId: replyCopies?.get(ownerId),
        replyMarkup,
        forwardedFrom,
        media,
        viaBotId,
      });
      copies.set(ownerId, added1.message.id);
      added.push(added1);
    }
    for (const [ownerId, id] of copies) this.copies.set(copyKey(ownerId, id), copies);
    for (const { message, event } of added) {
      this.emit('chatMessageAdded', message, event, message.ownerId === senderId ? origin : undefined);
    }
    const own = added.find(({ message }) => message.ownerId === senderId);
    if (own === undefined) throw new RpcError(403, 'CHAT_WRITE_FORBIDDEN');
    return own;
  }

  addChannelMessage(
    channel: ChannelRecord,
    senderId: bigint,
    text: string,
    action: ServiceAction | undefined,
    origin: unknown,
    content: MessageContent<ChannelMessage> = {},
  ): { message: ChannelMessage; event: ChannelEvent } {
    const { entities, reply, replyMarkup, forwardedFrom, media, viaBotId } = content;
    const date = this.world.now();
    const post = !channel.megagroup;
    const message: ChannelMessage = {
      id: ++channel.lastMessageId,
      channelId: channel.id,
      fromId: post ? undefined : senderId,
      senderId,
      post,
      text,
      date,
      editDate: undefined,
      action,
      entities: entities === undefined ? undefined : [...entities],
      ...(reply === undefined ? {} : { replyToMessageId: reply.id, replyToSenderId: reply.senderId }),
      ...(replyMarkup === undefined ? {} : { replyMarkup }),
      ...(forwardedFrom === undefined ? {} : { forwardedFrom }),
      ...(media === undefined ? {} : { media }),
      ...(viaBotId === undefined ? {} : { viaBotId }),
    };
    channel.messages.set(message.id, message);
    const event = recordChannelEvent(channel, 'new-message', message.id, date);
    this.emit(
      'channelMessageAdded',
      channel,
      message,
      event,
      this.visibility.viewersOf(channel, message),
      origin,
    );
    return { message, event };
  }

  /** The id of `targetOwnerId`'s copy of the basic-group message `ownerId` has as `messageId`. */
  copyId(ownerId: bigint, messageId: number, targetOwnerId: bigint): number | undefined {
    return this.copies.get(copyKey(ownerId, messageId))?.get(targetOwnerId);
  }

  /** Each basic-group message's copies: [owner id, message id] pairs, for persistence. */
  exportState(): Array<Array<[bigint, number]>> {
    return [...new Set(this.copies.values())].map((copies) => [...copies]);
  }

  /** Replaces the copies with what {@link exportState} saw. */
  importState(state: ReadonlyArray<ReadonlyArray<readonly [bigint, number]>>): void {
    this.copies.clear();
    for (const entries of state) {
      const copies = new Map(entries);
      for (const [ownerId, id] of copies) this.copies.set(copyKey(ownerId, id), copies);
    }
  }
}

/** Appends one event to the channel's log with the next pts. */
export function recordChannelEvent(
  channel: ChannelRecord,
  kind: ChannelEvent['kind'],
  messageId: number,
  date: number,
): ChannelEvent {
  const event: ChannelEvent = { kind, pts: ++channel.pts, messageId, date };
  channel.events.push(event);
  return event;
}

function copyKey(ownerId: bigint, messageId: number): string {
  return `${ownerId}:${messageId}`;
}
