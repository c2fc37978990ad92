/**
 * Basic groups, supergroups and channels of the world (core.telegram.org/api/channel), with
 * Telegram's id and pts rules (core.telegram.org/api/updates):
 *
 * - a basic group's messages are copies in each member's own message box, each with the member's own
 *   message id and pts (the common message box, shared with private chats);
 * - a supergroup or channel has one log with its own message ids and its own pts;
 * - a member change is a bot update with the bot's qts (updateChatParticipant/updateChannelParticipant),
 *   sent to bots that are admins there and to the bot whose own membership changed.
 *
 * What a bot sees follows core.telegram.org/api/bots: bots never see other bots' messages, and in
 * privacy mode (on by default, as BotFather sets it) a bot that is not an admin only sees commands,
 * mentions of its username and service messages.
 */
import { RpcError, TypedEventEmitter, type Api, type RandomSource } from 'telegram-mtproto-core';
import { checkedEntities, sameEntities } from './message-entities';
import { IdAllocator } from './id-allocator';
import type { BoxEvent, ForwardOrigin, StoredMessage, UserRecord } from './records';
import {
  ALL_ADMIN_RIGHTS,
  DEFAULT_ADMIN_RIGHTS,
  type AdminRight,
  type BannedMember,
  type BasicGroupRecord,
  type ChannelEvent,
  type ChannelMessage,
  type ChannelRecord,
  type GroupMember,
  type GroupRecord,
  type ParticipantEvent,
  type ServiceAction,
} from './group-records';
import { checkCaption, MESSAGE_LENGTH_MAX, type World } from './world';
import type { MessageMedium } from './media-records';
import {
  checkRestrictedSend,
  deniedRights,
  expired,
  normalizedUntilDate,
  type BannedRight,
  type Restriction,
} from './member-restrictions';

/** Events of {@link GroupChats}, for the update pusher and waiters. */
export type GroupChatsEvents = {
  /** A basic-group message (or service message) entered `message.ownerId`'s box. */
  chatMessageAdded: (message: StoredMessage, event: BoxEvent, origin: unknown) => void;
  chatMessageEdited: (message: StoredMessage, event: BoxEvent, origin: unknown) => void;
  /** A message entered a channel's log; `viewerIds` are the members who see it. */
  channelMessageAdded: (
    channel: ChannelRecord,
    message: ChannelMessage,
    event: ChannelEvent,
    viewerIds: readonly bigint[],
    origin: unknown,
  ) => void;
  channelMessageEdited: (
    channel: ChannelRecord,
    message: ChannelMessage,
    event: ChannelEvent,
    viewerIds: readonly bigint[],
    origin: unknown,
  ) => void;
  /** A bot's qts advanced with a member change. */
  participantChanged: (botId: bigint, event: ParticipantEvent) => void;
  /** Someone joined, left, was promoted, demoted, banned or unbanned (for the state file). */
  membersChanged: (group: GroupRecord) => void;
  /** A basic group became the supergroup `channel` (after both service messages). */
  migrated: (group: BasicGroupRecord, channel: ChannelRecord) => void;
  /** The group's default banned rights changed (updateChatDefaultBannedRights to its members). */
  defaultRightsChanged: (group: GroupRecord, origin: unknown) => void;
};

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

/** A group message as a reader sees it: a basic group's copy or a channel's message. */
export type GroupMessage =
  | { readonly kind: 'chat'; readonly message: StoredMessage; readonly event: BoxEvent }
  | { readonly kind: 'channel'; readonly message: ChannelMessage; readonly event: ChannelEvent };

export class GroupChats extends TypedEventEmitter<GroupChatsEvents> {
  private readonly ids: IdAllocator;
  private nextChatId = 500_000_001n;
  private nextChannelId = 2_000_000_001n;
  private readonly groups = new Map<bigint, GroupRecord>();
  private readonly privacyOff = new Set<bigint>();
  private readonly participantLogs = new Map<bigint, ParticipantEvent[]>();
  /** Basic-group messages: the copies of each, keyed by any copy ("owner:id"). */
  private readonly copies = new Map<string, Map<bigint, number>>();

  constructor(
    private readonly world: World,
    random: RandomSource,
  ) {
    super();
    this.ids = new IdAllocator(random);
  }

