import { ConfigError } from 'telegram-mtproto-core';

/** What a local DC's control API tells about itself (`GET /info`, the ready line's object). */
export interface LocalDcInfo {
  readonly host: string;
  readonly port: number;
  readonly dcId: number;
  readonly publicKeyPem: string;
  /** The token of the bot the local DC created at start. */
  readonly botToken: string;
}

const isString = (value: unknown): value is string => typeof value === 'string' && value !== '';
const isPort = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535;

/** A short reason that cannot quote a URL: the socket error code, else the error's class. */
function reasonOf(error: unknown): string {
  if (ConfigError.isInstance(error)) return error.message;
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'unknown error';
}

/**
 * Asks a local DC's control API where its MTProto port is, its public key and its bot's token.
 * Throws a ConfigError (the URL shown without its query or credentials) when it cannot be reached
 * or answers something else than the ready line's object.
 */
export async function fetchLocalDcInfo(controlUrl: string, timeoutMs = 5_000): Promise<LocalDcInfo> {
  const url = new URL('info', controlUrl.endsWith('/') ? controlUrl : `${controlUrl}/`);
  // The control API takes no credentials; dropping any keeps them out of requests and messages.
  url.username = '';
  url.password = '';
  const shown = `${url.protocol}//${url.host}${url.pathname}`;
  let body: unknown;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new ConfigError(`HTTP ${response.status}`);
    body = await response.json();
  } catch (error) {
    throw new ConfigError(`LOCAL_DC_URL: cannot get the local DC's info from ${shown}: ${reasonOf(error)}`, {
      cause: error,
    });
  }
  const info = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (
    !isString(info['host']) ||
    !isPort(info['port']) ||
    !Number.isInteger(info['dcId']) ||
    !isString(info['publicKeyPem']) ||
    !isString(info['botToken'])
  ) {
    throw new ConfigError(`LOCAL_DC_URL: ${shown} did not answer with a local DC's info`);
  }
  return {
    host: info['host'],
    port: info['port'],
    dcId: info['dcId'] as number,
    publicKeyPem: info['publicKeyPem'],
    botToken: info['botToken'],
  };
}
