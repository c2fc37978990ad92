/**
 * The in-process JS API for groups and channels (`dc.groups`): what the control API's `/groups`
 * routes do, for tests in the same process. Users act here; bots act through MTProto.
 */
import type {
  AdminRight,
  BasicGroupRecord,
  ChannelMessage,
  ChannelRecord,
  GroupMember,
  GroupRecord,
  ServiceAction,
} from './world/group-records';
import type { NewGroupAdmin } from './world/group-chats';
import { DEFAULT_ADMIN_RIGHTS } from './world/group-records';
import type { World } from './world/world';
import type { BannedRight } from './world/member-restrictions';
import { RpcError, type Api } from 'telegram-mtproto-core';

/** A new group, supergroup or channel. */
export interface NewGroupInput {
  /** A user: bots cannot create groups. */
  readonly creatorId: bigint;
  readonly title: string;
  /** Members besides the creator (users and bots). */
  readonly memberIds?: readonly bigint[];
  /** Admins besides the creator, with rights (default: all but add_admins). */
  readonly admins?: readonly NewGroupAdmin[];
}

/** A group or channel message as the control side reads it. */
export interface GroupMessageView {
  /** In a basic group, the id in the viewer's box; in a channel, the channel's id. */
  readonly id: number;
  readonly chatId: bigint;
  readonly kind: 'chat' | 'channel';
  /** The shown author; undefined for a broadcast post. */
  readonly fromId: bigint | undefined;
  readonly text: string;
  readonly date: number;
  readonly editDate: number | undefined;
  /** Set on service messages. */
  readonly action: ServiceAction | undefined;
  /** Styled parts of the text, as the sender gave them. */
  readonly entities?: readonly Api.TypeMessageEntity[];
  /** The message replied to, by its id as this view counts ids. */
  readonly replyToMessageId?: number;
}

export class LocalDcGroups {
  constructor(private readonly world: World) {}

  /** A basic group (chat ids and the members' own message ids and pts). */
  createGroup(input: NewGroupInput): BasicGroupRecord {
    return this.world.groups.createBasicGroup(input);
  }

  /** A supergroup (per-channel ids and pts; members may write). */
  createSupergroup(input: NewGroupInput & { readonly username?: string }): ChannelRecord {
    return this.world.groups.createChannel({ ...input, megagroup: true });
  }

  /** A broadcast channel (only admins with post_messages may post). */
  createChannel(input: NewGroupInput & { readonly username?: string }): ChannelRecord {
    return this.world.groups.createChannel({ ...input, megagroup: false });
  }

  group(chatId: bigint): GroupRecord | undefined {
    return this.world.groups.group(chatId);
  }

  /** The user sends `text` to the group; bots there get it as an update if they may see it. */
  sendMessage(input: {
    fromUserId: bigint;
    chatId: bigint;
    text: string;
    /** A message to reply to: in a basic group its id in the sender's box, in a channel the channel's id. */
    replyToMessageId?: number;
  }): GroupMessageView {
    if (this.world.account(input.fromUserId)?.bot) {
      throw new RangeError('groups.sendMessage is for users: bots send through MTProto');
    }
    const sent = this.world.groups.sendMessage(
      input.fromUserId,
      this.require(input.chatId),
      input.text,
      undefined,
      { replyToMessageId: input.replyToMessageId },
    );
    return sent.kind === 'chat' ? chatView(sent.message) : channelView(sent.message);
  }

  /** `userId` joins, or is added by `inviterId`. */
  join(input: { chatId: bigint; userId: bigint; inviterId?: bigint }): GroupMember {
    return this.world.groups.join(this.require(input.chatId), input.userId, input.inviterId);
  }

  leave(input: { chatId: bigint; userId: bigint }): void {
    this.world.groups.leave(this.require(input.chatId), input.userId);
  }

  /**
   * `actorId` (default: the creator) makes `userId` an admin with `rights` (default: all but
   * add_admins), or changes an admin's rights. Bots concerned get updateChatParticipant /
   * updateChannelParticipant. Errors as Telegram's: CHAT_ADMIN_REQUIRED, USER_NOT_PARTICIPANT,
   * USER_CREATOR, CHAT_NOT_MODIFIED.
   */
  promote(input: {
    chatId: bigint;
    userId: bigint;
    rights?: readonly AdminRight[];
    actorId?: bigint;
  }): GroupMember {
    const group = this.require(input.chatId);
    return this.world.groups.setAdmin(
      group,
      this.actorOf(group, input.actorId),
      input.userId,
      input.rights ?? DEFAULT_ADMIN_RIGHTS,
    );
  }

  /** Makes an admin a plain member again. */
  demote(input: { chatId: bigint; userId: bigint; actorId?: bigint }): GroupMember {
    const group = this.require(input.chatId);
    return this.world.groups.setAdmin(group, this.actorOf(group, input.actorId), input.userId, undefined);
  }

  /**
   * Removes `userId` from the chat; in a supergroup or channel they stay banned (a non-member can be
   * banned too) until {@link unban}: joining is then USER_BANNED_IN_CHANNEL.
   */
  ban(input: { chatId: bigint; userId: bigint; actorId?: bigint }): void {
    const group = this.require(input.chatId);
    this.world.groups.ban(group, this.actorOf(group, input.actorId), input.userId);
  }