  /** A basic group with its members; every member's box gets the `messageActionChatCreate`. */
  createBasicGroup(input: NewGroup): BasicGroupRecord {
    const creator = this.creator(input);
    const date = this.world.now();
    const group: BasicGroupRecord = {
      kind: 'chat',
      id: this.nextChatId++,
      title: checkTitle(input.title),
      date,
      members: new Map(),
      version: 1,
    };
    this.groups.set(group.id, group);
    for (const member of this.initialMembers(input, creator, date)) group.members.set(member.userId, member);
    const invited = [...group.members.keys()].filter((id) => id !== creator.id);
    this.addChatMessage(group, creator.id, '', { type: 'chat-create', title: group.title, userIds: invited });
    this.announceInitialBots(group, creator.id, date);
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
      id: this.nextChannelId++,
      accessHash: this.ids.accessHash(),
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
    this.groups.set(channel.id, channel);
    for (const member of this.initialMembers(input, creator, date))
      channel.members.set(member.userId, member);
    this.addChannelMessage(
      channel,
      creator.id,
      '',
      { type: 'channel-create', title: channel.title },
      undefined,
    );
    this.announceInitialBots(channel, creator.id, date);
    return channel;
  }

  /**
   * The creator turns a basic group into a supergroup (core.telegram.org/api/channel#migration): a new
   * supergroup with the same title, members, admins and rights; the group's last message is
   * `messageActionChatMigrateTo`, the supergroup's first `messageActionChannelMigrateFrom`; the group
   * is deactivated (`chat.migrated_to`), and what would change it gets CHAT_ID_INVALID.
   * 403 CHAT_ADMIN_REQUIRED unless `actorId` is the creator.
   */
  migrate(group: BasicGroupRecord, actorId: bigint): ChannelRecord {
    requireActive(group);
    if (group.members.get(actorId)?.role !== 'creator') throw new RpcError(403, 'CHAT_ADMIN_REQUIRED');
    const channel: ChannelRecord = {
      kind: 'channel',
      id: this.nextChannelId++,
      accessHash: this.ids.accessHash(),
      title: group.title,
      username: undefined,
      megagroup: true,
      date: this.world.now(),
      members: new Map([...group.members].map(([userId, member]) => [userId, { ...member }])),
      messages: new Map(),
      events: [],
      banned: new Map(),
      lastMessageId: 0,
      pts: 0,
      migratedFrom: group.id,
      // The group's default rights carry over, as its admins' rights do.
      ...(group.defaultBannedRights === undefined ? {} : { defaultBannedRights: group.defaultBannedRights }),
    };
    this.groups.set(channel.id, channel);
    // Set first, so the updates of both service messages name the other chat too.
    group.migratedTo = channel.id;
    group.version++;
    this.addChatMessage(group, actorId, '', { type: 'chat-migrate-to', channelId: channel.id });
    const from: ServiceAction = { type: 'channel-migrate-from', title: group.title, chatId: group.id };
    this.addChannelMessage(channel, actorId, '', from, undefined);
    this.emit('membersChanged', group);
    this.emit('membersChanged', channel);
    this.emit('migrated', group, channel);
    return channel;
  }

  /** Every group, channel and bot setting, for persistence (persistence/world-snapshot.ts). */
  exportState(): GroupChatsState {
    return {
      nextChatId: this.nextChatId,
      nextChannelId: this.nextChannelId,
      groups: [...this.groups.values()],
      privacyOff: [...this.privacyOff],
      participantLogs: [...this.participantLogs],
      copies: [...new Set(this.copies.values())].map((copies) => [...copies]),
    };
  }

  /** Replaces everything with what {@link exportState} saw. */
  importState(state: GroupChatsState): void {
    this.nextChatId = state.nextChatId;
    this.nextChannelId = state.nextChannelId;
    this.groups.clear();
    for (const group of state.groups) this.groups.set(group.id, group);
    this.privacyOff.clear();
    for (const botId of state.privacyOff) this.privacyOff.add(botId);
    this.participantLogs.clear();
    for (const [botId, log] of state.participantLogs) this.participantLogs.set(botId, [...log]);
    this.copies.clear();
    for (const entries of state.copies) {
      const copies = new Map(entries);
      for (const [ownerId, id] of copies) this.copies.set(copyKey(ownerId, id), copies);
    }
  }

