// Finding the messages a call created in its Updates result (core.telegram.org/api/updates): the
// result names each new message's id by the request's random_id (updateMessageID) and carries the
// message in updateNewMessage / updateNewChannelMessage, or, in private chats, only its id and date
// (updateShortSentMessage), the rest being what the request sent.
import type { Api } from 'telegram-mtproto-core';

/** A message found in a result, with the users and chats that came with it. */
export interface ResultMessage {
  readonly message: Api.Message;
  readonly users: readonly Api.TypeUser[];
  readonly chats: readonly Api.TypeChat[];
}

function updatesOf(result: Api.TypeUpdates): {
  updates: readonly Api.TypeUpdate[];
  users: readonly Api.TypeUser[];
  chats: readonly Api.TypeChat[];
} {
  switch (result._) {
    case 'updates':
    case 'updatesCombined':
      return result;
    case 'updateShort':
      return { updates: [result.update], users: [], chats: [] };
    default:
      return { updates: [], users: [], chats: [] };
  }
}

/** The new messages of a result by id. */
function newMessages(result: Api.TypeUpdates, edited: boolean): Map<number, ResultMessage> {
  const { updates, users, chats } = updatesOf(result);
  const found = new Map<number, ResultMessage>();
  for (const update of updates) {
    const message = messageOf(update, edited);
    if (message?._ === 'message') found.set(message.id, { message, users, chats });
  }
  return found;
}

/** The message of a new-message (or, with `edited`, an edit) update. */
function messageOf(update: Api.TypeUpdate, edited: boolean): Api.TypeMessage | undefined {
  switch (update._) {
    case 'updateNewMessage':
    case 'updateNewChannelMessage':
      return edited ? undefined : update.message;
    case 'updateEditMessage':
    case 'updateEditChannelMessage':
      return edited ? update.message : undefined;
    default:
      return undefined;
  }
}

/** The messages created for `randomIds`, in their order; undefined where the result has none. */
export function findSentMessages(
  result: Api.TypeUpdates,
  randomIds: readonly bigint[],
): (ResultMessage | undefined)[] {
  const ids = new Map<bigint, number>();
  for (const update of updatesOf(result).updates) {
    if (update._ === 'updateMessageID') ids.set(update.random_id, update.id);
  }
  const messages = newMessages(result, false);
  const unclaimed = [...messages.values()];
  return randomIds.map((randomId, index) => {
    const id = ids.get(randomId);
    // Without updateMessageID, the new messages in order stand for the random ids in order.
    return id !== undefined ? messages.get(id) : unclaimed[index];
  });
}

/** The edited message `id` in an editMessage result. */
export function findEditedMessage(result: Api.TypeUpdates, id: number): ResultMessage | undefined {
  return newMessages(result, true).get(id);
}

/**
 * The message an updateShortSentMessage stands for: its id, date, entities and media from the
 * result, the rest from the request.
 */
export function messageFromShortSent(
  result: Api.UpdateShortSentMessage,
  request: Api.MessagesSendMessageRequest,
  peer: Api.TypePeer,
): Api.Message {
  const replyTo =
    request.reply_to?._ === 'inputReplyToMessage' ? request.reply_to.reply_to_msg_id : undefined;
  const entities = result.entities ?? request.entities;
  return {
    _: 'message',
    out: true,
    id: result.id,
    peer_id: peer,
    date: result.date,
    message: request.message,
    ...(request.silent && { silent: true }),
    ...(entities !== undefined && { entities }),
    ...(result.media !== undefined && { media: result.media }),
    ...(replyTo !== undefined && {
      reply_to: { _: 'messageReplyHeader', reply_to_msg_id: replyTo } as const,
    }),
    ...(request.reply_markup !== undefined && { reply_markup: request.reply_markup }),
    ...(result.ttl_period !== undefined && { ttl_period: result.ttl_period }),
  };
}
