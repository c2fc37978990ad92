/**
 * Partial restrictions of supergroup members (core.telegram.org/api/rights, "Banned rights"): an
 * admin with `ban_users` takes some rights away with `channels.editBanned` (send_messages,
 * send_media, ...), the member stays in the group, and Telegram refuses the sends those rights cover.
 * A restriction ends at its until_date: a date less than 30 seconds or more than 366 days away means
 * forever (stored as 0). Default banned rights (messages.editChatDefaultBannedRights) take rights away
 * from every plain member of a group or supergroup at once; admins keep theirs.
 */
import { RpcError, type Api } from 'telegram-mtproto-core';

/** The rights a `chatBannedRights` may take away, named as its flags (view_messages is a full ban). */
export const BANNED_RIGHTS = [
  'view_messages',
  'send_messages',
  'send_media',
  'send_stickers',
  'send_gifs',
  'send_games',
  'send_inline',
  'embed_links',
  'send_polls',
  'change_info',
  'invite_users',
  'pin_messages',
  'manage_topics',
  'send_photos',
  'send_videos',
  'send_roundvideos',
  'send_audios',
  'send_voices',
  'send_docs',
  'send_plain',
  'edit_rank',
  'send_reactions',
] as const;

export type BannedRight = (typeof BANNED_RIGHTS)[number];

/** Rights taken from a member who stays in the group. */
export interface Restriction {
  readonly rights: readonly BannedRight[];
  /** Unix seconds when it ends; 0 for never. */
  readonly untilDate: number;
  /** The admin who restricted the member. */
  readonly restrictedBy: bigint;
  /** Unix seconds of the restriction. */
  readonly date: number;
}

const FOREVER_BELOW_SECONDS = 30;
const FOREVER_ABOVE_SECONDS = 366 * 24 * 60 * 60;

/** The rights a `chatBannedRights` takes away. */
export function bannedRightsOf(rights: Api.TypeChatBannedRights): BannedRight[] {
  const flags = rights as unknown as Record<string, unknown>;
  return BANNED_RIGHTS.filter((right) => flags[right] === true);
}

/** The until_date as stored: 0 (forever) for dates under 30 seconds or over 366 days from `now`. */
export function normalizedUntilDate(untilDate: number, now: number): number {
  const ahead = untilDate - now;
  return ahead < FOREVER_BELOW_SECONDS || ahead > FOREVER_ABOVE_SECONDS ? 0 : untilDate;
}

/** Whether a restriction (or a ban) with this until_date is over at `now`. */
export function expired(untilDate: number | undefined, now: number): boolean {
  return untilDate !== undefined && untilDate !== 0 && untilDate <= now;
}

/** `chatBannedRights` with these rights taken away. */
export function toApiBannedRights(rights: readonly BannedRight[], untilDate: number): Api.ChatBannedRights {
  const flags: Partial<Record<BannedRight, true>> = {};
  for (const right of rights) flags[right] = true;
  return { _: 'chatBannedRights', ...flags, until_date: untilDate };
}

/** What a send carries, for the restriction checks. */
export interface OutgoingContent {
  /** The kind of photo or document it carries, if any (a link preview counts as text). */
  readonly media: 'photo' | 'document' | 'webpage' | undefined;
  /** Sent through an inline bot (messages.sendInlineBotResult). */
  readonly viaBot: boolean;
}

/**
 * The rights a plain member lacks: the chat's default banned rights (messages.editChatDefaultBannedRights)
 * and their own restriction together, so the stricter of the two wins for each right.
 */
export function deniedRights(
  defaults: readonly BannedRight[] | undefined,
  own: Restriction | undefined,
): BannedRight[] {
  return BANNED_RIGHTS.filter((right) => defaults?.includes(right) === true || own?.rights.includes(right));
}

/**
 * Throws Telegram's 403 for a send the denied rights cover: CHAT_WRITE_FORBIDDEN (send_messages: no
 * sending at all), CHAT_SEND_INLINE_FORBIDDEN, CHAT_SEND_MEDIA_FORBIDDEN, CHAT_SEND_PHOTOS_FORBIDDEN,
 * CHAT_SEND_DOCS_FORBIDDEN, CHAT_SEND_PLAIN_FORBIDDEN (text without media).
 */
export function checkRestrictedSend(denied: readonly BannedRight[], content: OutgoingContent): void {
  if (denied.length === 0) return;
  const isDenied = (right: BannedRight) => denied.includes(right);
  const refuse = (text: string): never => {
    throw new RpcError(403, text);
  };
  if (isDenied('send_messages')) refuse('CHAT_WRITE_FORBIDDEN');
  if (content.viaBot && isDenied('send_inline')) refuse('CHAT_SEND_INLINE_FORBIDDEN');
  // A link preview goes with a text message.
  if (content.media === undefined || content.media === 'webpage') {
    if (isDenied('send_plain')) refuse('CHAT_SEND_PLAIN_FORBIDDEN');
    return;
  }
  if (isDenied('send_media')) refuse('CHAT_SEND_MEDIA_FORBIDDEN');
  if (content.media === 'photo' && isDenied('send_photos')) refuse('CHAT_SEND_PHOTOS_FORBIDDEN');
  if (content.media === 'document' && isDenied('send_docs')) refuse('CHAT_SEND_DOCS_FORBIDDEN');
}
