import { ConfigError, type ClientTransport, type SessionStorage } from 'telegram-mtproto-core';
import type { BotLogger } from './bot-logger';
import type { ParseMode } from './message-options';

/** A DC to connect to instead of Telegram's: a local DC or any other MTProto server. */
export interface BotDcAddress {
  readonly host: string;
  readonly port: number;
  readonly dcId: number;
  /** The server's RSA public key (PEM, PKCS#1), trusted in the auth key exchange. */
  readonly publicKeyPem: string;
}

/** Options of {@link BotClient}. */
export interface BotClientOptions {
  /** api_id from my.telegram.org: a positive integer. */
  readonly apiId: number;
  /** api_hash from my.telegram.org: 32 hex digits. Never logged. */
  readonly apiHash: string;
  /** The token from @BotFather, `<bot id>:<secret>`. Never logged. */
  readonly botToken: string;
  /** Where to connect; default: Telegram's production DC 2 with Telegram's public keys. */
  readonly dc?: BotDcAddress;
  /**
   * Where the session lives: a SessionStorage (the caller closes it), a file path (a FileStorage), or
   * a function opening one at each start (e.g. `() => RedisSessionStorage.open({ url })`), which the
   * client closes when it stops, releasing its lock. Default: in memory.
   */
  readonly storage?: SessionStorage | string | (() => Promise<SessionStorage>);
  /** Transports in order of preference. Default: TCP, intermediate framing. */
  readonly transports?: readonly ClientTransport[];
  readonly logger?: BotLogger;
  /** Parse mode of texts that set none. Default: plain text. */
  readonly defaultParseMode?: ParseMode;
  /** Timeout of each call, in ms. Default 60 s. */
  readonly requestTimeoutMs?: number;
}

/** Telegram's production DC the login starts on (core.telegram.org/mtproto/DC); migration moves on from there. */
export const TELEGRAM_PRODUCTION_DC = { host: '149.154.167.50', port: 443, dcId: 2 } as const;

/** The numeric bot id at the start of a token. */
export function botIdOfToken(token: string): bigint {
  return BigInt(token.slice(0, token.indexOf(':')));
}

/**
 * Checks the options before anything touches the network; throws ConfigError naming the option.
 * Messages never quote the token or the hash.
 */
export function validateBotClientOptions(options: BotClientOptions): void {
  if (typeof options !== 'object' || options === null)
    throw new ConfigError('BotClient needs an options object');
  if (!Number.isSafeInteger(options.apiId) || options.apiId <= 0) {
    throw new ConfigError('apiId must be a positive integer (the api_id from my.telegram.org)');
  }
  if (typeof options.apiHash !== 'string' || !/^[0-9a-fA-F]{32}$/.test(options.apiHash)) {
    throw new ConfigError('apiHash must be 32 hexadecimal digits (the api_hash from my.telegram.org)');
  }
  if (typeof options.botToken !== 'string' || !/^\d{1,20}:[A-Za-z0-9_-]{1,256}$/.test(options.botToken)) {
    throw new ConfigError('botToken must look like <bot id>:<secret>, as @BotFather gives it');
  }
  if (options.dc !== undefined) validateDc(options.dc);
  if (options.transports !== undefined && options.transports.length === 0) {
    throw new ConfigError('transports must list at least one transport');
  }
  if (
    options.requestTimeoutMs !== undefined &&
    (!Number.isFinite(options.requestTimeoutMs) || options.requestTimeoutMs <= 0)
  ) {
    throw new ConfigError('requestTimeoutMs must be a positive number of milliseconds');
  }
  const parseMode = options.defaultParseMode;
  if (parseMode !== undefined && parseMode !== 'html' && parseMode !== 'markdown') {
    throw new ConfigError(
      `defaultParseMode must be 'html', 'markdown' or undefined, not ${String(parseMode)}`,
    );
  }
  if (typeof options.storage === 'string' && options.storage.length === 0) {
    throw new ConfigError('storage must be a SessionStorage or a non-empty file path');
  }
}

function validateDc(dc: BotDcAddress): void {
  if (typeof dc.host !== 'string' || dc.host.length === 0)
    throw new ConfigError('dc.host must be a host name or address');
  if (!Number.isInteger(dc.port) || dc.port < 1 || dc.port > 65535) {
    throw new ConfigError(`dc.port must be a port number (1-65535), not ${String(dc.port)}`);
  }
  if (!Number.isInteger(dc.dcId) || dc.dcId <= 0) throw new ConfigError('dc.dcId must be a positive integer');
  if (typeof dc.publicKeyPem !== 'string' || !dc.publicKeyPem.includes('BEGIN RSA PUBLIC KEY')) {
    throw new ConfigError('dc.publicKeyPem must be the server key as a PEM "RSA PUBLIC KEY"');
  }
}
