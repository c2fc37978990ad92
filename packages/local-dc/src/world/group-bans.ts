/**
 * What admins with ban_users take away (core.telegram.org/api/rights): bans (the user is removed and
 * kept out), partial restrictions of supergroup members, and the chat-wide default banned rights.
 * See member-restrictions.ts for the rights and until dates, active-restrictions.ts for expiry.
 */
import { RpcError } from 'telegram-mtproto-core';
import type { BannedMember, ChannelRecord, GroupMember, GroupRecord } from './group-records';
import type { ActiveRestrictions } from './active-restrictions';
import type { EmitGroupEvent } from './group-chats-events';
import { requireActive, requireRight } from './group-checks';
import type { GroupMembership } from './group-membership';
import { normalizedUntilDate, type BannedRight } from './member-restrictions';
import type { ParticipantLog } from './participant-log';
import type { World } from './world';

/** Bans, restrictions and default rights, set by admins with ban_users. */
export class GroupBans {
  constructor(
    private readonly world: World,
    private readonly emit: EmitGroupEvent,
    private readonly membership: GroupMembership,
    private readonly participants: ParticipantLog,
    private readonly restrictions: ActiveRestrictions,
  ) {}

  /**
   * An admin removes `userId` (messages.deleteChatUser, or channels.editBanned with view_messages):
   * in a supergroup or channel the user is also banned (USER_BANNED_IN_CHANNEL on joining) until
   * {@link unban} or until `untilDate` (see member-restrictions.ts for the dates meaning forever); a
   * basic group has no ban list, the user may be added again.
   */
  ban(group: GroupRecord, actorId: bigint, userId: bigint, untilDate = 0): void {
    requireRight(group, actorId, 'ban_users');
    const target = group.members.get(userId);
    if (target?.role === 'creator') throw new RpcError(400, 'USER_ADMIN_INVALID');
    if (group.kind === 'chat') {
      requireActive(group);
      this.membership.remove(group, actorId, userId);
      return;
    }
    if (this.restrictions.ban(group, userId) !== undefined) throw new RpcError(400, 'USER_ALREADY_BANNED');
    const now = this.world.now();
    const until = normalizedUntilDate(untilDate, now);
    const ban: BannedMember = {
      userId,
      kickedBy: actorId,
      date: now,
      ...(until === 0 ? {} : { untilDate: until }),
    };
    if (target !== undefined) this.membership.remove(group, actorId, userId, ban);
    else {
      if (this.world.account(userId) === undefined) throw new RpcError(400, 'USER_ID_INVALID');
      this.participants.announce(group, actorId, userId, undefined, undefined, ban.date, undefined, {
        currentBan: ban,
      });
    }
    (group.banned ??= new Map()).set(userId, ban);
  }

  /** Lifts a supergroup or channel ban: the user may join again (they are not added back). */
  unban(group: GroupRecord, actorId: bigint, userId: bigint): void {
    requireRight(group, actorId, 'ban_users');
    if (group.kind === 'chat') throw new RpcError(400, 'CHANNEL_INVALID');
    const ban = this.restrictions.ban(group, userId);
    if (ban === undefined) throw new RpcError(400, 'USER_NOT_PARTICIPANT');
    group.banned!.delete(userId);
    this.participants.announce(group, actorId, userId, undefined, undefined, this.world.now(), undefined, {
      previousBan: ban,
    });
  }

  /**
   * Takes `rights` away from a supergroup member who stays in (channels.editBanned without
   * view_messages), changes their restriction, or (`rights` empty) lifts it: a participant update
   * (`channelParticipantBanned` with `left` unset) to the bots concerned, no service message.
   * USER_NOT_PARTICIPANT for a non-member, USER_ADMIN_INVALID for an admin or the creator.
   */
  restrict(
    channel: ChannelRecord,
    actorId: bigint,
    userId: bigint,
    rights: readonly BannedRight[],
    untilDate: number,
  ): GroupMember {
    requireRight(channel, actorId, 'ban_users');
    const wasRestricted = this.restrictions.restriction(channel, userId) !== undefined;
    const previous = channel.members.get(userId);
    if (previous === undefined) throw new RpcError(400, 'USER_NOT_PARTICIPANT');
    if (previous.role !== 'member') throw new RpcError(400, 'USER_ADMIN_INVALID');
    // Lifting a restriction nobody has: nothing to do, as lifting a ban nobody has.
    if (rights.length === 0 && !wasRestricted) throw new RpcError(400, 'USER_NOT_PARTICIPANT');
    const date = this.world.now();
    const { restriction: _previous, ...unrestricted } = previous;
    const current: GroupMember =
      rights.length === 0
        ? unrestricted
        : {
            ...unrestricted,
            restriction: {
              rights: [...rights],
              untilDate: normalizedUntilDate(untilDate, date),
              restrictedBy: actorId,
              date,
            },
          };
    channel.members.set(userId, current);
    this.participants.announce(channel, actorId, userId, previous, current, date);
    return current;
  }

  /**
   * An admin with ban_users sets what every plain member of a group or supergroup may not do
   * (core.telegram.org/method/messages.editChatDefaultBannedRights); members' own restrictions add to
   * it. BANNED_RIGHTS_INVALID for view_messages (that would ban everyone), CHAT_NOT_MODIFIED for the
   * rights already in force, CHANNEL_INVALID for a broadcast channel (nobody but admins posts there).
   */
  setDefaultRights(
    group: GroupRecord,
    actorId: bigint,
    rights: readonly BannedRight[],
    origin?: unknown,
  ): void {
    if (group.kind === 'chat') requireActive(group);
    else if (!group.megagroup) throw new RpcError(400, 'CHANNEL_INVALID');
    requireRight(group, actorId, 'ban_users');
    if (rights.includes('view_messages')) throw new RpcError(400, 'BANNED_RIGHTS_INVALID');
    const current = group.defaultBannedRights ?? [];
    if (rights.length === current.length && rights.every((right) => current.includes(right)))
      throw new RpcError(400, 'CHAT_NOT_MODIFIED');
    group.defaultBannedRights = [...new Set(rights)];
    if (group.kind === 'chat') group.version++;
    this.emit('defaultRightsChanged', group, origin);
  }
}
