/** Long-polling for the next message a bot sends to a user's private chat (for tests and the control API). */
import type { StoredMessage } from './world/records';
import type { World } from './world/world';

/** The wait ended without a message. */
export class WaitTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`no message arrived within ${timeoutMs} ms`);
    this.name = 'WaitTimeoutError';
  }
}

export interface BotMessageQuery {
  /** The user whose chat with the bot is watched; the message returned is the user's copy. */
  readonly userId: bigint;
  readonly botId: bigint;
  /** Return the first bot message with an id above this one (in the user's box). Default: the latest now. */
  readonly afterMessageId?: number;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/**
 * Resolves with the first message from `botId` in `userId`'s box with an id above `afterMessageId`:
 * at once when one is already there, otherwise when it arrives; rejects with {@link WaitTimeoutError}.
 */
export function waitForBotMessage(world: World, query: BotMessageQuery): Promise<StoredMessage> {
  const box = world.box(query.userId);
  const after = query.afterMessageId ?? box.peekNextMessageId() - 1;
  const matches = (message: StoredMessage): boolean =>
    message.ownerId === query.userId && !message.out && message.peerId === query.botId && message.id > after;
  const existing = box.history(query.botId).find(matches);
  if (existing !== undefined) return Promise.resolve(existing);
  if (query.signal?.aborted) return Promise.reject(query.signal.reason);
  return new Promise((resolve, reject) => {
    const finish = (): void => {
      clearTimeout(timer);
      stop();
      query.signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      finish();
      reject(query.signal?.reason ?? new Error('aborted'));
    };
    const timer = setTimeout(() => {
      finish();
      reject(new WaitTimeoutError(query.timeoutMs));
    }, query.timeoutMs);
    const stop = world.on('messageAdded', (message) => {
      if (!matches(message)) return;
      finish();
      resolve(message);
    });
    query.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
