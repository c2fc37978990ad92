/**
 * Checks shared by every change to a group (core.telegram.org/api/channel): the basic group must not
 * have migrated, the actor must hold the admin right, titles and sizes stay in Telegram's limits.
 */
import { RpcError } from 'telegram-mtproto-core';
import type { AdminRight, BasicGroupRecord, GroupRecord } from './group-records';

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

/** Throws CHAT_ADMIN_REQUIRED unless `actorId` is the creator or an admin with `right`. */
export function requireRight(group: GroupRecord, actorId: bigint, right: AdminRight): void {
  const actor = group.members.get(actorId);
  if (actor === undefined || actor.role === 'member' || !actor.adminRights.includes(right)) {
    throw new RpcError(400, 'CHAT_ADMIN_REQUIRED');
  }
}

/** The title as given, or CHAT_TITLE_EMPTY for a blank one or one over 128 characters. */
export function checkTitle(title: string): string {
  if (title.trim() === '' || title.length > 128) throw new RpcError(400, 'CHAT_TITLE_EMPTY');
  return title;
}
