/**
 * Groups and channels: channels.getChannels, channels.getMessages, channels.getParticipant(s),
 * messages.getChats and updates.getChannelDifference (core.telegram.org/api/channel,
 * core.telegram.org/method/updates.getChannelDifference), which replays deletions as
 * updateDeleteChannelMessages.
 */
import { RpcError, type Api } from 'telegram-mtproto-core';
import type { ChannelRecord, GroupMember } from '../../world/group-records';
import type { World } from '../../world/world';
import { loggedInAccount, type CallContext, type MethodHandlers } from '../call-context';
import { deletedChannelMessagesUpdate } from '../deleted-messages';
import { toApiChannelMessage, userIdsOf } from '../group-message-shapes';
import { channelOfInput, joinedChannel } from '../group-peers';
import {
  chatsFor,
  toApiBannedParticipant,
  toApiChannel,
  toApiChannelParticipant,
  toApiChat,
  usersFor,
} from '../group-shapes';

/** Most members in one channels.getParticipants answer (Telegram's cap). */
const PARTICIPANTS_LIMIT_MAX = 200;
/** Most messages of a channelDifferenceTooLong answer. */
const TOO_LONG_MESSAGES = 100;
/** Seconds a client waits before asking again after a final answer. */
const CHANNEL_DIFFERENCE_TIMEOUT = 30;

