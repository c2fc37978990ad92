/**
 * Perfect forward secrecy for the client driver (core.telegram.org/api/pfs): the permanent key only
 * signs bindings; every call travels under a temporary key made with p_q_inner_data_temp_dc, bound
 * with auth.bindTempAuthKey and replaced before it expires. These helpers hold the decisions; the
 * client driver runs them over its connection (temporary-key-manager.ts).
 */
import { createBindTempAuthKeyRequest } from '../auth/bind-temp-auth-key';
import type { RandomSource } from '../crypto/random-source';
import { RpcError } from '../errors/rpc-error';
import { SecurityError } from '../errors/security-error';
import type { ClientSession } from '../session/client-session';
import { ConfigError } from '../errors/config-error';
import type { StoredTempAuthKey } from './storage/session-storage-keys';

/** The `pfs` option of `MtprotoClient`. */
export interface PfsOptions {
  /** Use temporary keys bound to the permanent one for every call. */
  readonly enabled: boolean;
  /** expires_in of each temporary key, in seconds. Default 86 400 (a day). */
  readonly tempKeyLifetimeSeconds?: number;
  /**
   * Make and bind the next temporary key this many seconds before the current one expires.
   * Default: a quarter of the lifetime, at most an hour.
   */
  readonly renewBeforeSeconds?: number;
}

/** {@link PfsOptions} with the defaults filled in. */
export interface PfsSettings {
  readonly lifetimeSeconds: number;
  readonly renewBeforeSeconds: number;
}

const DEFAULT_LIFETIME_SECONDS = 86_400;
const MAX_DEFAULT_RENEW_BEFORE_SECONDS = 3_600;

/** The settings of enabled PFS, or undefined when it is off; throws a ConfigError for bad values. */
export function resolvePfsSettings(options: PfsOptions | undefined): PfsSettings | undefined {
  if (options?.enabled !== true) return undefined;
  const lifetimeSeconds = options.tempKeyLifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS;
  if (!Number.isInteger(lifetimeSeconds) || lifetimeSeconds < 1) {
    throw new ConfigError(`pfs.tempKeyLifetimeSeconds must be a positive integer, not ${lifetimeSeconds}`);
  }
  const renewBeforeSeconds =
    options.renewBeforeSeconds ?? Math.min(MAX_DEFAULT_RENEW_BEFORE_SECONDS, Math.floor(lifetimeSeconds / 4));
  if (!(renewBeforeSeconds >= 0 && renewBeforeSeconds < lifetimeSeconds)) {
    throw new ConfigError(
      `pfs.renewBeforeSeconds must be at least 0 and below the lifetime (${lifetimeSeconds}), not ${renewBeforeSeconds}`,
    );
  }
  return { lifetimeSeconds, renewBeforeSeconds };
}

/** A temporary key in use: the stored form plus its session-independent id. */
export interface TemporaryAuthKey extends StoredTempAuthKey {
  /** auth_key_id, its 8 wire bytes. */
  readonly authKeyId: Uint8Array;
}

/** When the key should be replaced, in server unix seconds. */
export function renewAt(key: StoredTempAuthKey, settings: PfsSettings): number {
  return key.expiresAt - settings.renewBeforeSeconds;
}

/** Whether a stored (bound) temporary key can still be used at server time `serverNowSeconds`. */
export function isReusable(key: StoredTempAuthKey, settings: PfsSettings, serverNowSeconds: number): boolean {
  return renewAt(key, settings) > serverNowSeconds;
}

/**
 * Binds `temporary` to the permanent key over `session` (a session under the temporary key): sends
 * auth.bindTempAuthKey built from the msg_id it leaves with and with the session's session_id, as
 * core.telegram.org/api/pfs requires. Resolves once the server answered boolTrue; rejects with its
 * RpcError (ENCRYPTED_MESSAGE_INVALID, TEMP_AUTH_KEY_EMPTY, ...) or the session's error.
 */
export async function bindTemporaryKey(
  session: ClientSession,
  permanentAuthKey: Uint8Array,
  temporary: TemporaryAuthKey,
  options: { readonly random: RandomSource; readonly timeoutMs: number },
): Promise<void> {
  const call = session.invokeWithMessageId(
    (messageId) =>
      createBindTempAuthKeyRequest(
        {
          permanentAuthKey,
          temporaryAuthKeyId: temporary.authKeyId,
          temporarySessionId: session.sessionId,
          expiresAt: temporary.expiresAt,
          messageId,
        },
        options.random,
      ),
    { timeoutMs: options.timeoutMs, method: 'auth.bindTempAuthKey' },
  );
  if (!(await call.result)) throw new SecurityError('auth.bindTempAuthKey: the server answered boolFalse');
}

/** Answers to auth.bindTempAuthKey after which a new temporary key is made (core.telegram.org/method/auth.bindTempAuthKey). */
const REFUSALS = new Set(['ENCRYPTED_MESSAGE_INVALID', 'TEMP_AUTH_KEY_EMPTY', 'TEMP_AUTH_KEY_ALREADY_BOUND']);

/** Whether `error` is the server refusing the temporary key, so a new one should be made. */
export function isTemporaryKeyRefusal(error: unknown): boolean {
  return RpcError.isInstance(error) && REFUSALS.has(error.type);
}
