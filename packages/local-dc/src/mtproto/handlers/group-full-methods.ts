/**
 * messages.getFullChat and channels.getFullChannel (core.telegram.org/method/messages.getFullChat,
 * /method/channels.getFullChannel): a group's full description. A basic group lists its
 * participants; a channel counts them (admins, banned) and tells whether the caller may list them.
 */
import { RpcError, type Api } from 'telegram-mtproto-core';
import { loggedInAccount, type MethodHandlers } from '../call-context';
import { basicGroup, joinedChannel } from '../group-peers';
import { chatsFor, toApiChatParticipants, usersFor } from '../group-shapes';

const NOTIFY_SETTINGS: Api.PeerNotifySettings = { _: 'peerNotifySettings' };

export const groupFullMethods: MethodHandlers = {
  'messages.getFullChat': (request, context): Api.MessagesChatFull => {
    const self = loggedInAccount(context);
    const { world } = context;
    const group = basicGroup(world, request.chat_id);
    if (!group.members.has(self)) throw new RpcError(400, 'CHAT_ID_INVALID');
    const members = [...group.members.values()];
    return {
      _: 'messages.chatFull',
      full_chat: {
        _: 'chatFull',
        id: group.id,
        about: '',
        participants: toApiChatParticipants(group),
        notify_settings: NOTIFY_SETTINGS,
      },
      chats: chatsFor(world, [group.id], self),
      users: usersFor(
        world,
        members.flatMap((member) => [member.userId, member.inviterId]),
        self,
      ),
    };
  },

  'channels.getFullChannel': (request, context): Api.MessagesChatFull => {
    const self = loggedInAccount(context);
    const { world } = context;
    const channel = joinedChannel(world, request.channel, self);
    const members = [...channel.members.values()];
    const caller = channel.members.get(self)!;
    const admin = caller.role !== 'member';
    return {
      _: 'messages.chatFull',
      full_chat: {
        _: 'channelFull',
        id: channel.id,
        about: '',
        can_view_participants: channel.megagroup || admin || undefined,
        participants_count: members.length,
        admins_count: members.filter((member) => member.role !== 'member').length,
        // "kicked": banned with view_messages, out of the group; "banned": restricted members.
        kicked_count: admin ? world.groups.activeBans(channel).length : undefined,
        banned_count: admin ? world.groups.restrictedMembers(channel).length : undefined,
        read_inbox_max_id: channel.lastMessageId,
        read_outbox_max_id: channel.lastMessageId,
        unread_count: 0,
        chat_photo: { _: 'photoEmpty', id: 0n },
        notify_settings: NOTIFY_SETTINGS,
        bot_info: [],
        pts: channel.pts,
        // The old group's history stays there: clients show it above the supergroup's.
        migrated_from_chat_id: channel.migratedFrom,
        migrated_from_max_id:
          channel.migratedFrom === undefined
            ? undefined
            : (world.box(self).history(channel.migratedFrom).at(-1)?.id ?? 0),
      },
      chats: chatsFor(world, [channel.id], self),
      users: usersFor(world, [self], self),
    };
  },
};
