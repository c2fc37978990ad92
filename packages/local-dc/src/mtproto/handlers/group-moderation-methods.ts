/**
 * Bots moderating groups (core.telegram.org/method/channels.editAdmin, /channels.editBanned,
 * /messages.editChatAdmin, /messages.deleteChatUser): promote, demote, ban, unban and remove, with
 * the rights checks of the world (CHAT_ADMIN_REQUIRED, USER_CREATOR, ...). Participant updates and
 * service messages reach every session, the caller's included, through the group update pusher, so
 * the `updates` answered here carry only users and chats.
 */
import { RpcError, type Api } from 'telegram-mtproto-core';
import {
  ALL_ADMIN_RIGHTS,
  DEFAULT_ADMIN_RIGHTS,
  type AdminRight,
  type GroupRecord,
} from '../../world/group-records';
import { bannedRightsOf } from '../../world/member-restrictions';
import { loggedInAccount, type CallContext, type MethodHandlers } from '../call-context';
import { basicGroup, joinedChannel } from '../group-peers';
import { chatsFor, usersFor } from '../group-shapes';

export const groupModerationMethods: MethodHandlers = {
  'channels.editAdmin': (request, context): Api.Updates => {
    const self = loggedInAccount(context);
    const channel = joinedChannel(context.world, request.channel, self);
    const userId = inputUserId(request.user_id, self, context);
    const rights = rightsOf(request.admin_rights);
    context.world.groups.setAdmin(channel, self, userId, rights.length === 0 ? undefined : rights);
    return moderationUpdates(channel, self, userId, context);
  },

  'channels.editBanned': (request, context): Api.Updates => {
    const self = loggedInAccount(context);
    const channel = joinedChannel(context.world, request.channel, self);
    const userId = inputPeerUserId(request.participant, self, context);
    const { groups } = context.world;
    const rights = bannedRightsOf(request.banned_rights);
    const untilDate = request.banned_rights.until_date;
    // view_messages bans (out of the group); other rights restrict a member who stays; none lifts both.
    if (rights.includes('view_messages')) groups.ban(channel, self, userId, untilDate);
    else if (rights.length > 0) groups.restrict(channel, self, userId, rights, untilDate);
    else if (groups.activeRestriction(channel, userId) !== undefined)
      groups.restrict(channel, self, userId, [], 0);
    else groups.unban(channel, self, userId);
    return moderationUpdates(channel, self, userId, context);
  },

  'messages.editChatAdmin': (request, context): boolean => {
    const self = loggedInAccount(context);
    const group = memberGroup(request.chat_id, self, context);
    const userId = inputUserId(request.user_id, self, context);
    const member = group.members.get(userId);
    // In a basic group an admin is just an admin: the default rights (all but add_admins).
    if (request.is_admin === (member !== undefined && member.role !== 'member')) {
      throw new RpcError(400, 'CHAT_NOT_MODIFIED');
    }
    context.world.groups.setAdmin(group, self, userId, request.is_admin ? DEFAULT_ADMIN_RIGHTS : undefined);
    return true;
  },

  'messages.deleteChatUser': (request, context): Api.Updates => {
    const self = loggedInAccount(context);
    const group = memberGroup(request.chat_id, self, context);
    const userId = inputUserId(request.user_id, self, context);
    if (userId === self) context.world.groups.leave(group, self);
    else context.world.groups.ban(group, self, userId);
    return moderationUpdates(group, self, userId, context);
  },
};

function memberGroup(chatId: bigint, self: bigint, context: CallContext): GroupRecord {
  const group = basicGroup(context.world, chatId);
  if (!group.members.has(self)) throw new RpcError(400, 'CHAT_ID_INVALID');
  return group;
}

function moderationUpdates(
  group: GroupRecord,
  self: bigint,
  userId: bigint,
  { world }: CallContext,
): Api.Updates {
  return {
    _: 'updates',
    updates: [],
    users: usersFor(world, [self, userId], self),
    chats: chatsFor(world, [group.id], self),
    date: world.now(),
    seq: 0,
  };
}

/** The flags set in a chatAdminRights, as the world names them. */
function rightsOf(rights: Api.TypeChatAdminRights): AdminRight[] {
  return ALL_ADMIN_RIGHTS.filter((right) => (rights as unknown as Record<string, unknown>)[right] === true);
}

/** The user an InputUser names (its access hash checked), else USER_ID_INVALID. */
export function inputUserId(input: Api.TypeInputUser, self: bigint, { world }: CallContext): bigint {
  if (input._ === 'inputUserSelf') return self;
  if (input._ === 'inputUser') {
    const user = world.account(input.user_id);
    if (user !== undefined && (user.accessHash === input.access_hash || user.id === self)) return user.id;
  }
  throw new RpcError(400, 'USER_ID_INVALID');
}

function inputPeerUserId(input: Api.TypeInputPeer, self: bigint, context: CallContext): bigint {
  if (input._ === 'inputPeerSelf') return self;
  if (input._ === 'inputPeerUser') {
    return inputUserId(
      { _: 'inputUser', user_id: input.user_id, access_hash: input.access_hash },
      self,
      context,
    );
  }
  throw new RpcError(400, 'PARTICIPANT_ID_INVALID');
}
