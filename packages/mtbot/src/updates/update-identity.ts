// A stable name for an update, the same each time Telegram delivers it. Across a crash the updates
// are delivered at least once (the stored state stays before the oldest unfinished one), so a handler
// with effects that must not happen twice checks this key against a store of handled ones.
import type { Api } from 'telegram-mtproto-core';
import type { BotUpdate } from './bot-update';

/**
 * The identity of an update: equal for two deliveries of the same update (a live push and its
 * repetition by updates.getDifference after a restart), different for different updates.
 * - `message:<chat>:<id>` for a new message (chat as the Bot API id),
 * - `editedMessage:<chat>:<id>:<edit_date>` for an edit (each edit is its own update),
 * - `callbackQuery:<query_id>`, `inlineQuery:<query_id>`,
 * - `chatMember:<qts>` (qts numbers the bot's secondary updates once each).
 *
 * @example
 * ```ts
 * bot.onUpdate(async (update) => {
 *   // SET NX: true only the first time this key is set (expire it after a day).
 *   if ((await redis.set(`handled:${updateIdentity(update)}`, '1', 'EX', 86_400, 'NX')) === null) return;
 *   await chargeCustomer(update);
 * });
 * ```
 */
export function updateIdentity(update: BotUpdate): string {
  switch (update.kind) {
    case 'message':
      return `message:${update.message.chat.id}:${update.message.id}`;
    case 'editedMessage': {
      const { raw } = update.message;
      return `editedMessage:${update.message.chat.id}:${update.message.id}:${raw.edit_date ?? raw.date}`;
    }
    case 'callbackQuery':
      return `callbackQuery:${update.callbackQuery.id}`;
    case 'inlineQuery':
      return `inlineQuery:${update.inlineQuery.id}`;
    case 'chatMember':
      return `chatMember:${(update.raw as Api.UpdateChatParticipant | Api.UpdateChannelParticipant).qts}`;
  }
}
