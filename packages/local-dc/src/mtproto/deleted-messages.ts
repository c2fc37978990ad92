/**
 * Deletes as updates: updateDeleteMessages (core.telegram.org/constructor/updateDeleteMessages), whose
 * pts_count is the number of messages, pushed as `updateShort` to the box owner's sessions (but the one
 * that asked), and replayed by updates.getDifference.
 */
import type { Api } from 'telegram-mtproto-core';
import type { BoxEvent } from '../world/records';
import { messageDeletionsOf } from '../world/message-deletion';
import type { World } from '../world/world';
import { keyName, type Authorizations } from './authorizations';
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

/** Subscribes to the world's deletions; returns the function that unsubscribes. */
export function startDeletionPusher(
  world: World,
  authorizations: Authorizations,
  push: PushUpdate,
): () => void {
  return messageDeletionsOf(world).on('deleted', (ownerId, events, origin) => {
    const updates: Api.UpdateShort = {
      _: 'updateShort',
      update: deletedMessagesUpdate(events),
      date: events.at(-1)?.date ?? world.now(),
    };
    for (const authKeyId of authorizations.keysOf(ownerId)) {
      if (keyName(authKeyId) !== origin) push(authKeyId, updates);
    }
  });
}
