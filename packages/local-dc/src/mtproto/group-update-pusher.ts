/**
 * Pushes group and channel changes to the sessions of the accounts concerned, in the shapes Telegram
 * uses (core.telegram.org/api/updates): a basic-group text as `updateShortChatMessage`, a service
 * message or edit as `updates` with `updateNewMessage`/`updateEditMessage`; a channel message as
 * `updates` with `updateNewChannelMessage` (per-channel pts) and the users and chats it names; a
 * bot's member change as `updates` with `updateChatParticipant`/`updateChannelParticipant` (qts); new
 * default rights as `updates` with `updateChatDefaultBannedRights` to every member; a migration as
 * `updates` with the old group's final `updateChatParticipants` and `updateChannel` for the new
 * supergroup, naming both chats (the old one `deactivated` with `migrated_to`), so each member, bots
 * included, follows the chat to its new id.
 * The session that made the change is skipped: its call's result carries the same information.
 */
import type { Api } from 'telegram-mtproto-core';
import type {
  BasicGroupRecord,
  ChannelEvent,
  ChannelMessage,
  ChannelRecord,
  GroupRecord,
  ParticipantEvent,
} from '../world/group-records';
import type { BoxEvent, StoredMessage } from '../world/records';
import type { World } from '../world/world';
import { keyName, type Authorizations } from './authorizations';
import { toApiChannelMessage, userIdsOf } from './group-message-shapes';
import {
  chatsFor,
  toApiChatParticipants,
  toApiDefaultRightsUpdate,
  toApiParticipantUpdate,
  usersFor,
} from './group-shapes';
import { forwardHeaderOf, replyHeaderOf, toApiMessage } from './tl-shapes';
import type { PushUpdate } from './update-pusher';

/** The supergroup a basic group became, or the basic group a supergroup came from. */
function migrationPartner(world: World, groupId: bigint): bigint[] {
  const group = world.groups.group(groupId);
  const partner = group?.kind === 'chat' ? group.migratedTo : group?.migratedFrom;
  return partner === undefined ? [] : [partner];
}

/** Subscribes to the world's groups; returns the function that unsubscribes. */
export function startGroupUpdatePusher(
  world: World,
  authorizations: Authorizations,
  push: PushUpdate,
): () => void {
  const toAccount = (accountId: bigint, origin: unknown, updates: () => Api.TypeUpdates): void => {
    for (const authKeyId of authorizations.keysOf(accountId)) {
      // An offline client misses the push and catches up with getDifference/getChannelDifference.
      if (keyName(authKeyId) !== origin) push(authKeyId, updates());
    }
  };
  const wrap = (
    accountId: bigint,
    update: Api.TypeUpdate,
    userIds: Iterable<bigint>,
    groupId: bigint,
    date: number,
  ): Api.Updates => ({
    _: 'updates',
    updates: [update],
    users: usersFor(world, userIds, accountId),
    chats: chatsFor(world, [groupId, ...migrationPartner(world, groupId)], accountId),
    date,
    seq: 0,
  });
  /** A channel message (new or edited) pushed to every viewer, each with their own view of it. */
  const channelMessageTo =
    (
      kind: 'updateNewChannelMessage' | 'updateEditChannelMessage',
      dateOf: (message: ChannelMessage, event: ChannelEvent) => number,
    ) =>
    (
      channel: ChannelRecord,
      message: ChannelMessage,
      event: ChannelEvent,
      viewers: readonly bigint[],
      origin: unknown,
    ): void => {
      for (const viewerId of viewers) {
        toAccount(viewerId, origin, () =>
          wrap(
            viewerId,
            { _: kind, message: toApiChannelMessage(message, viewerId), pts: event.pts, pts_count: 1 },
            userIdsOf(message),
            channel.id,
            dateOf(message, event),
          ),
        );
      }
    };
  const { groups } = world;
  const stops = [
    groups.on('chatMessageAdded', (message: StoredMessage, event: BoxEvent, origin: unknown) =>
      toAccount(message.ownerId, origin, () =>
        // updateShortChatMessage has no room for media or buttons.
        message.action === undefined && message.media === undefined && message.replyMarkup === undefined
          ? {
              _: 'updateShortChatMessage',
              out: message.out || undefined,
              id: message.id,
              from_id: message.fromId,
              chat_id: message.chatId!,
              message: message.text,
              pts: event.pts,
              pts_count: 1,
              date: message.date,
              entities: message.entities,
              reply_to: replyHeaderOf(message),
              fwd_from: forwardHeaderOf(message),
            }
          : wrap(
              message.ownerId,
              { _: 'updateNewMessage', message: toApiMessage(message), pts: event.pts, pts_count: 1 },
              userIdsOf(message),
              message.chatId!,
              message.date,
            ),
      ),
    ),
    groups.on('chatMessageEdited', (message: StoredMessage, event: BoxEvent, origin: unknown) =>
      toAccount(message.ownerId, origin, () =>
        wrap(
          message.ownerId,
          { _: 'updateEditMessage', message: toApiMessage(message), pts: event.pts, pts_count: 1 },
          userIdsOf(message),
          message.chatId!,
          event.date,
        ),
      ),
    ),
    groups.on(
      'channelMessageAdded',
      channelMessageTo('updateNewChannelMessage', (message) => message.date),
    ),
    groups.on(
      'channelMessageEdited',
      channelMessageTo('updateEditChannelMessage', (_, event) => event.date),
    ),
    groups.on('participantChanged', (botId: bigint, event: ParticipantEvent) =>
      toAccount(botId, undefined, () =>
        wrap(
          botId,
          toApiParticipantUpdate(event, botId),
          [event.actorId, event.userId],
          event.group.id,
          event.date,
        ),
      ),
    ),
    groups.on('migrated', (group: BasicGroupRecord, channel: ChannelRecord) => {
      const date = world.now();
      for (const memberId of channel.members.keys()) {
        toAccount(memberId, undefined, () => ({
          _: 'updates',
          updates: [
            { _: 'updateChatParticipants', participants: toApiChatParticipants(group) },
            { _: 'updateChannel', channel_id: channel.id },
          ],
          users: usersFor(world, channel.members.keys(), memberId),
          chats: chatsFor(world, [group.id, channel.id], memberId),
          date,
          seq: 0,
        }));
      }
    }),
    groups.on('defaultRightsChanged', (group: GroupRecord, origin: unknown) => {
      const date = world.now();
      for (const memberId of group.members.keys()) {
        toAccount(memberId, origin, () =>
          wrap(memberId, toApiDefaultRightsUpdate(group), [], group.id, date),
        );
      }
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
