/**
 * Group and channel messages as the API's `message`/`messageService` (core.telegram.org/constructor/message,
 * core.telegram.org/constructor/messageService). Kept apart from tl-shapes.ts, which calls into it.
 */
import type { Api } from 'telegram-mtproto-core';
import type { ChannelMessage, ServiceAction } from '../world/group-records';
import type { ForwardOrigin, StoredMessage } from '../world/records';
import { toApiMessageMedia } from './media-shapes';

/** A basic-group copy of the owner's box: `peer_id` is the chat, `from_id` always the sender. */
export function toApiChatMessage(message: StoredMessage): Api.TypeMessage {
  const common = {
    out: message.out || undefined,
    id: message.id,
    from_id: { _: 'peerUser', user_id: message.fromId } as const,
    peer_id: { _: 'peerChat', chat_id: message.chatId! } as const,
    date: message.date,
  };
  return withContent(common, message);
}

/**
 * A message of a channel's log as `viewerId` sees it: a broadcast post has `post` and no `from_id`
 * (it is shown as from the channel); `out` marks the viewer's own messages.
 */
export function toApiChannelMessage(message: ChannelMessage, viewerId: bigint): Api.TypeMessage {
  const common = {
    out: message.senderId === viewerId || undefined,
    post: message.post || undefined,
    id: message.id,
    from_id: message.fromId === undefined ? undefined : ({ _: 'peerUser', user_id: message.fromId } as const),
    peer_id: { _: 'peerChannel', channel_id: message.channelId } as const,
    date: message.date,
  };
  return withContent(common, message);
}

/** What a stored message of any box or log holds, whatever its header. */
type MessageContent = Pick<
  StoredMessage,
  | 'action'
  | 'text'
  | 'editDate'
  | 'entities'
  | 'replyToMessageId'
  | 'replyMarkup'
  | 'forwardedFrom'
  | 'media'
  | 'viaBotId'
>;

/** The header fields of a message (who, where, when), which differ between chats. */
type MessageHeader = Pick<Api.Message, 'out' | 'post' | 'id' | 'from_id' | 'peer_id' | 'date'>;

/** `message` as a `messageService` (it has an action) or a `message` under `header`. */
export function withContent(header: MessageHeader, message: MessageContent): Api.TypeMessage {
  if (message.action !== undefined) {
    return { _: 'messageService', ...header, action: toApiAction(message.action) };
  }
  return {
    _: 'message',
    ...header,
    message: message.text,
    edit_date: message.editDate,
    entities: message.entities,
    reply_to: replyHeader(message.replyToMessageId),
    reply_markup: message.replyMarkup,
    fwd_from: fwdHeader(message.forwardedFrom),
    media: message.media === undefined ? undefined : toApiMessageMedia(message.media),
    invert_media: (message.media?.kind === 'webpage' && message.media.invertMedia) || undefined,
    via_bot_id: message.viaBotId,
  };
}

/** A forward's header (constructor/messageFwdHeader): the original's author (user or channel) and date. */
export function fwdHeader(origin: ForwardOrigin | undefined): Api.MessageFwdHeader | undefined {
  if (origin === undefined) return undefined;
  return {
    _: 'messageFwdHeader',
    from_id: origin.fromChannel
      ? { _: 'peerChannel', channel_id: origin.fromId }
      : { _: 'peerUser', user_id: origin.fromId },
    date: origin.date,
  };
}

/** A reply's header (constructor/messageReplyHeader): the replied message's id in the same box or log. */
export function replyHeader(messageId: number | undefined): Api.MessageReplyHeader | undefined {
  return messageId === undefined ? undefined : { _: 'messageReplyHeader', reply_to_msg_id: messageId };
}

export function toApiAction(action: ServiceAction): Api.TypeMessageAction {
  switch (action.type) {
    case 'chat-create':
      return { _: 'messageActionChatCreate', title: action.title, users: [...action.userIds] };
    case 'channel-create':
      return { _: 'messageActionChannelCreate', title: action.title };
    case 'add-user':
      return { _: 'messageActionChatAddUser', users: [...action.userIds] };
    case 'delete-user':
      return { _: 'messageActionChatDeleteUser', user_id: action.userId };
    case 'chat-migrate-to':
      return { _: 'messageActionChatMigrateTo', channel_id: action.channelId };
    case 'channel-migrate-from':
      return { _: 'messageActionChannelMigrateFrom', title: action.title, chat_id: action.chatId };
  }
}

/** The user ids a message names (sender and users of its action), for `users` vectors. */
export function userIdsOf(message: { fromId: bigint | undefined; action?: ServiceAction }): bigint[] {
  const ids = message.fromId === undefined ? [] : [message.fromId];
  const action = message.action;
  if (action?.type === 'chat-create' || action?.type === 'add-user') ids.push(...action.userIds);
  if (action?.type === 'delete-user') ids.push(action.userId);
  return ids;
}