export const channelsMethods: MethodHandlers = {
  'messages.getChats': (request, context): Api.MessagesChats => {
    const self = loggedInAccount(context);
    const chats = request.id.map((id): Api.TypeChat => {
      const group = context.world.groups.group(id);
      if (group?.kind !== 'chat') throw new RpcError(400, 'CHAT_ID_INVALID');
      return group.members.has(self)
        ? toApiChat(group, self, context.world)
        : { _: 'chatForbidden', id, title: group.title };
    });
    return { _: 'messages.chats', chats };
  },

  'channels.getChannels': (request, context): Api.MessagesChats => {
    const self = loggedInAccount(context);
    const chats = request.id.map((input) => toApiChannel(channelOfInput(context.world, input), self));
    return { _: 'messages.chats', chats };
  },

  'channels.getMessages': (request, context): Api.MessagesChannelMessages => {
    const self = loggedInAccount(context);
    const channel = joinedChannel(context.world, request.channel, self);
    const userIds = new Set<bigint>();
    const messages = request.id.map((input): Api.TypeMessage => {
      const id = input._ === 'inputMessageID' ? input.id : 0;
      const message = channel.messages.get(id);
      if (message === undefined) return { _: 'messageEmpty', id };
      for (const userId of userIdsOf(message)) userIds.add(userId);
      return toApiChannelMessage(message, self);
    });
    return {
      _: 'messages.channelMessages',
      pts: channel.pts,
      count: messages.length,
      messages,
      topics: [],
      chats: chatsFor(context.world, [channel.id], self),
      users: usersFor(context.world, userIds, self),
    };
  },

  'channels.getParticipant': (request, context): Api.ChannelsChannelParticipant => {
    const self = loggedInAccount(context);
    const channel = joinedChannel(context.world, request.channel, self);
    const userId = participantUserId(request.participant, self, context);
    // Restrictions and bans past their until_date are lifted before anyone sees them.
    context.world.groups.activeRestriction(channel, userId);
    const ban = context.world.groups.activeBan(channel, userId);
    const member = channel.members.get(userId);
    if (member === undefined && ban === undefined) throw new RpcError(400, 'USER_NOT_PARTICIPANT');
    return {
      _: 'channels.channelParticipant',
      participant:
        member !== undefined ? toApiChannelParticipant(member, self) : toApiBannedParticipant(ban!),
      chats: chatsFor(context.world, [channel.id], self),
      users: usersFor(
        context.world,
        [userId, member?.restriction?.restrictedBy ?? member?.inviterId ?? ban!.kickedBy],
        self,
      ),
    };
  },

  'channels.getParticipants': (request, context): Api.ChannelsChannelParticipants => {
    const self = loggedInAccount(context);
    const channel = joinedChannel(context.world, request.channel, self);
    const caller = channel.members.get(self)!;
    // Only admins may list a broadcast channel's subscribers.
    if (!channel.megagroup && caller.role === 'member') throw new RpcError(400, 'CHAT_ADMIN_REQUIRED');
    const { filter } = request;
    if (filter._ === 'channelParticipantsKicked' || filter._ === 'channelParticipantsBanned') {
      if (caller.role === 'member') throw new RpcError(400, 'CHAT_ADMIN_REQUIRED');
      // "Kicked": banned with view_messages, out of the group; "banned": restricted, still members.
      if (filter._ === 'channelParticipantsKicked') {
        return bannedPage(channel, filter.q, request.offset, request.limit, self, context);
      }
    }
    context.world.groups.restrictedMembers(channel); // lifts the restrictions that are over
    const matching = filterParticipants(channel, request.filter, context);
    const limit = Math.min(Math.max(request.limit, 0), PARTICIPANTS_LIMIT_MAX);
    const page = matching.slice(Math.max(request.offset, 0), Math.max(request.offset, 0) + limit);
    return {
      _: 'channels.channelParticipants',
      count: matching.length,
      participants: page.map((member) => toApiChannelParticipant(member, self)),
      chats: [],
      users: usersFor(
        context.world,
        page.flatMap((member) =>
          member.restriction === undefined
            ? [member.userId]
            : [member.userId, member.restriction.restrictedBy],
        ),
        self,
      ),
    };
  },

  'updates.getChannelDifference': (request, context): Api.TypeUpdatesChannelDifference => {
    const self = loggedInAccount(context);
    const { world } = context;
    const channel = joinedChannel(world, request.channel, self);
    if (request.limit <= 0) throw new RpcError(400, 'LIMIT_INVALID');
    if (request.pts <= 0) throw new RpcError(400, 'PERSISTENT_TIMESTAMP_EMPTY');
    if (request.pts > channel.pts) throw new RpcError(400, 'PERSISTENT_TIMESTAMP_INVALID');
    const behind = channel.pts - request.pts;
    if (behind === 0) {
      return {
        _: 'updates.channelDifferenceEmpty',
        final: true,
        pts: channel.pts,
        timeout: CHANNEL_DIFFERENCE_TIMEOUT,
      };
    }
    if (behind > request.limit) return tooLong(channel, self, context);
    const events = channel.events.slice(request.pts, request.pts + context.differenceSliceSize);
    const last = events.at(-1)!;
    const newIds = new Set(
      events.filter((event) => event.kind === 'new-message').map((event) => event.messageId),
    );
    const newMessages: Api.TypeMessage[] = [];
    const otherUpdates: Api.TypeUpdate[] = [];
    const userIds = new Set<bigint>([self]);
    for (const event of events) {
      if (event.kind === 'delete-message') {
        otherUpdates.push(deletedChannelMessagesUpdate(channel.id, [event]));
        continue;
      }
      const message = channel.messages.get(event.messageId);
      if (message === undefined || !world.groups.sees(channel, self, message)) continue;
      for (const userId of userIdsOf(message)) userIds.add(userId);
      if (event.kind === 'new-message') newMessages.push(toApiChannelMessage(message, self));
      else if (!newIds.has(message.id)) {
        otherUpdates.push({
          _: 'updateEditChannelMessage',
          message: toApiChannelMessage(message, self),
          pts: event.pts,
          pts_count: 1,
        });
      }
    }
    const final = last.pts === channel.pts;
    return {
      _: 'updates.channelDifference',
      final: final || undefined,
      pts: last.pts,
      timeout: final ? CHANNEL_DIFFERENCE_TIMEOUT : undefined,
      new_messages: newMessages,
      other_updates: otherUpdates,
      chats: chatsFor(world, [channel.id], self),
      users: usersFor(world, userIds, self),
    };
  },
};

/**
 * The pts is further behind than the client's limit: the channel's current state and its latest
 * messages, which the client takes instead of the gap (core.telegram.org/constructor/updates.channelDifferenceTooLong).
 */
