/**
 * Deleting messages from the common message box (core.telegram.org/method/messages.deleteMessages):
 * each deleted message is one pts event of its box, so an answer's pts_count is the number of messages
 * it removed. With `revoke`, a private-chat message goes from the other side's box too, each side with
 * its own ids and pts. Who is told is announced on {@link MessageDeletions}.
 */
import { RpcError, TypedEventEmitter } from 'telegram-mtproto-core';
import type { BoxEvent } from './records';
import { perWorld } from './per-world';
import type { World } from './world';

/** Bots may delete a message for 48 hours after it was sent (core.telegram.org/bots/api#deletemessage). */
export const BOT_DELETE_WINDOW_SECONDS = 48 * 60 * 60;

type DeletionEvents = {
  /** Messages left `ownerId`'s box; `origin` is the session that asked (it learns from its answer). */
  deleted: (ownerId: bigint, events: readonly BoxEvent[], origin: unknown) => void;
};

/** Where deletions are announced, one per {@link World}. */
export class MessageDeletions extends TypedEventEmitter<DeletionEvents> {
  announce(ownerId: bigint, events: readonly BoxEvent[], origin: unknown): void {
    if (events.length > 0) this.emit('deleted', ownerId, events, origin);
  }
}

export const messageDeletionsOf: (world: World) => MessageDeletions = perWorld(() => new MessageDeletions());

/**
 * `accountId` deletes messages `ids` of its box. Unknown ids are skipped, as Telegram does. A bot may
 * not delete a message older than 48 hours, nor an incoming basic-group message (403
 * MESSAGE_DELETE_FORBIDDEN); then nothing is deleted. Basic-group messages leave only the caller's box.
 * Returns the caller's events (empty when nothing was deleted).
 */
export function deleteMessages(
  world: World,
  accountId: bigint,
  ids: readonly number[],
  revoke: boolean,
  origin?: unknown,
): readonly BoxEvent[] {
  const account = world.account(accountId);
  if (account === undefined) throw new RpcError(400, 'USER_ID_INVALID');
  const box = world.box(accountId);
  const now = world.now();
  const messages = [...new Set(ids)].flatMap((id) => {
    const message = box.message(id);
    return message === undefined ? [] : [message];
  });
  if (account.bot) {
    for (const message of messages) {
      const tooOld = now - message.date > BOT_DELETE_WINDOW_SECONDS;
      if (tooOld || (message.chatId !== undefined && !message.out)) {
        throw new RpcError(403, 'MESSAGE_DELETE_FORBIDDEN');
      }
    }
  }
  const deletions = messageDeletionsOf(world);
  const own = messages.map((message) => box.deleteMessage(message, now));
  deletions.announce(accountId, own, origin);
  if (revoke) {
    const byOwner = new Map<bigint, BoxEvent[]>();
    for (const message of messages) {
      if (message.chatId !== undefined) continue;
      const { ownerId, messageId } = message.counterpart;
      const otherBox = world.box(ownerId);
      const copy = otherBox.message(messageId);
      if (copy === undefined) continue;
      const events = byOwner.get(ownerId) ?? [];
      events.push(otherBox.deleteMessage(copy, now));
      byOwner.set(ownerId, events);
    }
    for (const [ownerId, events] of byOwner) deletions.announce(ownerId, events, undefined);
  }
  return own;
}