  /**
   * Takes `rights` (chatBannedRights flag names, not view_messages: that is {@link ban}) away from a
   * supergroup member, who stays in, until `untilDate` (Unix seconds; 0, under 30 s or over 366 days
   * away: forever); no rights lifts the restriction.
   */
  restrict(input: {
    chatId: bigint;
    userId: bigint;
    rights: readonly BannedRight[];
    untilDate?: number;
    actorId?: bigint;
  }): GroupMember {
    const group = this.require(input.chatId);
    if (group.kind === 'chat') throw new RpcError(400, 'CHANNEL_INVALID');
    if (input.rights.includes('view_messages')) throw new RangeError('view_messages is a ban: use ban()');
    const actorId = this.actorOf(group, input.actorId);
    return this.world.groups.restrict(group, actorId, input.userId, input.rights, input.untilDate ?? 0);
  }

  /**
   * `actorId` (default: the creator; any admin with ban_users may) sets what every plain member of a
   * basic group or supergroup may not do, as messages.editChatDefaultBannedRights (chatBannedRights flag
   * names, not view_messages); an empty list gives every right back. Members' own restrictions add to
   * these, admins keep every right. Members get updateChatDefaultBannedRights. Errors as Telegram's:
   * CHAT_ADMIN_REQUIRED, CHAT_NOT_MODIFIED, BANNED_RIGHTS_INVALID, CHANNEL_INVALID (broadcast channel).
   */
  setDefaultRights(input: { chatId: bigint; rights: readonly BannedRight[]; actorId?: bigint }): void {
    const group = this.require(input.chatId);
    this.world.groups.setDefaultRights(group, this.actorOf(group, input.actorId), input.rights);
  }

  /**
   * The creator (`actorId`, default the creator) turns a basic group into a supergroup, as
   * messages.migrateChat: members, admins and rights carried over, service messages in both, the
   * group deactivated. Returns the new supergroup.
   */
  migrate(input: { chatId: bigint; actorId?: bigint }): ChannelRecord {
    const group = this.require(input.chatId);
    if (group.kind !== 'chat') throw new RpcError(400, 'CHAT_ID_INVALID');
    return this.world.groups.migrate(group, this.actorOf(group, input.actorId));
  }

  /** Lifts a supergroup or channel ban (the user may join again; they are not added back). */
  unban(input: { chatId: bigint; userId: bigint; actorId?: bigint }): void {
    const group = this.require(input.chatId);
    this.world.groups.unban(group, this.actorOf(group, input.actorId), input.userId);
  }

  /** Turns a bot's privacy mode on (the default, as in BotFather) or off. */
  setBotPrivacy(botId: bigint, enabled: boolean): void {
    this.world.groups.setBotPrivacy(botId, enabled);
  }

  /**
   * The group's messages, oldest first. A channel's log is shared; a basic group's history is the
   * copies in `viewerId`'s box (default: the creator, or else the first member still there).
   */
  history(chatId: bigint, viewerId?: bigint): GroupMessageView[] {
    const group = this.require(chatId);
    if (group.kind === 'channel') return [...group.messages.values()].map(channelView);
    const members = [...group.members.values()];
    const viewer = viewerId ?? (members.find((member) => member.role === 'creator') ?? members[0])?.userId;
    if (viewer === undefined) return [];
    return this.world
      .box(viewer)
      .history(chatId)
      .filter((message) => message.chatId === chatId)
      .map(chatView);
  }

  /** The given actor, or the creator (or, once the creator left, the first admin). */
  private actorOf(group: GroupRecord, actorId: bigint | undefined): bigint {
    if (actorId !== undefined) return actorId;
    const members = [...group.members.values()];
    const actor =
      members.find((member) => member.role === 'creator') ??
      members.find((member) => member.role === 'admin');
    if (actor === undefined) throw new RangeError(`nobody in ${group.id} can moderate it`);
    return actor.userId;
  }

  private require(chatId: bigint): GroupRecord {
    const group = this.world.groups.group(chatId);
    if (group === undefined) throw new RangeError(`no group or channel ${chatId}`);
    return group;
  }
}

/** Admin rights accepted by the API (`chatAdminRights` flag names). */
export type { AdminRight };

function chatView(message: {
  id: number;
  chatId?: bigint;
  fromId: bigint;
  text: string;
  date: number;
  editDate: number | undefined;
  action?: ServiceAction;
  entities?: Api.TypeMessageEntity[];
  replyToMessageId?: number;
}): GroupMessageView {
  return {
    id: message.id,
    chatId: message.chatId!,
    kind: 'chat',
    fromId: message.fromId,
    text: message.text,
    date: message.date,
    editDate: message.editDate,
    action: message.action,
    entities: message.entities,
    replyToMessageId: message.replyToMessageId,
  };
}

function channelView(message: ChannelMessage): GroupMessageView {
  return {
    id: message.id,
    chatId: message.channelId,
    kind: 'channel',
    fromId: message.fromId,
    text: message.text,
    date: message.date,
    editDate: message.editDate,
    action: message.action,
    entities: message.entities,
    replyToMessageId: message.replyToMessageId,
  };
}
