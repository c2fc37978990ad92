/**
 * The bans and restrictions in force now (core.telegram.org/api/rights): one whose until_date has
 * passed is lifted when it is next looked at, silently as on Telegram, and the state file is told.
 */
import type { BannedMember, ChannelRecord, GroupMember, GroupRecord } from './group-records';
import type { EmitGroupEvent } from './group-chats-events';
import { deniedRights, expired, type BannedRight, type Restriction } from './member-restrictions';
import type { World } from './world';

/** Looks up bans and restrictions, lifting those that are over. */
export class ActiveRestrictions {
  constructor(
    private readonly world: World,
    private readonly emit: EmitGroupEvent,
  ) {}

  /** What `userId` may not do there now: for a plain member, the defaults and their own restriction. */
  deniedRights(group: GroupRecord, userId: bigint): BannedRight[] {
    if (group.members.get(userId)?.role !== 'member') return [];
    const own = group.kind === 'channel' ? this.restriction(group, userId) : undefined;
    return deniedRights(group.defaultBannedRights, own);
  }

  /** The member's restriction, unless it is over (then it is lifted, silently as on Telegram). */
  restriction(channel: ChannelRecord, userId: bigint): Restriction | undefined {
    const member = channel.members.get(userId);
    if (member?.restriction === undefined) return undefined;
    if (!expired(member.restriction.untilDate, this.world.now())) return member.restriction;
    const { restriction: _over, ...unrestricted } = member;
    channel.members.set(userId, unrestricted);
    this.emit('membersChanged', channel);
    return undefined;
  }

  /** The user's ban, unless it is over (then it is lifted, silently). */
  ban(channel: ChannelRecord, userId: bigint): BannedMember | undefined {
    const ban = channel.banned?.get(userId);
    if (ban === undefined || !expired(ban.untilDate, this.world.now())) return ban;
    channel.banned!.delete(userId);
    this.emit('membersChanged', channel);
    return undefined;
  }

  /** The bans still in force, oldest first. */
  bans(channel: ChannelRecord): BannedMember[] {
    return [...(channel.banned?.keys() ?? [])].flatMap((userId) => this.ban(channel, userId) ?? []);
  }

  /** The members with a restriction in force, oldest first. */
  restrictedMembers(channel: ChannelRecord): GroupMember[] {
    return [...channel.members.values()].filter(
      (member) => this.restriction(channel, member.userId) !== undefined,
    );
  }
}
