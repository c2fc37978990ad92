import {
  ConfigError,
  FileStorage,
  MemoryStorage,
  MigrateError,
  SessionStorageKeys,
  parseRsaPublicKeyPem,
  storageEntry,
  type MtprotoClient,
  type SessionStorage,
} from 'telegram-mtproto-core';
import { withCallContext } from '../errors/with-call-context';
import { TELEGRAM_PRODUCTION_DC, botIdOfToken, type BotClientOptions } from './bot-client-options';
import type { BotLogger } from './bot-logger';
import { BotSessionKeys } from './bot-session-keys';
import { pickDcEndpoint, type DcEndpoint } from './dc-addresses';
import { DcConnections } from './dc-connections';

/** Login hops across `*_MIGRATE_X` answers before giving up (Telegram needs one at most). */
const MAX_MIGRATIONS = 3;

const CONNECTION_INFO = {
  deviceModel: 'mtbot',
  systemVersion: `Node.js ${process.version}`,
  appVersion: '0.0.0',
  systemLangCode: 'en',
  langPack: '',
  langCode: 'en',
} as const;

/** A connected, logged-in bot: its clients and the DC its account lives on. */
export interface BotConnection {
  readonly connections: DcConnections;
  readonly main: MtprotoClient;
  readonly dc: DcEndpoint;
}

/**
 * The storage of the options: a given one, or (owned, closed by the client) a FileStorage opened at a
 * path, one opened by a function, or memory.
 */
export async function openBotStorage(
  option: BotClientOptions['storage'],
): Promise<{ storage: SessionStorage; owned: boolean }> {
  if (typeof option === 'string') return { storage: await FileStorage.open(option), owned: true };
  if (typeof option === 'function') return { storage: await option(), owned: true };
  return { storage: option ?? new MemoryStorage(), owned: option === undefined };
}

/**
 * Connects to the bot's DC and logs in with auth.importBotAuthorization unless the storage holds a
 * login of the same bot already; USER_MIGRATE / NETWORK_MIGRATE move the login to the DC named
 * (addresses from help.getConfig). The login and the DC are stored, so the next start skips it.
 */
export async function connectBot(
  options: BotClientOptions,
  storage: SessionStorage,
  logger: BotLogger,
  onReconnect?: (dcId: number) => void,
): Promise<BotConnection> {
  const botId = botIdOfToken(options.botToken);
  const login = await storage.get(BotSessionKeys.login);
  if (login !== undefined && login.botId !== botId) {
    throw new ConfigError(
      `the session storage belongs to bot ${login.botId}, not to this token's bot ${botId}`,
    );
  }
  const connections = new DcConnections({
    storage,
    transports: options.transports ?? [{ kind: 'tcp', framing: 'intermediate' }],
    publicKeys: options.dc ? [parseRsaPublicKeyPem(options.dc.publicKeyPem)] : undefined,
    initConnection: { apiId: options.apiId, ...CONNECTION_INFO },
    requestTimeoutMs: options.requestTimeoutMs,
    logger,
    ...(onReconnect !== undefined && { onReconnect }),
  });
  const configured = options.dc ?? TELEGRAM_PRODUCTION_DC;
  let dc = await startingEndpoint(storage, configured, login?.dcId);
  let main = connections.create(dc);
  await main.connect();
  logger.info('connected', { dcId: dc.dcId, transport: main.transport });
  if (login !== undefined) return { connections, main, dc };

  for (let hops = 0; ; hops++) {
    try {
      await main.invoke({
        _: 'auth.importBotAuthorization',
        flags: 0,
        api_id: options.apiId,
        api_hash: options.apiHash,
        bot_auth_token: options.botToken,
      });
      break;
    } catch (error) {
      if (!MigrateError.isInstance(error) || hops >= MAX_MIGRATIONS) {
        throw withCallContext(error, { method: 'auth.importBotAuthorization' });
      }
      const next = await connections.endpoint(main, error.dcId);
      logger.info('login moves to another DC', { from: dc.dcId, to: next.dcId });
      await main.close();
      dc = next;
      main = connections.create(dc);
      await main.connect();
    }
  }
  logger.info('bot authorization imported', { dcId: dc.dcId });
  await storage.setMany([
    storageEntry(BotSessionKeys.login, { botId, dcId: dc.dcId }),
    storageEntry(SessionStorageKeys.currentDc, dc.dcId),
  ]);
  return { connections, main, dc };
}

/** The DC to connect to first: where the stored login lives, else the configured one. */
async function startingEndpoint(
  storage: SessionStorage,
  configured: DcEndpoint,
  loginDc: number | undefined,
): Promise<DcEndpoint> {
  const dcId = loginDc ?? (await storage.get(SessionStorageKeys.currentDc));
  if (dcId === undefined || dcId === configured.dcId) return configured;
  return pickDcEndpoint((await storage.get(SessionStorageKeys.dcOptions)) ?? [], dcId) ?? configured;
}