  group(id: bigint): GroupRecord | undefined {
    return this.groups.get(id);
  }

  /** The groups and channels `accountId` is a member of. */
  groupsOf(accountId: bigint): GroupRecord[] {
    return [...this.groups.values()].filter((group) => group.members.has(accountId));
  }

  /** Turns a bot's privacy mode on (the default) or off, as BotFather's /setprivacy. */
  setBotPrivacy(botId: bigint, enabled: boolean): void {
    if (enabled) this.privacyOff.delete(botId);
    else this.privacyOff.add(botId);
  }

  /**
   * `senderId` sends `text` to the group. Checks membership and rights the way Telegram does:
   * a non-member gets CHAT_WRITE_FORBIDDEN (basic group) or CHANNEL_PRIVATE; in a broadcast channel
   * only admins with post_messages may post (CHAT_ADMIN_REQUIRED, as Telegram answers a bot that is
   * not allowed to post). Returns the sender's view of the new message.
   */
  sendMessage(
    senderId: bigint,
    group: GroupRecord,
    text: string,
    origin?: unknown,
    extras: GroupMessageExtras = {},
  ): GroupMessage {
    const { replyToMessageId, replyMarkup, forwardedFrom, media, viaBotId } = extras;
    if (media === undefined) checkText(text);
    else checkCaption(text, media);
    const entities = checkedEntities(text, extras.entities);
    const content = { entities, replyMarkup, forwardedFrom, media, viaBotId };
    const member = group.members.get(senderId);
    if (group.kind === 'chat') {
      requireActive(group);
      if (member === undefined) throw new RpcError(403, 'CHAT_WRITE_FORBIDDEN');
      checkRestrictedSend(this.deniedRights(group, senderId), {
        media: media?.kind,
        viaBot: viaBotId !== undefined,
      });
      const reply = this.chatReplyTarget(group, senderId, replyToMessageId);
      return {
        kind: 'chat',
        ...this.addChatMessage(group, senderId, text, undefined, origin, { ...content, reply }),
      };
    }
    if (member === undefined) throw new RpcError(400, 'CHANNEL_PRIVATE');
    if (!group.megagroup && !member.adminRights.includes('post_messages')) {
      throw new RpcError(400, 'CHAT_ADMIN_REQUIRED');
    }
    checkRestrictedSend(this.deniedRights(group, senderId), {
      media: media?.kind,
      viaBot: viaBotId !== undefined,
    });
    let reply: ChannelMessage | undefined;
    if (replyToMessageId !== undefined) {
      reply = group.messages.get(replyToMessageId);
      if (reply === undefined) throw new RpcError(400, 'REPLY_MESSAGE_ID_INVALID');
    }
    return {
      kind: 'channel',
      ...this.addChannelMessage(group, senderId, text, undefined, origin, { ...content, reply }),
    };
  }

  /** The sender's copy of the basic-group message replied to (REPLY_MESSAGE_ID_INVALID if none). */
  private chatReplyTarget(group: BasicGroupRecord, senderId: bigint, messageId: number | undefined) {
    if (messageId === undefined) return undefined;
    const message = this.world.box(senderId).message(messageId);
    if (message === undefined || message.chatId !== group.id)
      throw new RpcError(400, 'REPLY_MESSAGE_ID_INVALID');
    return message;
  }

