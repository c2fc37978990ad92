import { ConfigError, fromBotApiId } from 'telegram-mtproto-core';

/** The kinds of chats Telegram limits differently (the same names as the update objects' `Chat.type`). */
export type ChatKind = 'private' | 'group' | 'supergroup' | 'channel';

/** A chat named by its Bot API style id (`123`, `-456`, `-1001234567890`), as a bigint, number or decimal string. */
export type ChatId = bigint | number | string;

/**
 * The kind of chat a Bot API style id names: positive is a private chat, `-100…` a supergroup or a
 * channel (reported as `supergroup`: the id cannot tell them apart, and their limits are the same),
 * other negatives a basic group. Throws {@link ConfigError} for 0 or a value that is no integer.
 */
export function chatKindOfId(chatId: ChatId): ChatKind {
  const peer = fromBotApiId(parseChatId(chatId));
  if (peer === undefined) throw new ConfigError(`chat id 0 names no chat`);
  return peer.kind === 'user' ? 'private' : peer.kind === 'chat' ? 'group' : 'supergroup';
}

/** The chat id as a bigint; throws {@link ConfigError} when it is not an integer. */
export function parseChatId(chatId: ChatId): bigint {
  if (typeof chatId === 'bigint') return chatId;
  if (typeof chatId === 'number' ? Number.isSafeInteger(chatId) : /^-?\d{1,20}$/.test(chatId))
    return BigInt(chatId);
  throw new ConfigError(
    `chat id ${String(chatId)} is not an integer: give a Bot API style id or the chat kind`,
  );
}

/**
 * The string a chat is keyed by: the decimal id for numeric ids (so `123`, `123n` and `'123'` are one
 * chat), the string itself otherwise (e.g. `@channel`, which then needs an explicit chat kind).
 */
export function chatKeyOf(chatId: ChatId): string {
  const numeric = typeof chatId !== 'string' || /^-?\d+$/.test(chatId);
  return numeric ? String(parseChatId(chatId)) : chatId;
}
