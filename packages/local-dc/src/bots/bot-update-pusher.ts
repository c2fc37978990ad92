/**
 * Pushes button presses and inline queries to the bot's sessions as `updates` holding
 * updateBotCallbackQuery (core.telegram.org/constructor/updateBotCallbackQuery),
 * updateInlineBotCallbackQuery (a message sent via inline mode) or updateBotInlineQuery
 * (core.telegram.org/constructor/updateBotInlineQuery), and a sent inline result as updateBotInlineSend
 * (core.telegram.org/constructor/updateBotInlineSend, bots with inline feedback on), with the user they
 * name. None has pts or qts: a bot that is offline misses them, as with Telegram.
 */
import type { Api } from 'telegram-mtproto-core';
import type { Authorizations } from '../mtproto/authorizations';
import { peerUser, toApiUser } from '../mtproto/tl-shapes';
import type { PushUpdate } from '../mtproto/update-pusher';
import type { World } from '../world/world';
import { botInteractionsOf } from './bot-interactions';
import type { CallbackQuery } from './callback-queries';
import { chatsFor } from '../mtproto/group-shapes';

/** How often a query the bot has not been reached with is pushed again, in ms. */
export const REDELIVERY_INTERVAL_MS = 200;

/**
 * Subscribes to the world's bot interactions; returns the function that unsubscribes.
 *
 * A press or inline query that reaches none of the bot's sessions (after a DC restart, the sessions
 * come back only with the client's next message) is pushed again every {@link REDELIVERY_INTERVAL_MS}
 * while the user still waits for it, so a query made while the bot reconnects is answered, not lost.
 */
export function startBotUpdatePusher(
  world: World,
  authorizations: Authorizations,
  push: PushUpdate,
  homeDcOf: (accountId: bigint) => number,
): () => void {
  const { callbackQueries, inlineQueries } = botInteractionsOf(world);
  const undelivered = new Map<bigint, { botId: bigint; updates: Api.Updates }>();
  const deliver = (botId: bigint, updates: Api.Updates): boolean =>
    authorizations
      .keysOf(botId)
      .map((authKeyId) => push(authKeyId, updates))
      .some(Boolean);
  const retry = setInterval(() => {
    for (const [queryId, { botId, updates }] of undelivered) {
      const waiting = callbackQueries.isPending(queryId) || inlineQueries.isPending(queryId);
      if (!waiting || deliver(botId, updates)) undelivered.delete(queryId);
    }
  }, REDELIVERY_INTERVAL_MS);
  retry.unref();
  const toBot = (
    queryId: bigint,
    botId: bigint,
    userId: bigint,
    update: Api.TypeUpdate,
    chatIds: bigint[] = [],
  ): void => {
    const user = world.account(userId);
    const updates: Api.Updates = {
      _: 'updates',
      updates: [update],
      users: user === undefined ? [] : [toApiUser(user, botId)],
      chats: chatsFor(world, chatIds, botId),
      date: world.now(),
      seq: 0,
    };
    if (!deliver(botId, updates)) undelivered.set(queryId, { botId, updates });
  };
  const stopCallbacks = callbackQueries.on('callbackQuery', (query) => {
    const { inlineMessage } = query;
    if (inlineMessage !== undefined) {
      // A message sent via inline mode: named by its inline message id, not by chat and message id.
      toBot(query.queryId, query.botId, query.userId, {
        _: 'updateInlineBotCallbackQuery',
        query_id: query.queryId,
        user_id: query.userId,
        msg_id: {
          _: 'inputBotInlineMessageID',
          dc_id: homeDcOf(query.botId),
          id: inlineMessage.id,
          access_hash: inlineMessage.accessHash,
        },
        chat_instance: query.chatInstance,
        data: query.data,
      });
      return;
    }
    toBot(
      query.queryId,
      query.botId,
      query.userId,
      {
        _: 'updateBotCallbackQuery',
        query_id: query.queryId,
        user_id: query.userId,
        peer: peerOfChat(query.chat),
        msg_id: query.botMessageId,
        chat_instance: query.chatInstance,
        data: query.data,
      },
      query.chat.kind === 'user' ? [] : [query.chat.id],
    );
  });
  const stopInline = inlineQueries.on('inlineQuery', (query) =>
    toBot(query.queryId, query.botId, query.userId, {
      _: 'updateBotInlineQuery',
      query_id: query.queryId,
      user_id: query.userId,
      query: query.query,
      peer_type: query.peerType,
      offset: query.offset,
    }),
  );
  // Feedback is not waited for by anyone: a bot that is not connected misses it, not redelivered.
  const stopChosen = inlineQueries.on('inlineResultChosen', (chosen) => {
    const user = world.account(chosen.userId);
    const { inlineMessage } = chosen;
    deliver(chosen.botId, {
      _: 'updates',
      updates: [
        {
          _: 'updateBotInlineSend',
          user_id: chosen.userId,
          query: chosen.query,
          id: chosen.resultId,
          msg_id:
            inlineMessage === undefined
              ? undefined
              : {
                  _: 'inputBotInlineMessageID',
                  dc_id: homeDcOf(chosen.botId),
                  id: inlineMessage.id,
                  access_hash: inlineMessage.accessHash,
                },
        },
      ],
      users: user === undefined ? [] : [toApiUser(user, chosen.botId)],
      chats: [],
      date: world.now(),
      seq: 0,
    });
  });
  return () => {
    clearInterval(retry);
    stopCallbacks();
    stopInline();
    stopChosen();
  };
}

function peerOfChat(chat: CallbackQuery['chat']): Api.TypePeer {
  switch (chat.kind) {
    case 'user':
      return peerUser(chat.id);
    case 'chat':
      return { _: 'peerChat', chat_id: chat.id };
    case 'channel':
      return { _: 'peerChannel', channel_id: chat.id };
  }
}
