/**
 * Deletes as updates: updateDeleteMessages (core.telegram.org/constructor/updateDeleteMessages), whose
 * pts_count is the number of messages, pushed as `updateShort` to the box owner's sessions (but the one
 * that asked), and replayed by updates.getDifference; updateDeleteChannelMessages
 * (core.telegram.org/constructor/updateDeleteChannelMessages) with the channel's pts, pushed in
 * `updates` (with the channel) to every member's sessions, and replayed by updates.getChannelDifference.
 */
import type { Api } from 'telegram-mtproto-core';
import type { BoxEvent } from '../world/records';
import { channelDeletionsOf } from '../world/channel-deletion';
import type { ChannelEvent } from '../world/group-records';
import { messageDeletionsOf } from '../world/message-deletion';
import type { World } from '../world/world';
import { keyName, type Authorizations } from './authorizations';
import { chatsFor } from './group-shapes';
import type { PushUpdate } from './update-pusher';

/** One update for consecutive delete events of one box. */
export function deletedMessagesUpdate(events: readonly BoxEvent[]): Api.UpdateDeleteMessages {
  return {
    _: 'updateDeleteMessages',
    messages: events.map((event) => event.messageId),
    pts: events.at(-1)?.pts ?? 0,
    pts_count: events.length,
  };
}

/** One update for consecutive delete events of one channel. */
export function deletedChannelMessagesUpdate(
  channelId: bigint,
  events: readonly ChannelEvent[],
): Api.UpdateDeleteChannelMessages {
  return {
    _: 'updateDeleteChannelMessages',
    channel_id: channelId,
    messages: events.map((event) => event.messageId),
    pts: events.at(-1)?.pts ?? 0,
    pts_count: events.length,
  };
}

/** Subscribes to the world's deletions; returns the function that unsubscribes. */
export function startDeletionPusher(
  world: World,
  authorizations: Authorizations,
  push: PushUpdate,
): () => void {
  const toAccount = (accountId: bigint, origin: unknown, updates: () => Api.TypeUpdates): void => {
    for (const authKeyId of authorizations.keysOf(accountId)) {
      if (keyName(authKeyId) !== origin) push(authKeyId, updates());
    }
  };
  const stopChannels = channelDeletionsOf(world).on('deleted', (channel, events, origin) => {
    // Every member hears of it: the channel's pts moved for all of them.
    for (const memberId of channel.members.keys()) {
      toAccount(memberId, origin, () => ({
        _: 'updates',
        updates: [deletedChannelMessagesUpdate(channel.id, events)],
        users: [],
        chats: chatsFor(world, [channel.id], memberId),
        date: events.at(-1)?.date ?? world.now(),
        seq: 0,
      }));
    }
  });
  const stopBoxes = messageDeletionsOf(world).on('deleted', (ownerId, events, origin) => {
    const updates: Api.UpdateShort = {
      _: 'updateShort',
      update: deletedMessagesUpdate(events),
      date: events.at(-1)?.date ?? world.now(),
    };
    toAccount(ownerId, origin, () => updates);
  });
  return () => {
    stopChannels();
    stopBoxes();
  };
}
