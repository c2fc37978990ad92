import type { BotClient } from '../client/bot-client';
import type { FloodWaitRetrier } from '../rate-limit/flood-wait-retrier';
import type { ScheduleOptions, SendScheduler } from '../rate-limit/send-scheduler';
import type { SendPriority } from '../rate-limit/send-priority';
import type { BotActions } from '../updates/bot-actions';

/** What {@link routeSendsThroughScheduler} sends through. */
export interface ScheduledSendsOptions {
  readonly scheduler: SendScheduler;
  readonly retrier: FloodWaitRetrier;
  /** The priority of a new message now (`reply` inside a handler, `normal` elsewhere). */
  readonly priority: () => SendPriority;
}

type ActionName = keyof BotActions;
const ACTIONS: readonly ActionName[] = [
  'sendMessage',
  'editMessage',
  'deleteMessages',
  'answerCallbackQuery',
  'answerInlineQuery',
];

/** The scheduler's chat for a peer: numeric ids only (direct calls may pass `@name`s: global limit only). */
function chatOf(peer: unknown): Pick<ScheduleOptions, 'chatId'> {
  return typeof peer === 'bigint' || (typeof peer === 'number' && Number.isSafeInteger(peer) && peer !== 0)
    ? { chatId: peer }
    : {};
}

/**
 * Makes the client's {@link BotActions} methods (the ones update objects and the context call:
 * `reply`, `edit`, `delete`, `answer`) go through the send scheduler and the flood-wait retrier.
 *
 * Update objects hold the client itself as their actions, so the least invasive hook is to shadow
 * those methods on the client instance; the prototype's methods do the actual sending. New messages
 * take the scheduler (they count against Telegram's message limits, and FLOOD_WAIT pauses their chat);
 * edits, deletions and query answers do not count against those limits, so they only get the retrier.
 * Returns a function that removes the hook.
 */
export function routeSendsThroughScheduler(client: BotClient, options: ScheduledSendsOptions): () => void {
  const { scheduler, retrier, priority } = options;
  const own = client as unknown as Record<ActionName, unknown>;
  const proto = Object.getPrototypeOf(client) as BotActions;
  const wrapped: BotActions = {
    sendMessage: (chatId, text, sendOptions) =>
      scheduler.schedule(() => proto.sendMessage.call(client, chatId, text, sendOptions), {
        ...chatOf(chatId),
        priority: priority(),
        method: 'messages.sendMessage',
      }),
    editMessage: (chatId, messageId, text, editOptions) =>
      retrier.run(() => proto.editMessage.call(client, chatId, messageId, text, editOptions), {
        method: 'messages.editMessage',
        chatKey: chatId,
      }),
    deleteMessages: (chatId, messageIds) =>
      retrier.run(() => proto.deleteMessages.call(client, chatId, messageIds), {
        method: 'messages.deleteMessages',
        chatKey: chatId,
      }),
    answerCallbackQuery: (queryId, answerOptions) =>
      retrier.run(() => proto.answerCallbackQuery.call(client, queryId, answerOptions), {
        method: 'messages.setBotCallbackAnswer',
      }),
    answerInlineQuery: (queryId, results, answerOptions) =>
      retrier.run(() => proto.answerInlineQuery.call(client, queryId, results, answerOptions), {
        method: 'messages.setInlineBotResults',
      }),
  };
  for (const name of ACTIONS) own[name] = wrapped[name];
  return () => {
    for (const name of ACTIONS) delete own[name];
  };
}
