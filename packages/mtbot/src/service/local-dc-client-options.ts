import type { BotClientOptions } from '../client/bot-client-options';

/** What {@link localDcClientOptions} needs of a local DC: `LocalDc.info` has all of it. */
export interface LocalDcClientInfo {
  readonly host: string;
  readonly port: number;
  readonly dcId: number;
  /** PKCS#1 PEM of the DC's RSA public key. */
  readonly publicKeyPem: string;
  /** The token of the bot to log in as (the DC's default bot, unless overridden). */
  readonly botToken: string;
}

/**
 * A local DC checks neither api_id nor api_hash; these stand in for them (well-formed, so the
 * client's validation passes) and are not anyone's credentials.
 */
export const LOCAL_DC_API_ID = 12345;
export const LOCAL_DC_API_HASH = '0123456789abcdef0123456789abcdef';

/**
 * {@link BotClientOptions} for a bot on a local DC (mtbot-local-dc): its address and key, its
 * default bot's token and placeholder api credentials; `overrides` win (e.g. another `botToken`,
 * a `storage` or a `logger`).
 *
 * @example
 * ```ts
 * const dc = await LocalDc.start({ port: 0 });
 * const app = createBot({ controllers: [Greeter], client: localDcClientOptions(dc.info) });
 * ```
 */
export function localDcClientOptions(
  info: LocalDcClientInfo,
  overrides: Partial<BotClientOptions> = {},
): BotClientOptions {
  return {
    apiId: LOCAL_DC_API_ID,
    apiHash: LOCAL_DC_API_HASH,
    botToken: info.botToken,
    dc: { host: info.host, port: info.port, dcId: info.dcId, publicKeyPem: info.publicKeyPem },
    ...overrides,
  };
}
