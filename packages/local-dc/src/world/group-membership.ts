/**
 * Joining, leaving and admin rights (core.telegram.org/api/channel, core.telegram.org/api/rights):
 * a service message where Telegram writes one (basic groups and supergroups, not broadcast
 * channels) and a participant update for the bots concerned (participant-log.ts).
 */
import { RpcError } from 'telegram-mtproto-core';
import {
  ALL_ADMIN_RIGHTS,
  type AdminRight,
  type BannedMember,
  type GroupMember,
  type GroupRecord,
  type ServiceAction,
} from './group-records';
import type { ActiveRestrictions } from './active-restrictions';
import { CHAT_SIZE_MAX, requireActive, requireRight } from './group-checks';
import type { GroupMessageStore } from './group-message-store';
import type { ParticipantLog } from './participant-log';
import type { World } from './world';

/** Who is in a group and who is an admin there. */
export class GroupMembership {
  constructor(
    private readonly world: World,
    private readonly messages: GroupMessageStore,
    private readonly participants: ParticipantLog,
    private readonly restrictions: ActiveRestrictions,
  ) {}

  /**
   * `userId` joins (or is added by `inviterId`): a service message where Telegram writes one (basic
   * groups and supergroups, not broadcast channels) and a participant update for the bots concerned.
   */
  join(group: GroupRecord, userId: bigint, inviterId: bigint = userId): GroupMember {
    const user = this.world.account(userId);
    if (user === undefined) throw new RpcError(400, 'USER_ID_INVALID');
    if (group.kind === 'chat') requireActive(group);
    if (group.members.has(userId)) throw new RpcError(400, 'USER_ALREADY_PARTICIPANT');
    if (group.kind === 'chat' && group.members.size >= CHAT_SIZE_MAX)
      throw new RpcError(400, 'USERS_TOO_MUCH');
    if (group.kind === 'channel' && this.restrictions.ban(group, userId) !== undefined)
      throw new RpcError(400, 'USER_BANNED_IN_CHANNEL');
    if (inviterId !== userId && !group.members.has(inviterId)) throw new RpcError(400, 'CHAT_ADMIN_REQUIRED');
    const date = this.world.now();
    const member: GroupMember = { userId, inviterId, date, role: 'member', adminRights: [] };
    group.members.set(userId, member);
    const action: ServiceAction = { type: 'add-user', userIds: [userId] };
    if (group.kind === 'chat') {
      group.version++;
      this.messages.addChatMessage(group, inviterId, '', action);
    } else if (group.megagroup) {
      this.messages.addChannelMessage(group, inviterId, '', action, undefined);
    }
    this.participants.announce(group, inviterId, userId, undefined, member, date);
    return member;
  }

  /** `userId` leaves: the service message (basic groups and supergroups) and the participant update. */
  leave(group: GroupRecord, userId: bigint): void {
    this.remove(group, userId, userId);
  }

  /**
   * Promotes a member to admin with `rights`, changes an admin's rights, or (`rights` undefined)
   * demotes an admin to a plain member (messages.editChatAdmin, channels.editAdmin): a participant
   * update to the bots concerned, no service message, as Telegram.
   */
  setAdmin(
    group: GroupRecord,
    actorId: bigint,
    userId: bigint,
    rights: readonly AdminRight[] | undefined,
  ): GroupMember {
    requireRight(group, actorId, 'add_admins');
    if (group.kind === 'chat') requireActive(group);
    const previous = group.members.get(userId);
    if (previous === undefined) throw new RpcError(400, 'USER_NOT_PARTICIPANT');
    if (previous.role === 'creator') throw new RpcError(400, 'USER_CREATOR');
    for (const right of rights ?? [])
      if (!ALL_ADMIN_RIGHTS.includes(right)) throw new RpcError(400, 'RIGHTS_NOT_MODIFIED');
    const date = this.world.now();
    const current: GroupMember =
      rights === undefined
        ? { userId, inviterId: previous.inviterId, date, role: 'member', adminRights: [] }
        : { userId, inviterId: actorId, date, role: 'admin', adminRights: [...rights] };
    if (previous.role === current.role && sameRights(previous.adminRights, current.adminRights)) {
      throw new RpcError(400, 'CHAT_NOT_MODIFIED');
    }
    group.members.set(userId, current);
    if (group.kind === 'chat') group.version++;
    this.participants.announce(group, actorId, userId, previous, current, date);
    return current;
  }

  /** `userId` goes, by themselves or removed by `actorId`: service message, then participant updates. */
  remove(group: GroupRecord, actorId: bigint, userId: bigint, ban?: BannedMember): void {
    const member = group.members.get(userId);
    if (member === undefined) throw new RpcError(400, 'USER_NOT_PARTICIPANT');
    const date = this.world.now();
    const action: ServiceAction = { type: 'delete-user', userId };
    // The leaver's own box still gets the service message, so it is written before they go.
    if (group.kind === 'chat') {
      this.messages.addChatMessage(group, actorId, '', action);
      group.version++;
    } else if (group.megagroup) {
      this.messages.addChannelMessage(group, actorId, '', action, undefined);
    }
    group.members.delete(userId);
    this.participants.announce(group, actorId, userId, member, undefined, date, member, { currentBan: ban });
  }
}

function sameRights(a: readonly AdminRight[], b: readonly AdminRight[]): boolean {
  return a.length === b.length && a.every((right) => b.includes(right));
}
