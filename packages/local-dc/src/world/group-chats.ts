/**
 * Basic groups, supergroups and channels of the world (core.telegram.org/api/channel). This class is
 * what the rest of the emulator holds (`world.groups`): one event emitter, with the work done by
 * parts of one idea each —
 *
 * - group-registry.ts: the groups by id and the ids new ones get;
 * - group-creation.ts, group-migration.ts: making groups, and basic group to supergroup;
 * - group-message-store.ts: messages (per-member copies in basic groups, one log per channel);
 * - group-visibility.ts: which messages bots see (privacy mode);
 * - group-membership.ts, group-bans.ts: joining, leaving, admins; bans, restrictions, default rights;
 * - active-restrictions.ts: the bans and restrictions in force now;
 * - participant-log.ts: member changes as bots get them (qts).
 */
import { TypedEventEmitter, type RandomSource } from 'telegram-mtproto-core';
import type {
  BannedMember,
  BasicGroupRecord,
  ChannelMessage,
  ChannelRecord,
  GroupMember,
  GroupRecord,
  ParticipantEvent,
} from './group-records';
import type { BannedRight, Restriction } from './member-restrictions';
import { ActiveRestrictions } from './active-restrictions';
import type { EmitGroupEvent, GroupChatsEvents } from './group-chats-events';
import { GroupBans } from './group-bans';
import { GroupCreation, type NewChannel, type NewGroup } from './group-creation';
import { GroupMembership } from './group-membership';
import { GroupMessageStore, type GroupMessage } from './group-message-store';
import { GroupMigration } from './group-migration';
import { GroupRegistry } from './group-registry';
import { GroupVisibility, type VisibleMessage } from './group-visibility';
import { ParticipantLog } from './participant-log';
import type { World } from './world';

export type { GroupChatsEvents } from './group-chats-events';
export type { NewChannel, NewGroup, NewGroupAdmin } from './group-creation';
export type { GroupMessage, GroupMessageExtras } from './group-message-store';

/** What {@link GroupChats} holds, as plain data (Maps inside records stay Maps). */
export interface GroupChatsState {
  readonly nextChatId: bigint;
  readonly nextChannelId: bigint;
  readonly groups: readonly GroupRecord[];
  readonly privacyOff: readonly bigint[];
  readonly participantLogs: ReadonlyArray<readonly [bigint, readonly ParticipantEvent[]]>;
  /** Each basic-group message's copies: [owner id, message id] pairs. */
  readonly copies: ReadonlyArray<ReadonlyArray<readonly [bigint, number]>>;
}

export class GroupChats extends TypedEventEmitter<GroupChatsEvents> {
  private readonly registry: GroupRegistry;
  private readonly visibility: GroupVisibility;
  private readonly participants: ParticipantLog;
  private readonly restrictions: ActiveRestrictions;
  private readonly messages: GroupMessageStore;
  private readonly membership: GroupMembership;
  private readonly bans: GroupBans;
  private readonly creation: GroupCreation;
  private readonly migration: GroupMigration;

  constructor(world: World, random: RandomSource) {
    super();
    const emit: EmitGroupEvent = (event, ...args) => this.emit(event, ...args);
    this.registry = new GroupRegistry(random);
    this.visibility = new GroupVisibility(world);
    this.participants = new ParticipantLog(world, emit);
    this.restrictions = new ActiveRestrictions(world, emit);
    this.messages = new GroupMessageStore(world, emit, this.visibility, this.restrictions);
    this.membership = new GroupMembership(world, this.messages, this.participants, this.restrictions);
    this.bans = new GroupBans(world, emit, this.membership, this.participants, this.restrictions);
    this.creation = new GroupCreation(world, this.registry, this.messages, this.participants);
    this.migration = new GroupMigration(world, emit, this.registry, this.messages);
  }

  /** See {@link GroupCreation.createBasicGroup}. */
  createBasicGroup(input: NewGroup): BasicGroupRecord {
    return this.creation.createBasicGroup(input);
  }

  /** See {@link GroupCreation.createChannel}. */
  createChannel(input: NewChannel): ChannelRecord {
    return this.creation.createChannel(input);
  }

  /** See {@link GroupMigration.migrate}. */
  migrate(group: BasicGroupRecord, actorId: bigint): ChannelRecord {
    return this.migration.migrate(group, actorId);
  }

  /** Every group, channel and bot setting, for persistence (persistence/world-snapshot.ts). */
  exportState(): GroupChatsState {
    return {
      ...this.registry.exportState(),
      privacyOff: this.visibility.exportState(),
      participantLogs: this.participants.exportState(),
      copies: this.messages.exportState(),
    };
  }

