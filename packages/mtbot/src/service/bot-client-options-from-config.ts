import { botIdOfToken, type BotClientOptions, type BotDcAddress } from '../client/bot-client-options';
import type { BotLogger } from '../client/bot-logger';
import type { BotConfig } from '../runtime/config/bot-config';
import type { SessionStoreConfig } from '../runtime/config/session-store-config';
import { RedisSessionStorage } from '../stores/redis-session-storage';
import { fetchLocalDcInfo, type LocalDcInfo } from './local-dc-info';

/** The DC id assumed for `LOCAL_DC_URL=host:port`, which does not say it: the local DC's main DC. */
export const DIRECT_LOCAL_DC_ID = 2;

/** The Redis key prefix of a bot's session: per bot, named by its id (the public part of the token). */
export function redisSessionPrefix(botToken: string): string {
  return `mtbot:bot:${botIdOfToken(botToken)}:`;
}

function storageOf(store: SessionStoreConfig, botToken: string): BotClientOptions['storage'] {
  switch (store.kind) {
    case 'memory':
      return undefined;
    case 'file':
      return store.path;
    case 'redis': {
      const url = store.url;
      const keyPrefix = redisSessionPrefix(botToken);
      // Opened at each start and closed by the client, so the session lock lives as long as the bot.
      return () => RedisSessionStorage.open({ url, keyPrefix });
    }
  }
}

/**
 * Turns the validated configuration into {@link BotClientOptions}: the session storage from
 * SESSION_STORE (a Redis URL opens a {@link RedisSessionStorage} under {@link redisSessionPrefix}), and with LOCAL_DC_URL the local DC's address and key (asked from its control API
 * when it is a URL) instead of Telegram's.
 */
export async function botClientOptionsFromConfig(
  config: Pick<BotConfig, 'apiId' | 'apiHash' | 'botToken' | 'sessionStore' | 'localDc'>,
  logger?: BotLogger,
  /** The local DC's info when already fetched (spares a second request). */
  knownInfo?: LocalDcInfo,
): Promise<BotClientOptions> {
  let dc: BotDcAddress | undefined;
  const local = config.localDc;
  if (local?.kind === 'control') {
    const { host, port, dcId, publicKeyPem } = knownInfo ?? (await fetchLocalDcInfo(local.controlUrl));
    dc = { host, port, dcId, publicKeyPem };
  } else if (local?.kind === 'direct') {
    dc = { host: local.host, port: local.port, dcId: DIRECT_LOCAL_DC_ID, publicKeyPem: local.publicKey };
  }
  const storage = storageOf(config.sessionStore, config.botToken);
  return {
    apiId: config.apiId,
    apiHash: config.apiHash,
    botToken: config.botToken,
    ...(dc === undefined ? {} : { dc }),
    ...(storage === undefined ? {} : { storage }),
    ...(logger === undefined ? {} : { logger }),
  };
}
