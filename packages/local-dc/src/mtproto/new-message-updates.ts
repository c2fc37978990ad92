/**
 * The `updates` Telegram sends for a new private message that updateShortMessage cannot describe (one
 * with media): updateNewMessage with the whole message, and the users it names
 * (core.telegram.org/api/updates).
 */
import type { Api } from 'telegram-mtproto-core';
import type { BoxEvent, StoredMessage } from '../world/records';
import type { World } from '../world/world';
import { toApiMessage, toApiUser } from './tl-shapes';

export function newMessageUpdates(
  world: World,
  message: StoredMessage,
  event: BoxEvent,
  before: readonly Api.TypeUpdate[] = [],
): Api.Updates {
  return {
    _: 'updates',
    updates: [
      ...before,
      { _: 'updateNewMessage', message: toApiMessage(message), pts: event.pts, pts_count: 1 },
    ],
    users: [message.ownerId, message.peerId].flatMap((id) => {
      const user = world.account(id);
      return user === undefined ? [] : [toApiUser(user, message.ownerId)];
    }),
    chats: [],
    date: event.date,
    seq: 0,
  };
}
