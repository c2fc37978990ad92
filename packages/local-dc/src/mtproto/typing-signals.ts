/**
 * Typing notices (messages.setTyping) have no place in the world's message boxes: they carry no pts and
 * are lost by a client that is offline (core.telegram.org/api/updates). The handler announces them
 * here, one emitter per {@link World}, and {@link startTypingPusher} delivers them.
 */
import { TypedEventEmitter, type Api } from 'telegram-mtproto-core';
import type { World } from '../world/world';
import type { Authorizations } from './authorizations';
import type { PushUpdate } from './update-pusher';

export interface TypingNotice {
  /** Who is typing. */
  readonly fromId: bigint;
  /** The other side of the private chat, who is told. */
  readonly toId: bigint;
  readonly action: Api.TypeSendMessageAction;
  /** Unix seconds. */
  readonly date: number;
}

type TypingEvents = { typing: (notice: TypingNotice) => void };

/** Where typing notices are announced and listened to. */
export class TypingSignals extends TypedEventEmitter<TypingEvents> {
  announce(notice: TypingNotice): void {
    this.emit('typing', notice);
  }
}

const byWorld = new WeakMap<World, TypingSignals>();

/** The typing notices of `world`, made on first use. */
export function typingSignalsOf(world: World): TypingSignals {
  let signals = byWorld.get(world);
  if (signals === undefined) {
    signals = new TypingSignals();
    byWorld.set(world, signals);
  }
  return signals;
}

/**
 * Pushes each notice to the receiver's sessions as `updateShort` with updateUserTyping, the shape
 * Telegram uses for private chats (core.telegram.org/constructor/updateUserTyping). Returns the
 * function that unsubscribes.
 */
export function startTypingPusher(
  world: World,
  authorizations: Authorizations,
  push: PushUpdate,
): () => void {
  return typingSignalsOf(world).on('typing', (notice) => {
    const updates: Api.UpdateShort = {
      _: 'updateShort',
      update: { _: 'updateUserTyping', user_id: notice.fromId, action: notice.action },
      date: notice.date,
    };
    for (const authKeyId of authorizations.keysOf(notice.toId)) push(authKeyId, updates);
  });
}
