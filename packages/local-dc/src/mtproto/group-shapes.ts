/**
 * Groups and channels as the API's TL objects, seen by one account: `chat`, `channel`
 * (core.telegram.org/constructor/channel), participants and the bots' participant updates.
 */
import type { Api } from 'telegram-mtproto-core';
import type {
  AdminRight,
  BannedMember,
  BasicGroupRecord,
  ChannelRecord,
  GroupMember,
  GroupRecord,
  ParticipantEvent,
} from '../world/group-records';
import type { World } from '../world/world';
import { toApiBannedRights } from '../world/member-restrictions';
import { toApiUser } from './tl-shapes';

export function toApiAdminRights(rights: readonly AdminRight[]): Api.ChatAdminRights {
  const flags: Partial<Record<AdminRight, true>> = {};
  for (const right of rights) flags[right] = true;
  return { _: 'chatAdminRights', ...flags };
}

/** The supergroup a basic group became, as `chat.migrated_to`. */
function migratedTo(group: BasicGroupRecord, world: World | undefined): Api.TypeInputChannel | undefined {
  const channel = group.migratedTo === undefined ? undefined : world?.groups.group(group.migratedTo);
  if (channel?.kind !== 'channel') return undefined;
  return { _: 'inputChannel', channel_id: channel.id, access_hash: channel.accessHash };
}

/**
 * A basic group; `left` when the viewer is not (or no longer) a member; `deactivated` with
 * `migrated_to` once it became a supergroup (`world` needed to name it).
 */
export function toApiChat(group: BasicGroupRecord, viewerId: bigint, world?: World): Api.Chat {
  const member = group.members.get(viewerId);
  return {
    _: 'chat',
    creator: member?.role === 'creator' || undefined,
    left: member === undefined || undefined,
    deactivated: group.migratedTo !== undefined || undefined,
    id: group.id,
    title: group.title,
    photo: { _: 'chatPhotoEmpty' },
    participants_count: group.members.size,
    date: group.date,
    version: group.version,
    migrated_to: migratedTo(group, world),
    admin_rights:
      member !== undefined && member.role !== 'member' ? toApiAdminRights(member.adminRights) : undefined,
    default_banned_rights: toApiBannedRights(group.defaultBannedRights ?? [], 0),
  };
}

/** A supergroup or channel with the viewer's access hash, rights and `left` state. */
export function toApiChannel(channel: ChannelRecord, viewerId: bigint): Api.Channel {
  const member = channel.members.get(viewerId);
  return {
    _: 'channel',
    creator: member?.role === 'creator' || undefined,
    left: member === undefined || undefined,
    broadcast: !channel.megagroup || undefined,
    megagroup: channel.megagroup || undefined,
    id: channel.id,
    access_hash: channel.accessHash,
    title: channel.title,
    username: channel.username,
    photo: { _: 'chatPhotoEmpty' },
    date: channel.date,
    admin_rights:
      member !== undefined && member.role !== 'member' ? toApiAdminRights(member.adminRights) : undefined,
    banned_rights:
      member?.restriction === undefined
        ? undefined
        : toApiBannedRights(member.restriction.rights, member.restriction.untilDate),
    participants_count: channel.members.size,
    // Groups always carry their defaults (none denied at first); broadcast channels have none.
    default_banned_rights: channel.megagroup
      ? toApiBannedRights(channel.defaultBannedRights ?? [], 0)
      : undefined,
  };
}

/**
 * The members' update when the defaults change (core.telegram.org/constructor/updateChatDefaultBannedRights):
 * a basic group's new `version`; a channel has no version, so 0.
 */
export function toApiDefaultRightsUpdate(group: GroupRecord): Api.UpdateChatDefaultBannedRights {
  return {
    _: 'updateChatDefaultBannedRights',
    peer:
      group.kind === 'chat'
        ? { _: 'peerChat', chat_id: group.id }
        : { _: 'peerChannel', channel_id: group.id },
    default_banned_rights: toApiBannedRights(group.defaultBannedRights ?? [], 0),
    version: group.kind === 'chat' ? group.version : 0,
  };
}

export function toApiGroup(group: GroupRecord, viewerId: bigint, world?: World): Api.TypeChat {
  return group.kind === 'chat' ? toApiChat(group, viewerId, world) : toApiChannel(group, viewerId);
}

