/**
 * What the world stores about basic groups, supergroups and channels (core.telegram.org/api/channel).
 * Basic groups keep their messages in each member's own message box (see records.ts); supergroups and
 * channels have one shared log with their own message ids and pts.
 */
import type { Api } from 'telegram-mtproto-core';
import type { ForwardOrigin } from './records';
import type { MessageMedium } from './media-records';
import type { BannedRight, Restriction } from './member-restrictions';

/** Admin rights, named as the flags of `chatAdminRights` (core.telegram.org/constructor/chatAdminRights). */
export type AdminRight =
  | 'change_info'
  | 'post_messages'
  | 'edit_messages'
  | 'delete_messages'
  | 'ban_users'
  | 'invite_users'
  | 'pin_messages'
  | 'add_admins'
  | 'manage_call'
  | 'other';

/** Every right: what a creator has. */
export const ALL_ADMIN_RIGHTS: readonly AdminRight[] = [
  'change_info',
  'post_messages',
  'edit_messages',
  'delete_messages',
  'ban_users',
  'invite_users',
  'pin_messages',
  'add_admins',
  'manage_call',
  'other',
];

/** What an admin gets when no rights are named: everything but appointing other admins. */
export const DEFAULT_ADMIN_RIGHTS: readonly AdminRight[] = ALL_ADMIN_RIGHTS.filter(
  (right) => right !== 'add_admins',
);

/** One member of a group or channel. */
export interface GroupMember {
  readonly userId: bigint;
  /** Who added them (themselves when they joined). */
  readonly inviterId: bigint;
  /** Unix seconds of joining (or of becoming admin). */
  readonly date: number;
  readonly role: 'creator' | 'admin' | 'member';
  /** Rights of an admin or creator; empty for members. */
  readonly adminRights: readonly AdminRight[];
  /** Rights a supergroup member was deprived of (channels.editBanned without view_messages). */
  readonly restriction?: Restriction;
}

/** Someone banned from a supergroup or channel (channelParticipantBanned): out, and kept out until unbanned. */
export interface BannedMember {
  readonly userId: bigint;
  /** The admin who banned them. */
  readonly kickedBy: bigint;
  /** Unix seconds of the ban. */
  readonly date: number;
  /** Unix seconds when the ban ends by itself; 0 or absent: until unbanned. */
  readonly untilDate?: number;
}

/** What a service message says (the `MessageAction` constructors the emulator produces). */
export type ServiceAction =
  | { readonly type: 'chat-create'; readonly title: string; readonly userIds: readonly bigint[] }
  | { readonly type: 'channel-create'; readonly title: string }
  | { readonly type: 'add-user'; readonly userIds: readonly bigint[] }
  | { readonly type: 'delete-user'; readonly userId: bigint }
  /** The last message of a basic group that became the supergroup `channelId`. */
  | { readonly type: 'chat-migrate-to'; readonly channelId: bigint }
  /** The first message of a supergroup made from the basic group `chatId`. */
  | { readonly type: 'channel-migrate-from'; readonly title: string; readonly chatId: bigint };

/** A basic group: messages live in the members' own boxes (per-account ids and pts). */
export interface BasicGroupRecord {
  readonly kind: 'chat';
  readonly id: bigint;
  readonly title: string;
  readonly date: number;
  /** Current members by user id (creator included while they stay). */
  readonly members: Map<bigint, GroupMember>;
  /** Grows with every change of the member list (`chat.version`). */
  version: number;
  /** Set once the group became this supergroup (messages.migrateChat): it is deactivated. */
  migratedTo?: bigint;
  /** What plain members may not do (messages.editChatDefaultBannedRights); absent: nothing denied. */
  defaultBannedRights?: readonly BannedRight[];
}

/** A supergroup (`megagroup`) or a broadcast channel: one log, per-channel ids and pts. */
export interface ChannelRecord {
  readonly kind: 'channel';
  readonly id: bigint;
  readonly accessHash: bigint;
  readonly title: string;
  readonly username: string | undefined;
  /** A supergroup; otherwise a broadcast channel. */
  readonly megagroup: boolean;
  readonly date: number;
  readonly members: Map<bigint, GroupMember>;
  readonly messages: Map<number, ChannelMessage>;
  readonly events: ChannelEvent[];
  /** Banned users by id (absent in states saved before bans existed: nobody banned). */
  banned?: Map<bigint, BannedMember>;
  lastMessageId: number;
  pts: number;
  /** The basic group this supergroup was made from. */
  readonly migratedFrom?: bigint;
  /** What plain members may not do (messages.editChatDefaultBannedRights); absent: nothing denied. */
  defaultBannedRights?: readonly BannedRight[];
}

export type GroupRecord = BasicGroupRecord | ChannelRecord;

/** A message of a supergroup or channel's shared log. */
export interface ChannelMessage {
  readonly id: number;
  readonly channelId: bigint;
  /** The author; undefined for a broadcast channel's post (shown as from the channel). */
  readonly fromId: bigint | undefined;
  /** The account that sent it (also for posts, where it is not shown). */
  readonly senderId: bigint;
  /** A post of a broadcast channel. */
  readonly post: boolean;
  text: string;
  readonly date: number;
  editDate: number | undefined;
  readonly action: ServiceAction | undefined;
  /** Styled parts of `text` (core.telegram.org/api/entities); edits replace them. */
  entities?: Api.TypeMessageEntity[];
  /** The message of the same channel this one replies to. */
  readonly replyToMessageId?: number;
  /** Its sender (a bot in privacy mode sees replies to its own messages). */
  readonly replyToSenderId?: bigint;
  /** Buttons under the message (core.telegram.org/api/bots/buttons). */
  replyMarkup?: Api.TypeReplyMarkup;
  /** Set on a forwarded message: the original's author and date. */
  readonly forwardedFrom?: ForwardOrigin;
  /** A photo or document (then `text` is its caption). */
  readonly media?: MessageMedium;
  /** The bot whose inline result this is. */
  readonly viaBotId?: bigint;
}

/** One pts event of a channel's log: what updates.getChannelDifference replays. */
export interface ChannelEvent {
  readonly kind: 'new-message' | 'edit-message' | 'delete-message';
  readonly pts: number;
  readonly messageId: number;
  readonly date: number;
}

/**
 * A member change a bot gets as `updateChatParticipant` / `updateChannelParticipant` with its own qts
 * (core.telegram.org/api/updates: qts is the sequence of such bot updates).
 */
export interface ParticipantEvent {
  readonly qts: number;
  readonly date: number;
  readonly group: { readonly kind: 'chat' | 'channel'; readonly id: bigint };
  readonly actorId: bigint;
  readonly userId: bigint;
  /** Before the change; undefined when the user just joined. */
  readonly previous: GroupMember | undefined;
  /** After the change; undefined when the user just left. */
  readonly current: GroupMember | undefined;
  /** The ban lifted by this change (an unban: `previous` is then undefined). */
  readonly previousBan?: BannedMember;
  /** The ban this change made (a ban: `current` is then undefined). */
  readonly currentBan?: BannedMember;
}
