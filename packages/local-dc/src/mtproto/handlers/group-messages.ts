/**
 * messages.sendMessage and messages.editMessage to a basic group, supergroup or channel
 * (core.telegram.org/method/messages.sendMessage). A basic group behaves like a private chat: the
 * sender gets `updateShortSentMessage` with its own id and pts. A channel answers with `updates`
 * holding `updateMessageID` and `updateNewChannelMessage` (per-channel id and pts), as Telegram does.
 */
import type { Api } from 'telegram-mtproto-core';
import type { GroupRecord } from '../../world/group-records';
import type { GroupMessage, GroupMessageExtras } from '../../world/group-chats';
import { toApiMessageMedia } from '../media-shapes';
import { keyName } from '../authorizations';
import type { CallContext } from '../call-context';
import { toApiChannelMessage, userIdsOf } from '../group-message-shapes';
import { chatsFor, usersFor } from '../group-shapes';
import { toApiMessage } from '../tl-shapes';
import { markupEdit } from '../../bots/markup-edits';

export function sendToGroup(
  group: GroupRecord,
  self: bigint,
  text: string,
  randomId: bigint,
  context: CallContext,
  extras: GroupMessageExtras = {},
): Api.TypeUpdates {
  const { world } = context;
  const sent = world.groups.sendMessage(self, group, text, keyName(context.request.authKeyId), extras);
  if (sent.kind === 'chat') {
    return {
      _: 'updateShortSentMessage',
      out: true,
      id: sent.message.id,
      pts: sent.event.pts,
      pts_count: 1,
      date: sent.message.date,
      entities: sent.message.entities,
      // A link preview the server made for a link in the text.
      media: sent.message.media === undefined ? undefined : toApiMessageMedia(sent.message.media),
    };
  }
  return {
    _: 'updates',
    updates: [
      { _: 'updateMessageID', id: sent.message.id, random_id: randomId },
      {
        _: 'updateNewChannelMessage',
        message: toApiChannelMessage(sent.message, self),
        pts: sent.event.pts,
        pts_count: 1,
      },
    ],
    users: usersFor(world, [self], self),
    chats: chatsFor(world, [group.id], self),
    date: sent.message.date,
    seq: 0,
  };
}

export function editInGroup(
  group: GroupRecord,
  self: bigint,
  messageId: number,
  text: string | undefined,
  context: CallContext,
  entities?: readonly Api.TypeMessageEntity[],
  requestedMarkup?: Api.TypeReplyMarkup,
): Api.Updates {
  const { world } = context;
  const current =
    group.kind === 'chat'
      ? world.box(self).message(messageId)?.replyMarkup
      : group.messages.get(messageId)?.replyMarkup;
  const edited = world.groups.editMessage(
    self,
    group,
    messageId,
    text,
    keyName(context.request.authKeyId),
    entities,
    markupEdit(world, current, requestedMarkup),
  );
  const update: Api.TypeUpdate =
    edited.kind === 'chat'
      ? { _: 'updateEditMessage', message: toApiMessage(edited.message), pts: edited.event.pts, pts_count: 1 }
      : {
          _: 'updateEditChannelMessage',
          message: toApiChannelMessage(edited.message, self),
          pts: edited.event.pts,
          pts_count: 1,
        };
  return {
    _: 'updates',
    updates: [update],
    users: usersFor(world, [self, ...userIdsOf(edited.message)], self),
    chats: chatsFor(world, [group.id], self),
    date: world.now(),
    seq: 0,
  };
}

/**
 * The caller's answer for a new group message that is not a short one (media, forwards): the id its
 * random_id became, then `updateNewMessage` (basic group, the caller's copy) or
 * `updateNewChannelMessage`.
 */
export function newGroupMessageUpdate(sent: GroupMessage, self: bigint): Api.TypeUpdate {
  return sent.kind === 'chat'
    ? { _: 'updateNewMessage', message: toApiMessage(sent.message), pts: sent.event.pts, pts_count: 1 }
    : {
        _: 'updateNewChannelMessage',
        message: toApiChannelMessage(sent.message, self),
        pts: sent.event.pts,
        pts_count: 1,
      };
}

/** sendMedia to a group or channel: `updates` with updateMessageID and the new message. */
export function sendMediaToGroup(
  group: GroupRecord,
  self: bigint,
  caption: string,
  randomId: bigint,
  context: CallContext,
  extras: GroupMessageExtras,
): Api.Updates {
  const { world } = context;
  const sent = world.groups.sendMessage(self, group, caption, keyName(context.request.authKeyId), extras);
  return {
    _: 'updates',
    updates: [
      { _: 'updateMessageID', id: sent.message.id, random_id: randomId },
      newGroupMessageUpdate(sent, self),
    ],
    users: usersFor(world, [self], self),
    chats: chatsFor(world, [group.id], self),
    date: sent.message.date,
    seq: 0,
  };
}