function tooLong(
  channel: ChannelRecord,
  self: bigint,
  { world }: CallContext,
): Api.UpdatesChannelDifferenceTooLong {
  const latest = [...channel.messages.values()]
    .filter((message) => world.groups.sees(channel, self, message))
    .slice(-TOO_LONG_MESSAGES)
    .reverse();
  return {
    _: 'updates.channelDifferenceTooLong',
    final: true,
    timeout: CHANNEL_DIFFERENCE_TIMEOUT,
    dialog: {
      _: 'dialog',
      peer: { _: 'peerChannel', channel_id: channel.id },
      top_message: channel.lastMessageId,
      read_inbox_max_id: 0,
      read_outbox_max_id: 0,
      unread_count: 0,
      unread_mentions_count: 0,
      unread_reactions_count: 0,
      unread_poll_votes_count: 0,
      notify_settings: { _: 'peerNotifySettings' },
      pts: channel.pts,
    },
    messages: latest.map((message) => toApiChannelMessage(message, self)),
    chats: chatsFor(world, [channel.id], self),
    users: usersFor(world, [self, ...latest.flatMap(userIdsOf)], self),
  };
}

function participantUserId(peer: Api.TypeInputPeer, self: bigint, { world }: CallContext): bigint {
  if (peer._ === 'inputPeerSelf') return self;
  if (peer._ === 'inputPeerUser') {
    const user = world.account(peer.user_id);
    if (user !== undefined && (user.accessHash === peer.access_hash || user.id === self)) return user.id;
  }
  throw new RpcError(400, 'PARTICIPANT_ID_INVALID');
}

/** Members matching a filter: recent ones newest first; admins with the creator first. */
function filterParticipants(
  channel: ChannelRecord,
  filter: Api.TypeChannelParticipantsFilter,
  { world }: CallContext,
): GroupMember[] {
  const members = [...channel.members.values()].reverse();
  const matchesQuery = (member: GroupMember, query: string): boolean =>
    nameMatches(world, member.userId, query);
  switch (filter._) {
    case 'channelParticipantsRecent':
      return members;
    case 'channelParticipantsAdmins':
      return members
        .filter((member) => member.role !== 'member')
        .sort((a, b) => Number(b.role === 'creator') - Number(a.role === 'creator'));
    case 'channelParticipantsBots':
      return members.filter((member) => world.account(member.userId)?.bot === true);
    case 'channelParticipantsSearch':
    case 'channelParticipantsContacts':
      return members.filter((member) => matchesQuery(member, filter.q));
    case 'channelParticipantsMentions':
      return members.filter((member) => matchesQuery(member, filter.q ?? ''));
    case 'channelParticipantsBanned':
      return members.filter((member) => member.restriction !== undefined && matchesQuery(member, filter.q));
    case 'channelParticipantsKicked':
      return []; // answered by bannedPage
  }
}

/** A page of the banned users matching `query` (name or username; none when undefined), newest first. */
function bannedPage(
  channel: ChannelRecord,
  query: string | undefined,
  offset: number,
  limit: number,
  self: bigint,
  { world }: CallContext,
): Api.ChannelsChannelParticipants {
  const banned = world.groups
    .activeBans(channel)
    .reverse()
    .filter((ban) => query !== undefined && nameMatches(world, ban.userId, query));
  const start = Math.max(offset, 0);
  const page = banned.slice(start, start + Math.min(Math.max(limit, 0), PARTICIPANTS_LIMIT_MAX));
  return {
    _: 'channels.channelParticipants',
    count: banned.length,
    participants: page.map(toApiBannedParticipant),
    chats: [],
    users: usersFor(
      world,
      page.flatMap((ban) => [ban.userId, ban.kickedBy]),
      self,
    ),
  };
}

/** Whether the user's first name, last name or username contains `query` (any case; '' matches all). */
function nameMatches(world: World, userId: bigint, query: string): boolean {
  if (query === '') return true;
  const user = world.account(userId);
  const text = `${user?.firstName ?? ''} ${user?.lastName ?? ''} ${user?.username ?? ''}`.toLowerCase();
  return text.includes(query.toLowerCase());
}
