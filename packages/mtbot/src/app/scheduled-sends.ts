import { toBotApiId } from 'telegram-mtproto-core';
import type { BotClient } from '../client/bot-client';
import { botApiIdOfObject, isInputPeer, peerRefOfInput, type PeerLike } from '../client/peer-like';
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
  /**
   * True when the send being made is already the scheduler's task (a broadcast's): it goes straight
   * out, since scheduling it again would count it twice and wait on itself.
   */
  readonly direct?: () => boolean;
}

/** The client's methods that put messages into a chat: they take the scheduler. */
type ScheduledName = 'sendMessage' | 'sendUploadedMedia' | 'forwardMessages';
type ActionName = keyof BotActions | ScheduledName;
type Hooked = Pick<BotClient, ActionName>;
const ACTIONS: readonly ActionName[] = [
  'sendMessage',
  'sendUploadedMedia',
  'forwardMessages',
  'editMessage',
  'deleteMessages',
  'answerCallbackQuery',
  'answerInlineQuery',
];

/**
 * The scheduler's chat for a peer, as a Bot API id: numeric ids, the update objects' Chat and User, TL
 * users and chats, and InputPeers. Usernames and `me` give none (the global limit only): resolving
 * them here would cost a call before the send is even queued.
 */
function chatOf(peer: PeerLike): Pick<ScheduleOptions, 'chatId'> {
  if (typeof peer === 'bigint') return peer === 0n ? {} : { chatId: peer };
  if (typeof peer === 'number') return Number.isSafeInteger(peer) && peer !== 0 ? { chatId: peer } : {};
  if (typeof peer === 'string')
    return /^-?\d{1,20}$/.test(peer) && !/^-?0+$/.test(peer) ? { chatId: peer } : {};
  if (isInputPeer(peer)) {
    const ref = peerRefOfInput(peer);
    return ref === undefined ? {} : { chatId: toBotApiId(ref) };
  }
  return { chatId: botApiIdOfObject(peer) };
}

/**
 * Makes the client's sending methods go through the send scheduler and the flood-wait retrier: those
 * update objects and the context call (`reply`, `edit`, `delete`, `answer`), and media and forwards.
 *
 * Update objects hold the client itself as their actions, so the least invasive hook is to shadow
 * those methods on the client instance; the prototype's methods do the actual sending. New messages,
 * media and forwards take the scheduler in their target chat (they count against Telegram's message
 * limits, a forward of n messages as n, and FLOOD_WAIT pauses their chat); `sendPhoto` and
 * `sendDocument` upload first and schedule only their `sendUploadedMedia` step, so the upload neither
 * holds the chat's turn nor is repeated by a retry. Edits, deletions and query answers do not count
 * against those limits (Telegram limits edits on their own), so they only get the retrier and never
 * wait behind a chat's queued messages. Returns a function that removes the hook.
 */
export function routeSendsThroughScheduler(client: BotClient, options: ScheduledSendsOptions): () => void {
  const { scheduler, retrier, priority, direct } = options;
  const own = client as unknown as Record<ActionName, unknown>;
  const proto = Object.getPrototypeOf(client) as Hooked;
  const schedule = <T>(send: () => Promise<T>, scheduleOptions: ScheduleOptions): Promise<T> =>
    direct?.() === true ? send() : scheduler.schedule(send, { ...scheduleOptions, priority: priority() });
  const wrapped: Hooked = {
    sendMessage: (chatId, text, sendOptions) =>
      schedule(() => proto.sendMessage.call(client, chatId, text, sendOptions), {
        ...chatOf(chatId),
        method: 'messages.sendMessage',
      }),
    sendUploadedMedia: (peer, media, mediaOptions) =>
      schedule(() => proto.sendUploadedMedia.call(client, peer, media, mediaOptions), {
        ...chatOf(peer),
        method: 'messages.sendMedia',
      }),
    forwardMessages: (from, to, messageIds, forwardOptions) =>
      messageIds.length === 0
        ? Promise.resolve([])
        : schedule(() => proto.forwardMessages.call(client, from, to, messageIds, forwardOptions), {
            ...chatOf(to),
            count: messageIds.length,
            method: 'messages.forwardMessages',
          }),
    editMessage: (chatId, messageId, text, editOptions) =>
      retrier.run(() => proto.editMessage.call(client, chatId, messageId, text, editOptions), {
        method: 'messages.editMessage',
        chatKey: chatOf(chatId).chatId,
      }),
    deleteMessages: (chatId, messageIds) =>
      retrier.run(() => proto.deleteMessages.call(client, chatId, messageIds), {
        method: 'messages.deleteMessages',
        chatKey: chatOf(chatId).chatId,
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
