/**
 * The users' side of typing notices for tests and the JS API: a user (played by the test) shows
 * "typing..." to a bot, which gets updateUserTyping as it would from Telegram.
 */
import { RpcError, type Api } from 'telegram-mtproto-core';
import { typingSignalsOf } from './mtproto/typing-signals';
import type { World } from './world/world';

export interface UserTypingInput {
  readonly fromUserId: bigint;
  readonly toUserId: bigint;
  /** Default: sendMessageTypingAction. */
  readonly action?: Api.TypeSendMessageAction;
}

/** Tells `toUserId`'s sessions that `fromUserId` is typing; PEER_ID_INVALID for unknown accounts. */
export function sendUserTyping(world: World, input: UserTypingInput): void {
  const from = world.account(input.fromUserId);
  const to = world.account(input.toUserId);
  if (from === undefined || to === undefined || from.id === to.id) throw new RpcError(400, 'PEER_ID_INVALID');
  typingSignalsOf(world).announce({
    fromId: from.id,
    toId: to.id,
    action: input.action ?? { _: 'sendMessageTypingAction' },
    date: world.now(),
  });
}