  /**
   * The author edits a message: in a basic group by the id in their own box (every copy changes),
   * in a channel by its channel id. MESSAGE_ID_INVALID for an unknown id, MESSAGE_AUTHOR_REQUIRED
   * for someone else's, MESSAGE_NOT_MODIFIED for the same text.
   */
  editMessage(
    accountId: bigint,
    group: GroupRecord,
    messageId: number,
    text: string | undefined,
    origin?: unknown,
    entities?: readonly Api.TypeMessageEntity[],
    markup?: { readonly replyMarkup: Api.TypeReplyMarkup | undefined; readonly changed: boolean },
  ): GroupMessage {
    if (!group.members.has(accountId)) {
      throw new RpcError(
        group.kind === 'chat' ? 403 : 400,
        group.kind === 'chat' ? 'CHAT_WRITE_FORBIDDEN' : 'CHANNEL_PRIVATE',
      );
    }
    if (group.kind === 'chat') {
      requireActive(group);
      const box = this.world.box(accountId);
      const message = box.message(messageId);
      if (message === undefined || message.chatId !== group.id || message.action !== undefined) {
        throw new RpcError(400, 'MESSAGE_ID_INVALID');
      }
      if (message.fromId !== accountId) throw new RpcError(403, 'MESSAGE_AUTHOR_REQUIRED');
      const { newText, newEntities } = checkedEdit(message, text, entities, markup);
      const date = this.world.now();
      let result: GroupMessage | undefined;
      for (const [ownerId, id] of this.copies.get(copyKey(accountId, messageId)) ?? []) {
        const ownerBox = this.world.box(ownerId);
        const copy = ownerBox.message(id);
        if (copy === undefined) continue;
        copy.entities = newEntities === undefined ? undefined : [...newEntities];
        if (markup !== undefined) copy.replyMarkup = markup.replyMarkup;
        const event = ownerBox.editMessage(copy, newText, date);
        if (ownerId === accountId) result = { kind: 'chat', message: copy, event };
        this.emit('chatMessageEdited', copy, event, ownerId === accountId ? origin : undefined);
      }
      return result!;
    }
    const message = group.messages.get(messageId);
    if (message === undefined || message.action !== undefined) throw new RpcError(400, 'MESSAGE_ID_INVALID');
    if (message.senderId !== accountId) throw new RpcError(403, 'MESSAGE_AUTHOR_REQUIRED');
    const { newText, newEntities } = checkedEdit(message, text, entities, markup);
    const date = this.world.now();
    message.text = newText;
    message.entities = newEntities;
    if (markup !== undefined) message.replyMarkup = markup.replyMarkup;
    message.editDate = date;
    const event = recordChannelEvent(group, 'edit-message', message.id, date);
    this.emit('channelMessageEdited', group, message, event, this.viewersOf(group, message), origin);
    return { kind: 'channel', message, event };
  }

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
    if (group.kind === 'channel' && this.activeBan(group, userId) !== undefined)
      throw new RpcError(400, 'USER_BANNED_IN_CHANNEL');
    if (inviterId !== userId && !group.members.has(inviterId)) throw new RpcError(400, 'CHAT_ADMIN_REQUIRED');
    const date = this.world.now();
    const member: GroupMember = { userId, inviterId, date, role: 'member', adminRights: [] };
    group.members.set(userId, member);
    const action: ServiceAction = { type: 'add-user', userIds: [userId] };
    if (group.kind === 'chat') {
      group.version++;
      this.addChatMessage(group, inviterId, '', action);
    } else if (group.megagroup) {
      this.addChannelMessage(group, inviterId, '', action, undefined);
    }
    this.announce(group, inviterId, userId, undefined, member, date);
    return member;
  }

  /** `userId` leaves: the service message (basic groups and supergroups) and the participant update. */
  leave(group: GroupRecord, userId: bigint): void {
    this.remove(group, userId, userId);
  }

  /**
   * An admin removes `userId` (messages.deleteChatUser, or channels.editBanned with view_messages):
   * in a supergroup or channel the user is also banned (USER_BANNED_IN_CHANNEL on joining) until
   * {@link unban} or until `untilDate` (see member-restrictions.ts for the dates meaning forever); a
   * basic group has no ban list, the user may be added again.
   */
  ban(group: GroupRecord, actorId: bigint, userId: bigint, untilDate = 0): void {
    this.requireRight(group, actorId, 'ban_users');
    const target = group.members.get(userId);
    if (target?.role === 'creator') throw new RpcError(400, 'USER_ADMIN_INVALID');
    if (group.kind === 'chat') {
      requireActive(group);
      this.remove(group, actorId, userId);
      return;
    }
    if (this.activeBan(group, userId) !== undefined) throw new RpcError(400, 'USER_ALREADY_BANNED');
    const now = this.world.now();
    const until = normalizedUntilDate(untilDate, now);
    const ban: BannedMember = {
      userId,
      kickedBy: actorId,
      date: now,
      ...(until === 0 ? {} : { untilDate: until }),
    };
    if (target !== undefined) this.remove(group, actorId, userId, ban);
    else {
      if (this.world.account(userId) === undefined) throw new RpcError(400, 'USER_ID_INVALID');
      this.announce(group, actorId, userId, undefined, undefined, ban.date, undefined, { currentBan: ban });
    }
    (group.banned ??= new Map()).set(userId, ban);
  }

  /** Lifts a supergroup or channel ban: the user may join again (they are not added back). */
  unban(group: GroupRecord, actorId: bigint, userId: bigint): void {
    this.requireRight(group, actorId, 'ban_users');
    if (group.kind === 'chat') throw new RpcError(400, 'CHANNEL_INVALID');
    const ban = this.activeBan(group, userId);
    if (ban === undefined) throw new RpcError(400, 'USER_NOT_PARTICIPANT');
    group.banned!.delete(userId);
    this.announce(group, actorId, userId, undefined, undefined, this.world.now(), undefined, {
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
    this.requireRight(channel, actorId, 'ban_users');
    const wasRestricted = this.activeRestriction(channel, userId) !== undefined;
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
    this.announce(channel, actorId, userId, previous, current, date);
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
    this.requireRight(group, actorId, 'ban_users');
    if (rights.includes('view_messages')) throw new RpcError(400, 'BANNED_RIGHTS_INVALID');
    const current = group.defaultBannedRights ?? [];
    if (rights.length === current.length && rights.every((right) => current.includes(right)))
      throw new RpcError(400, 'CHAT_NOT_MODIFIED');
    group.defaultBannedRights = [...new Set(rights)];
    if (group.kind === 'chat') group.version++;
    this.emit('defaultRightsChanged', group, origin);
  }

  /** What `userId` may not do there now: for a plain member, the defaults and their own restriction. */
  deniedRights(group: GroupRecord, userId: bigint): BannedRight[] {
    if (group.members.get(userId)?.role !== 'member') return [];
    const own = group.kind === 'channel' ? this.activeRestriction(group, userId) : undefined;
    return deniedRights(group.defaultBannedRights, own);
  }

  /** The member's restriction, unless it is over (then it is lifted, silently as on Telegram). */
  activeRestriction(channel: ChannelRecord, userId: bigint): Restriction | undefined {
    const member = channel.members.get(userId);
    if (member?.restriction === undefined) return undefined;
    if (!expired(member.restriction.untilDate, this.world.now())) return member.restriction;
    const { restriction: _over, ...unrestricted } = member;
    channel.members.set(userId, unrestricted);
    this.emit('membersChanged', channel);
    return undefined;
  }

  /** The user's ban, unless it is over (then it is lifted, silently). */
  activeBan(channel: ChannelRecord, userId: bigint): BannedMember | undefined {
    const ban = channel.banned?.get(userId);
    if (ban === undefined || !expired(ban.untilDate, this.world.now())) return ban;
    channel.banned!.delete(userId);
    this.emit('membersChanged', channel);
    return undefined;
  }

  /** The bans still in force, oldest first. */
  activeBans(channel: ChannelRecord): BannedMember[] {
    return [...(channel.banned?.keys() ?? [])].flatMap((userId) => this.activeBan(channel, userId) ?? []);
  }

  /** The members with a restriction in force, oldest first. */
  restrictedMembers(channel: ChannelRecord): GroupMember[] {
    return [...channel.members.values()].filter(
      (member) => this.activeRestriction(channel, member.userId) !== undefined,
    );
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
    this.requireRight(group, actorId, 'add_admins');
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
    this.announce(group, actorId, userId, previous, current, date);
    return current;
  }

  /** Throws CHAT_ADMIN_REQUIRED unless `actorId` is the creator or an admin with `right`. */
  private requireRight(group: GroupRecord, actorId: bigint, right: AdminRight): void {
    const actor = group.members.get(actorId);
    if (actor === undefined || actor.role === 'member' || !actor.adminRights.includes(right)) {
      throw new RpcError(400, 'CHAT_ADMIN_REQUIRED');
    }
  }

  /** `userId` goes, by themselves or removed by `actorId`: service message, then participant updates. */
  private remove(group: GroupRecord, actorId: bigint, userId: bigint, ban?: BannedMember): void {
    const member = group.members.get(userId);
    if (member === undefined) throw new RpcError(400, 'USER_NOT_PARTICIPANT');
    const date = this.world.now();
    const action: ServiceAction = { type: 'delete-user', userId };
    // The leaver's own box still gets the service message, so it is written before they go.
    if (group.kind === 'chat') {
      this.addChatMessage(group, actorId, '', action);
      group.version++;
    } else if (group.megagroup) {
      this.addChannelMessage(group, actorId, '', action, undefined);
    }
    group.members.delete(userId);
    this.announce(group, actorId, userId, member, undefined, date, member, { currentBan: ban });
  }

  /** The id of `targetOwnerId`'s copy of the basic-group message `ownerId` has as `messageId`. */
  copyId(ownerId: bigint, messageId: number, targetOwnerId: bigint): number | undefined {
    return this.copies.get(copyKey(ownerId, messageId))?.get(targetOwnerId);
  }

  /** The bot's qts: how many participant updates it was sent. */
  qtsOf(accountId: bigint): number {
    return this.participantLogs.get(accountId)?.length ?? 0;
  }

  /** The participant updates of `accountId` with qts above `qts`, oldest first. */
  participantEventsAfter(accountId: bigint, qts: number): readonly ParticipantEvent[] {
    return (this.participantLogs.get(accountId) ?? []).slice(Math.max(0, qts));
  }

  /** Whether `viewerId` sees the channel message (bots: see the privacy rules above). */
  sees(
    group: GroupRecord,
    viewerId: bigint,
    message: {
      fromId: bigint | undefined;
      senderId?: bigint;
      text: string;
      action?: ServiceAction;
      /** Who wrote the message this one replies to: a bot sees replies to its own messages. */
      replyToSenderId?: bigint;
      /** The bot an inline result came from: a bot sees messages sent via itself. */
      viaBotId?: bigint;
    },
  ): boolean {
    const viewer = this.world.account(viewerId);
    if (viewer === undefined || !viewer.bot) return true;
    const senderId = message.senderId ?? message.fromId;
    if (senderId === viewerId || message.action !== undefined) return true;
    if (senderId !== undefined && this.world.account(senderId)?.bot) return false;
    const member = group.members.get(viewerId);
    if (member !== undefined && member.role !== 'member') return true;
    if (this.privacyOff.has(viewerId)) return true;
    if (message.replyToSenderId === viewerId || message.viaBotId === viewerId) return true;
    return addressesBot(message.text, viewer);
  }

  /** The members who see a channel message now. */
  viewersOf(channel: ChannelRecord, message: ChannelMessage): bigint[] {
    return [...channel.members.keys()].filter((id) => this.sees(channel, id, message));
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

  /** Bots added at creation learn of their own membership (qts), as when added later. */
  private announceInitialBots(group: GroupRecord, creatorId: bigint, date: number): void {
    for (const member of group.members.values()) {
      if (!this.world.account(member.userId)?.bot) continue;
      this.recordParticipant(member.userId, group, creatorId, member.userId, undefined, member, date);
    }
  }

  /** A participant update for every bot admin of the group and for the bot whose membership changed. */
  private announce(
    group: GroupRecord,
    actorId: bigint,
    userId: bigint,
    previous: GroupMember | undefined,
    current: GroupMember | undefined,
    date: number,
    leaver?: GroupMember,
    bans: Bans = {},
  ): void {
    this.emit('membersChanged', group);
    const members = new Map(group.members);
    // The one who left (or was an admin until now) hears of it as they were.
    if (leaver !== undefined) members.set(leaver.userId, leaver);
    for (const member of members.values()) {
      if (!this.world.account(member.userId)?.bot) continue;
      if (member.userId !== userId && member.role === 'member') continue;
      this.recordParticipant(member.userId, group, actorId, userId, previous, current, date, bans);
    }
    // A banned bot that is not a member still learns of its ban and unban.
    if (!members.has(userId) && this.world.account(userId)?.bot) {
      this.recordParticipant(userId, group, actorId, userId, previous, current, date, bans);
    }
  }

  private recordParticipant(
    botId: bigint,
    group: GroupRecord,
    actorId: bigint,
    userId: bigint,
    previous: GroupMember | undefined,
    current: GroupMember | undefined,
    date: number,
    bans: Bans = {},
  ): void {
    let log = this.participantLogs.get(botId);
    if (log === undefined) {
      log = [];
      this.participantLogs.set(botId, log);
    }
    const event: ParticipantEvent = {
      qts: log.length + 1,
      date,
      group: { kind: group.kind, id: group.id },
      actorId,
      userId,
      previous,
      current,
      ...(bans.previousBan === undefined ? {} : { previousBan: bans.previousBan }),
      ...(bans.currentBan === undefined ? {} : { currentBan: bans.currentBan }),
    };
    log.push(event);
    this.emit('participantChanged', botId, event);
  }

  /** One copy per member who sees it, each with the member's own id and pts; the sender's is returned. */
  private addChatMessage(
    group: BasicGroupRecord,
    senderId: bigint,
    text: string,
    action: ServiceAction | undefined,
    origin?: unknown,
    content: MessageContent<StoredMessage> = {},
  ): { message: StoredMessage; event: BoxEvent } {
    const { entities, reply, replyMarkup, forwardedFrom, media, viaBotId } = content;
    const date = this.world.now();
    const senderBox = this.world.box(senderId);
    // Each member's copy replies to that member's own copy of the message (if they have one).
    const replyCopies = reply === undefined ? undefined : this.copies.get(copyKey(senderId, reply.id));
    const senderCopyId = senderBox.peekNextMessageId();
    const copies = new Map<bigint, number>();
    const added: Array<{ message: StoredMessage; event: BoxEvent }> = [];
    for (const ownerId of group.members.keys()) {
      if (
        !this.sees(group, ownerId, {
          fromId: senderId,
          text,
          action,
          replyToSenderId: reply?.fromId,
          viaBotId,
        })
      )
        continue;
      const added1 = this.world.box(ownerId).addMessage({
        peerId: group.id,
        chatId: group.id,
        out: ownerId === senderId,
        fromId: senderId,
        text,
        date,
        editDate: undefined,
        action,
        counterpart: { ownerId: senderId, messageId: senderCopyId },
        entities: entities === undefined ? undefined : [...entities],
        replyToMessageId: replyCopies?.get(ownerId),
        replyMarkup,
        forwardedFrom,
        media,
        viaBotId,
      });
      copies.set(ownerId, added1.message.id);
      added.push(added1);
    }
    for (const [ownerId, id] of copies) this.copies.set(copyKey(ownerId, id), copies);
    for (const { message, event } of added) {
      this.emit('chatMessageAdded', message, event, message.ownerId === senderId ? origin : undefined);
    }
    const own = added.find(({ message }) => message.ownerId === senderId);
    if (own === undefined) throw new RpcError(403, 'CHAT_WRITE_FORBIDDEN');
    return own;
  }

  private addChannelMessage(
    channel: ChannelRecord,
    senderId: bigint,
    text: string,
    action: ServiceAction | undefined,
    origin: unknown,
    content: MessageContent<ChannelMessage> = {},
  ): { message: ChannelMessage; event: ChannelEvent } {
    const { entities, reply, replyMarkup, forwardedFrom, media, viaBotId } = content;
    const date = this.world.now();
    const post = !channel.megagroup;
    const message: ChannelMessage = {
      id: ++channel.lastMessageId,
      channelId: channel.id,
      fromId: post ? undefined : senderId,
      senderId,
      post,
      text,
      date,
      editDate: undefined,
      action,
      entities: entities === undefined ? undefined : [...entities],
      ...(reply === undefined ? {} : { replyToMessageId: reply.id, replyToSenderId: reply.senderId }),
      ...(replyMarkup === undefined ? {} : { replyMarkup }),
      ...(forwardedFrom === undefined ? {} : { forwardedFrom }),
      ...(media === undefined ? {} : { media }),
      ...(viaBotId === undefined ? {} : { viaBotId }),
    };
    channel.messages.set(message.id, message);
    const event = recordChannelEvent(channel, 'new-message', message.id, date);
    this.emit('channelMessageAdded', channel, message, event, this.viewersOf(channel, message), origin);
    return { message, event };
  }
}

/**
 * The text and entities after an edit (`text` undefined keeps both), checked; MESSAGE_NOT_MODIFIED
 * when neither they nor the buttons change.
 */
function checkedEdit(
  message: {
    readonly text: string;
    readonly entities?: readonly Api.TypeMessageEntity[];
    readonly media?: MessageMedium;
  },
  text: string | undefined,
  entities: readonly Api.TypeMessageEntity[] | undefined,
  markup: { readonly changed: boolean } | undefined,
): { newText: string; newEntities: Api.TypeMessageEntity[] | undefined } {
  if (text === undefined) {
    if (markup?.changed !== true) throw new RpcError(400, 'MESSAGE_NOT_MODIFIED');
    return {
      newText: message.text,
      newEntities: message.entities === undefined ? undefined : [...message.entities],
    };
  }
  if (message.media === undefined) checkText(text);
  else checkCaption(text, message.media);
  const checked = checkedEntities(text, entities);
  const newEntities = checked === undefined ? undefined : [...checked];
  if (message.text === text && sameEntities(message.entities, newEntities) && markup?.changed !== true) {
    throw new RpcError(400, 'MESSAGE_NOT_MODIFIED');
  }
  return { newText: text, newEntities };
}

/** What a new message holds besides its text (entities already checked, the reply resolved). */
interface MessageContent<Reply> {
  readonly entities?: readonly Api.TypeMessageEntity[];
  readonly reply?: Reply;
  readonly replyMarkup?: Api.TypeReplyMarkup;
  readonly forwardedFrom?: ForwardOrigin;
  readonly media?: MessageMedium;
  readonly viaBotId?: bigint;
}

/** What a group message may carry besides its text. */
export interface GroupMessageExtras {
  /** Styled parts of the text (checked against it). */
  readonly entities?: readonly Api.TypeMessageEntity[];
  /** A message to reply to: in a basic group by its id in the sender's box, else the channel's id. */
  readonly replyToMessageId?: number;
  /** Buttons (already checked, bots/reply-markup.ts). */
  readonly replyMarkup?: Api.TypeReplyMarkup;
  /** Makes the message a forward of this original. */
  readonly forwardedFrom?: ForwardOrigin;
  /** A photo or document; the text is then its caption (up to 1024 characters). */
  readonly media?: MessageMedium;
  /** The bot whose inline result this is (messages.sendInlineBotResult). */
  readonly viaBotId?: bigint;
}

/** The bans a participant change lifts or makes. */
interface Bans {
  readonly previousBan?: BannedMember;
  readonly currentBan?: BannedMember;
}

function sameRights(a: readonly AdminRight[], b: readonly AdminRight[]): boolean {
  return a.length === b.length && a.every((right) => b.includes(right));
}

/** Appends one event to the channel's log with the next pts. */
export function recordChannelEvent(
  channel: ChannelRecord,
  kind: ChannelEvent['kind'],
  messageId: number,
  date: number,
): ChannelEvent {
  const event: ChannelEvent = { kind, pts: ++channel.pts, messageId, date };
  channel.events.push(event);
  return event;
}

/** A command (`/cmd`, or `/cmd@thisbot`) or a mention of the bot's username. */
function addressesBot(text: string, bot: UserRecord): boolean {
  const username = bot.username?.toLowerCase();
  const command = /^\/[A-Za-z0-9_]+(?:@([A-Za-z0-9_]+))?/.exec(text);
  if (command !== null) return command[1] === undefined || command[1].toLowerCase() === username;
  return username !== undefined && text.toLowerCase().includes(`@${username}`);
}

function copyKey(ownerId: bigint, messageId: number): string {
  return `${ownerId}:${messageId}`;
}

/**
 * The most members of a basic group (help.getConfig's chat_size_max): more is USERS_TOO_MUCH, and
 * clients migrate the group to a supergroup first.
 */
export const CHAT_SIZE_MAX = 200;

/**
 * Refuses a change to a basic group that became a supergroup: CHAT_ID_INVALID (Telegram documents
 * no error of its own for it; clients read `chat.migrated_to` and move to the supergroup).
 */
export function requireActive(group: BasicGroupRecord): void {
  if (group.migratedTo !== undefined) throw new RpcError(400, 'CHAT_ID_INVALID');
}

function checkTitle(title: string): string {
  if (title.trim() === '' || title.length > 128) throw new RpcError(400, 'CHAT_TITLE_EMPTY');
  return title;
}

function checkText(text: string): void {
  if (text.trim() === '') throw new RpcError(400, 'MESSAGE_EMPTY');
  if (text.length > MESSAGE_LENGTH_MAX) throw new RpcError(400, 'MESSAGE_TOO_LONG');
}