/** A basic group's member list with its version (chatFull.participants, updateChatParticipants). */
export function toApiChatParticipants(group: BasicGroupRecord): Api.ChatParticipants {
  return {
    _: 'chatParticipants',
    chat_id: group.id,
    participants: [...group.members.values()].map(toApiChatParticipant),
    version: group.version,
  };
}

export function toApiChatParticipant(member: GroupMember): Api.TypeChatParticipant {
  if (member.role === 'creator') return { _: 'chatParticipantCreator', user_id: member.userId };
  const fields = { user_id: member.userId, inviter_id: member.inviterId, date: member.date };
  return member.role === 'admin'
    ? { _: 'chatParticipantAdmin', ...fields }
    : { _: 'chatParticipant', ...fields };
}

/**
 * A channel member as `viewerId` sees it (`self` and `inviter_id` on the viewer's own admin entry); a
 * restricted member is `channelParticipantBanned` without `left`.
 */
export function toApiChannelParticipant(member: GroupMember, viewerId: bigint): Api.TypeChannelParticipant {
  if (member.role === 'member' && member.restriction !== undefined) {
    const { rights, untilDate, restrictedBy, date } = member.restriction;
    return {
      _: 'channelParticipantBanned',
      peer: { _: 'peerUser', user_id: member.userId },
      kicked_by: restrictedBy,
      date,
      banned_rights: toApiBannedRights(rights, untilDate),
    };
  }
  switch (member.role) {
    case 'creator':
      return {
        _: 'channelParticipantCreator',
        user_id: member.userId,
        admin_rights: toApiAdminRights(member.adminRights),
      };
    case 'admin': {
      const self = member.userId === viewerId;
      return {
        _: 'channelParticipantAdmin',
        self: self || undefined,
        user_id: member.userId,
        inviter_id: self ? member.inviterId : undefined,
        promoted_by: member.inviterId,
        date: member.date,
        admin_rights: toApiAdminRights(member.adminRights),
      };
    }
    case 'member':
      return member.userId === viewerId
        ? {
            _: 'channelParticipantSelf',
            user_id: member.userId,
            inviter_id: member.inviterId,
            date: member.date,
          }
        : { _: 'channelParticipant', user_id: member.userId, date: member.date };
  }
}

/** A banned user: out of the chat (`left`), every right taken away until unbanned or until_date. */
export function toApiBannedParticipant(ban: BannedMember): Api.ChannelParticipantBanned {
  return {
    _: 'channelParticipantBanned',
    left: true,
    peer: { _: 'peerUser', user_id: ban.userId },
    kicked_by: ban.kickedBy,
    date: ban.date,
    banned_rights: toApiBannedRights(['view_messages'], ban.untilDate ?? 0),
  };
}

/** The bot update of a member change, with the bot's qts (core.telegram.org/constructor/updateChannelParticipant). */
export function toApiParticipantUpdate(event: ParticipantEvent, botId: bigint): Api.TypeUpdate {
  const common = {
    date: event.date,
    actor_id: event.actorId,
    user_id: event.userId,
    qts: event.qts,
  };
  if (event.group.kind === 'chat') {
    return {
      _: 'updateChatParticipant',
      chat_id: event.group.id,
      ...common,
      prev_participant: event.previous === undefined ? undefined : toApiChatParticipant(event.previous),
      new_participant: event.current === undefined ? undefined : toApiChatParticipant(event.current),
    };
  }
  return {
    _: 'updateChannelParticipant',
    channel_id: event.group.id,
    ...common,
    prev_participant:
      event.previous !== undefined
        ? toApiChannelParticipant(event.previous, botId)
        : event.previousBan && toApiBannedParticipant(event.previousBan),
    new_participant:
      event.current !== undefined
        ? toApiChannelParticipant(event.current, botId)
        : event.currentBan && toApiBannedParticipant(event.currentBan),
  };
}

/** `users` for a set of ids, as `viewerId` sees them; unknown ids are left out. */
export function usersFor(world: World, ids: Iterable<bigint>, viewerId: bigint): Api.TypeUser[] {
  return [...new Set(ids)].flatMap((id) => {
    const user = world.account(id);
    return user === undefined ? [] : [toApiUser(user, viewerId)];
  });
}

/** `chats` for a set of group ids, as `viewerId` sees them. */
export function chatsFor(world: World, ids: Iterable<bigint>, viewerId: bigint): Api.TypeChat[] {
  return [...new Set(ids)].flatMap((id) => {
    const group = world.groups.group(id);
    return group === undefined ? [] : [toApiGroup(group, viewerId, world)];
  });
}