  /** Replaces everything with what {@link exportState} saw. */
  importState(state: GroupChatsState): void {
    this.registry.importState(state);
    this.visibility.importState(state.privacyOff);
    this.participants.importState(state.participantLogs);
    this.messages.importState(state.copies);
  }

  group(id: bigint): GroupRecord | undefined {
    return this.registry.get(id);
  }

  /** The groups and channels `accountId` is a member of. */
  groupsOf(accountId: bigint): GroupRecord[] {
    return this.registry.groupsOf(accountId);
  }

  /** Turns a bot's privacy mode on (the default) or off, as BotFather's /setprivacy. */
  setBotPrivacy(botId: bigint, enabled: boolean): void {
    this.visibility.setBotPrivacy(botId, enabled);
  }

  /** See {@link GroupMessageStore.sendMessage}. */
  sendMessage(...args: Parameters<GroupMessageStore['sendMessage']>): GroupMessage {
    return this.messages.sendMessage(...args);
  }

  /** See {@link GroupMessageStore.editMessage}. */
  editMessage(...args: Parameters<GroupMessageStore['editMessage']>): GroupMessage {
    return this.messages.editMessage(...args);
  }

  /** See {@link GroupMembership.join}. */
  join(...args: Parameters<GroupMembership['join']>): GroupMember {
    return this.membership.join(...args);
  }

  /** See {@link GroupMembership.leave}. */
  leave(group: GroupRecord, userId: bigint): void {
    this.membership.leave(group, userId);
  }

  /** See {@link GroupBans.ban}. */
  ban(...args: Parameters<GroupBans['ban']>): void {
    this.bans.ban(...args);
  }

  /** See {@link GroupBans.unban}. */
  unban(group: GroupRecord, actorId: bigint, userId: bigint): void {
    this.bans.unban(group, actorId, userId);
  }

  /** See {@link GroupBans.restrict}. */
  restrict(...args: Parameters<GroupBans['restrict']>): GroupMember {
    return this.bans.restrict(...args);
  }

  /** See {@link GroupBans.setDefaultRights}. */
  setDefaultRights(...args: Parameters<GroupBans['setDefaultRights']>): void {
    this.bans.setDefaultRights(...args);
  }

  /** What `userId` may not do there now: for a plain member, the defaults and their own restriction. */
  deniedRights(group: GroupRecord, userId: bigint): BannedRight[] {
    return this.restrictions.deniedRights(group, userId);
  }

  /** The member's restriction, unless it is over (then it is lifted, silently as on Telegram). */
  activeRestriction(channel: ChannelRecord, userId: bigint): Restriction | undefined {
    return this.restrictions.restriction(channel, userId);
  }

  /** The user's ban, unless it is over (then it is lifted, silently). */
  activeBan(channel: ChannelRecord, userId: bigint): BannedMember | undefined {
    return this.restrictions.ban(channel, userId);
  }

  /** The bans still in force, oldest first. */
  activeBans(channel: ChannelRecord): BannedMember[] {
    return this.restrictions.bans(channel);
  }

  /** The members with a restriction in force, oldest first. */
  restrictedMembers(channel: ChannelRecord): GroupMember[] {
    return this.restrictions.restrictedMembers(channel);
  }

  /** See {@link GroupMembership.setAdmin}. */
  setAdmin(...args: Parameters<GroupMembership['setAdmin']>): GroupMember {
    return this.membership.setAdmin(...args);
  }

  /** The id of `targetOwnerId`'s copy of the basic-group message `ownerId` has as `messageId`. */
  copyId(ownerId: bigint, messageId: number, targetOwnerId: bigint): number | undefined {
    return this.messages.copyId(ownerId, messageId, targetOwnerId);
  }

  /** The bot's qts: how many participant updates it was sent. */
  qtsOf(accountId: bigint): number {
    return this.participants.qtsOf(accountId);
  }

  /** The participant updates of `accountId` with qts above `qts`, oldest first. */
  participantEventsAfter(accountId: bigint, qts: number): readonly ParticipantEvent[] {
    return this.participants.eventsAfter(accountId, qts);
  }

  /** Whether `viewerId` sees the message (bots: see group-visibility.ts). */
  sees(group: GroupRecord, viewerId: bigint, message: VisibleMessage): boolean {
    return this.visibility.sees(group, viewerId, message);
  }

  /** The members who see a channel message now. */
  viewersOf(channel: ChannelRecord, message: ChannelMessage): bigint[] {
    return this.visibility.viewersOf(channel, message);
  }
}
