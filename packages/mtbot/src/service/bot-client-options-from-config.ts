import { ConfigError } from 'telegram-mtproto-core';
import type { BotClientOptions, BotDcAddress } from '../client/bot-client-options';
import type { BotLogger } from '../client/bot-logger';
import type { BotConfig } from '../runtime/config/bot-config';
import type { SessionStoreConfig } from '../runtime/config/session-store-config';
import { fetchLocalDcInfo, type LocalDcInfo } from './local-dc-info';

/** The DC id assumed for `LOCAL_DC_URL=host:port`, which does not say it: the local DC's main DC. */
export const DIRECT_LOCAL_DC_ID = 2;

function storageOf(store: SessionStoreConfig): string | undefined {
  switch (store.kind) {
    case 'memory':
      return undefined;
    case 'file':
      return store.path;
    case 'redis':
      // The client's session (auth keys, update state) has no Redis storage yet; failing at start-up
      // beats silently keeping it in memory and logging in afresh on every restart.
      throw new ConfigError(
        'SESSION_STORE: redis is not supported for the bot session; use file:<path> or memory',
      );
  }
}

/**
 * Turns the validated configuration into {@link BotClientOptions}: the session storage from
 * SESSION_STORE, and with LOCAL_DC_URL the local DC's address and key (asked from its control API
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
  const storage = storageOf(config.sessionStore);
  return {
    apiId: config.apiId,
    apiHash: config.apiHash,
    botToken: config.botToken,
    ...(dc === undefined ? {} : { dc }),
    ...(storage === undefined ? {} : { storage }),
    ...(logger === undefined ? {} : { logger }),
  };
}
