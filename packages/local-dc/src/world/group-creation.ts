/**
 * Creating basic groups, supergroups and channels (core.telegram.org/api/channel): a user creates
 * them (bots cannot), with members and admins from the start; the first message is the service
 * message of the creation, and bots added learn of their membership as when added later.
 */
import { RpcError } from 'telegram-mtproto-core';
import type { UserRecord } from './records';
import {
  ALL_ADMIN_RIGHTS,
  DEFAULT_ADMIN_RIGHTS,
  type AdminRight,
  type BasicGroupRecord,
  type ChannelRecord,
  type GroupMember,
} from './group-records';
import { checkTitle } from './group-checks';
import type { GroupMessageStore } from './group-message-store';
import type { GroupRegistry } from './group-registry';
import type { ParticipantLog } from './participant-log';
import type { World } from './world';

/** An admin of a new group: its user and rights (default: every right but add_admins). */
export interface NewGroupAdmin {
  readonly userId: bigint;
  readonly rights?: readonly AdminRight[];
}

export interface NewGroup {
  /** A user (bots cannot create groups). */
  readonly creatorId: bigint;
  readonly title: string;
  /** Members besides the creator (users and bots). */
  readonly memberIds?: readonly bigint[];
  /** Admins besides the creator; each becomes a member too. */
  readonly admins?: readonly NewGroupAdmin[];
}

export interface NewChannel extends NewGroup {
  /** A supergroup; otherwise a broadcast channel. */
  readonly megagroup: boolean;
  readonly username?: string;
}

/** Makes basic groups, supergroups and channels with their first members. */
export class GroupCreation {
  constructor(
    private readonly world: World,
    private readonly registry: GroupRegistry,
    private readonly messages: GroupMessageStore,
    private readonly participants: ParticipantLog,
  ) {}

  /** A basic group with its members; every member's box gets the `messageActionChatCreate`. */
  createBasicGroup(input: NewGroup): BasicGroupRecord {
    const creator = this.creator(input);
    const date = this.world.now();
    const group: BasicGroupRecord = {
      kind: 'chat',
      id: this.registry.newChatId(),
      title: checkTitle(input.title),
      date,
      members: new Map(),
      version: 1,
    };
    this.registry.add(group);
    for (const member of this.initialMembers(input, creator, date)) group.members.set(member.userId, member);
    const invited = [...group.members.keys()].filter((id) => id !== creator.id);
    this.messages.addChatMessage(group, creator.id, '', {
      type: 'chat-create',
      title: group.title,
      userIds: invited,
    });
    this.participants.announceInitialBots(group, creator.id, date);
    return group;
  }

  /** A supergroup or broadcast channel; its log starts with `messageActionChannelCreate`. */
  createChannel(input: NewChannel): ChannelRecord {
    const creator = this.creator(input);
    if (input.username !== undefined && !/^[A-Za-z][A-Za-z0-9_]{4,31}$/.test(input.username)) {
      throw new RpcError(400, 'USERNAME_INVALID');
    }
    const date = this.world.now();
    const channel: ChannelRecord = {
      kind: 'channel',
      id: this.registry.newChannelId(),
      accessHash: this.registry.accessHash(),
      title: checkTitle(input.title),
      username: input.username,
      megagroup: input.megagroup,
      date,
      members: new Map(),
      messages: new Map(),
      events: [],
      banned: new Map(),
      lastMessageId: 0,
      pts: 0,
    };
    this.registry.add(channel);
    for (const member of this.initialMembers(input, creator, date))
      channel.members.set(member.userId, member);
    this.messages.addChannelMessage(
      channel,
      creator.id,
      '',
      { type: 'channel-create', title: channel.title },
      undefined,
    );
    this.participants.announceInitialBots(channel, creator.id, date);
    return channel;
  }

  private creator(input: NewGroup): UserRecord {
    const creator = this.world.account(input.creatorId);
    if (creator === undefined) throw new RpcError(400, 'USER_ID_INVALID');
    if (creator.bot) throw new RpcError(400, 'BOT_METHOD_INVALID');
    return creator;
  }

  private initialMembers(input: NewGroup, creator: UserRecord, date: number): GroupMember[] {
    const members = new Map<bigint, GroupMember>();
    members.set(creator.id, {
      userId: creator.id,
      inviterId: creator.id,
      date,
      role: 'creator',
      adminRights: ALL_ADMIN_RIGHTS,
    });
    for (const userId of input.memberIds ?? []) {
      if (this.world.account(userId) === undefined) throw new RpcError(400, 'USER_ID_INVALID');
      if (!members.has(userId))
        members.set(userId, { userId, inviterId: creator.id, date, role: 'member', adminRights: [] });
    }
    for (const admin of input.admins ?? []) {
      if (this.world.account(admin.userId) === undefined) throw new RpcError(400, 'USER_ID_INVALID');
      if (admin.userId === creator.id) continue;
      const rights = admin.rights ?? DEFAULT_ADMIN_RIGHTS;
      for (const right of rights)
        if (!ALL_ADMIN_RIGHTS.includes(right)) throw new RpcError(400, 'RIGHTS_NOT_MODIFIED');
      members.set(admin.userId, {
        userId: admin.userId,
        inviterId: creator.id,
        date,
        role: 'admin',
        adminRights: [...rights],
      });
    }
    return [...members.values()];
  }
}
