/**
 * Turns changes of the world into pushed updates, in the shapes Telegram uses for private chats
 * (core.telegram.org/api/updates): `updateShortMessage` (with entities, reply and forward headers) for a new message (to the receiver, and to the
 * sender's other sessions with `out`), `updates` with `updateEditMessage` for an edit. The session
 * that made the change is skipped: it gets the same information as its call's result.
 */
import type { Api } from 'telegram-mtproto-core';
import type { StoredMessage, BoxEvent } from '../world/records';
import type { World } from '../world/world';
import { keyName, type Authorizations } from './authorizations';
import { newMessageUpdates } from './new-message-updates';
import { forwardHeaderOf, replyHeaderOf, toApiMessage, toApiUser } from './tl-shapes';

/** Delivers `updates` to the session of an auth key; false when it has none right now. */
export type PushUpdate = (authKeyId: Uint8Array, updates: Api.TypeUpdates) => boolean;

/** Subscribes to the world; returns the function that unsubscribes. */
export function startUpdatePusher(
  world: World,
  authorizations: Authorizations,
  push: PushUpdate,
): () => void {
  const toOwner = (message: StoredMessage, origin: unknown, updates: () => Api.TypeUpdates): void => {
    for (const authKeyId of authorizations.keysOf(message.ownerId)) {
      // A client that is offline misses the push and catches up with updates.getDifference.
      if (keyName(authKeyId) !== origin) push(authKeyId, updates());
    }
  };
  const stopAdded = world.on('messageAdded', (message: StoredMessage, event: BoxEvent, origin: unknown) =>
    toOwner(message, origin, () =>
      // updateShortMessage has no room for media or buttons.
      message.media !== undefined || message.replyMarkup !== undefined || message.viaBotId !== undefined
        ? newMessageUpdates(world, message, event)
        : {
            _: 'updateShortMessage',
            out: message.out || undefined,
            id: message.id,
            // The other side: the sender of an incoming message, the receiver of an outgoing one.
            user_id: message.peerId,
            message: message.text,
            pts: event.pts,
            pts_count: 1,
            date: message.date,
            // updateShortMessage has fields for these (constructor/updateShortMessage).
            entities: message.entities,
            reply_to: replyHeaderOf(message),
            fwd_from: forwardHeaderOf(message),
          },
    ),
  );
  const stopEdited = world.on('messageEdited', (message: StoredMessage, event: BoxEvent, origin: unknown) =>
    toOwner(message, origin, () => ({
      _: 'updates',
      updates: [{ _: 'updateEditMessage', message: toApiMessage(message), pts: event.pts, pts_count: 1 }],
      users: [message.ownerId, message.peerId].flatMap((id) => {
        const user = world.account(id);
        return user === undefined ? [] : [toApiUser(user, message.ownerId)];
      }),
      chats: [],
      date: event.date,
      seq: 0,
    })),
  );
  return () => {
    stopAdded();
    stopEdited();
  };
}
