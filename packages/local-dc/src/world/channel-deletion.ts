/**
 * Deleting supergroup and channel messages (core.telegram.org/method/channels.deleteMessages): each
 * deleted message is one pts event of the channel's log, so an answer's pts_count is the number of
 * messages it removed. Who is told is announced on {@link ChannelDeletions}.
 */
import { RpcError, TypedEventEmitter } from 'telegram-mtproto-core';
import { recordChannelEvent } from './group-message-store';
import type { ChannelEvent, ChannelRecord } from './group-records';
import { perWorld } from './per-world';
import type { World } from './world';

type ChannelDeletionEvents = {
  /** Messages left the channel's log; `origin` is the session that asked (it learns from its answer). */
  deleted: (channel: ChannelRecord, events: readonly ChannelEvent[], origin: unknown) => void;
};

/** Where channel deletions are announced, one per {@link World}. */
export class ChannelDeletions extends TypedEventEmitter<ChannelDeletionEvents> {
  announce(channel: ChannelRecord, events: readonly ChannelEvent[], origin: unknown): void {
    if (events.length > 0) this.emit('deleted', channel, events, origin);
  }
}

/** The channel deletions of `world`. */
export const channelDeletionsOf: (world: World) => ChannelDeletions = perWorld(() => new ChannelDeletions());

/**
 * `accountId` deletes messages `ids` of the channel. Unknown ids are skipped, as Telegram does.
 * Anyone may delete their own messages; others' need an admin (or the creator) with delete_messages,
 * else 403 MESSAGE_DELETE_FORBIDDEN and nothing is deleted. A non-member gets CHANNEL_PRIVATE.
 * Returns the channel's events (empty when nothing was deleted).
 */
export function deleteChannelMessages(
  world: World,
  accountId: bigint,
  channel: ChannelRecord,
  ids: readonly number[],
  origin?: unknown,
): readonly ChannelEvent[] {
  const member = channel.members.get(accountId);
  if (member === undefined) throw new RpcError(400, 'CHANNEL_PRIVATE');
  const messages = [...new Set(ids)].flatMap((id) => {
    const message = channel.messages.get(id);
    return message === undefined ? [] : [message];
  });
  const mayDeleteOthers = member.role !== 'member' && member.adminRights.includes('delete_messages');
  if (!mayDeleteOthers && messages.some((message) => message.senderId !== accountId)) {
    throw new RpcError(403, 'MESSAGE_DELETE_FORBIDDEN');
  }
  const now = world.now();
  const events = messages.map((message) => {
    channel.messages.delete(message.id);
    return recordChannelEvent(channel, 'delete-message', message.id, now);
  });
  channelDeletionsOf(world).announce(channel, events, origin);
  return events;
}
