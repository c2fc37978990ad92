/**
 * messages.editChatDefaultBannedRights (core.telegram.org/method/messages.editChatDefaultBannedRights):
 * an admin with ban_users sets what every plain member of a basic group or supergroup may not do. The
 * caller's answer holds the `updateChatDefaultBannedRights` its other sessions and the other members
 * get pushed (group-update-pusher.ts).
 */
import { RpcError, type Api } from 'telegram-mtproto-core';
import { bannedRightsOf } from '../../world/member-restrictions';
import { keyName } from '../authorizations';
import { loggedInAccount, type MethodHandlers } from '../call-context';
import { groupOfPeer } from '../group-peers';
import { chatsFor, toApiDefaultRightsUpdate, usersFor } from '../group-shapes';

export const defaultRightsMethods: MethodHandlers = {
  'messages.editChatDefaultBannedRights': (request, context): Api.Updates => {
    const self = loggedInAccount(context);
    const { world } = context;
    const group = groupOfPeer(world, request.peer);
    if (group === undefined) throw new RpcError(400, 'PEER_ID_INVALID');
    if (!group.members.has(self)) {
      throw new RpcError(400, group.kind === 'chat' ? 'CHAT_ID_INVALID' : 'CHANNEL_PRIVATE');
    }
    // until_date means nothing for defaults: they last until changed.
    const rights = bannedRightsOf(request.banned_rights);
    world.groups.setDefaultRights(group, self, rights, keyName(context.request.authKeyId));
    return {
      _: 'updates',
      updates: [toApiDefaultRightsUpdate(group)],
      users: usersFor(world, [self], self),
      chats: chatsFor(world, [group.id], self),
      date: world.now(),
      seq: 0,
    };
  },
};
