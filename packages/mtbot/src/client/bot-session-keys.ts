import { defineStorageKey, readInteger, readLong, readObject } from 'telegram-mtproto-core';

/** That a session is logged in as a bot, and where: written after auth.importBotAuthorization succeeds. */
export interface StoredBotLogin {
  /** The bot id of the token that logged in (a session never serves another bot). */
  readonly botId: bigint;
  /** The DC the bot's account lives on (after any USER_MIGRATE). */
  readonly dcId: number;
}

/** The bot client's own storage keys, next to core's `SessionStorageKeys`. */
export const BotSessionKeys = {
  login: defineStorageKey<StoredBotLogin>('mtbot.bot.login', {
    encode: (login) => ({ botId: login.botId.toString(), dcId: login.dcId }),
    decode: (json) => {
      const object = readObject(json, 'bot login');
      return { botId: readLong(object.botId, 'botId'), dcId: readInteger(object.dcId, 'dcId') };
    },
  }),
} as const;
