/**
 * auth.bindTempAuthKey (core.telegram.org/method/auth.bindTempAuthKey), answered by `MtprotoServer`
 * itself rather than the caller's handler: binding is part of the protocol (core.telegram.org/api/pfs),
 * and every later request needs to know which permanent key its temporary key stands for.
 */
import { verifyBindTempAuthKeyRequest } from '../auth/bind-temp-auth-key';
import type { Clock } from '../crypto/clock';
import { SecurityError } from '../errors/security-error';
import type { ServerRequest } from '../session/server-request';
import { TlWriter } from '../tl/binary/tl-writer';
import type * as Api from '../tl/generated/api-types';
import type { ServerAuthKey, ServerAuthKeys } from './server-auth-keys';
import { TempAuthKeyBindings } from './temp-auth-key-bindings';

export interface BindTempAuthKeyHandlerOptions {
  readonly keys: ServerAuthKeys;
  readonly clock: Clock;
  /** A binding was refused because it failed a check. */
  readonly onSecurityError: (error: SecurityError) => void;
  /** A temporary key is bound to a permanent one until `expiresAt` (unix seconds). */
  readonly onBound: (
    temporaryAuthKeyId: Uint8Array,
    permanentAuthKeyId: Uint8Array,
    expiresAt: number,
  ) => void;
}

export class BindTempAuthKeyHandler {
  private readonly bindings = new TempAuthKeyBindings();

  constructor(private readonly options: BindTempAuthKeyHandlerOptions) {}

  /**
   * Answers the request: it must arrive on a temporary key, name a permanent key this server knows,
   * and carry an encrypted_message that the permanent key decrypts to this key, this session and
   * this msg_id.
   */
  answer(
    temporary: ServerAuthKey,
    request: ServerRequest,
    bind: Api.AuthBindTempAuthKeyRequest,
    sessionId: bigint,
  ): void {
    if (temporary.expiresAt === undefined) return request.replyError(400, 'TEMP_AUTH_KEY_EMPTY');
    const permanentAuthKeyId = new Uint8Array(8);
    new DataView(permanentAuthKeyId.buffer).setBigInt64(0, bind.perm_auth_key_id, true);
    const permanent = this.options.keys.find(permanentAuthKeyId);
    if (permanent === undefined || permanent.expiresAt !== undefined) {
      this.options.onSecurityError(
        new SecurityError('bindTempAuthKey: perm_auth_key_id is not a permanent key'),
      );
      return request.replyError(400, 'ENCRYPTED_MESSAGE_INVALID');
    }
    const nowSeconds = this.nowSeconds();
    try {
      verifyBindTempAuthKeyRequest({
        request: bind,
        messageId: request.messageId,
        temporaryAuthKeyId: temporary.authKeyId,
        temporarySessionId: sessionId,
        permanentAuthKey: permanent.authKey,
        now: nowSeconds,
      });
    } catch (error) {
      if (!SecurityError.isInstance(error)) throw error;
      this.options.onSecurityError(error);
      return request.replyError(400, 'ENCRYPTED_MESSAGE_INVALID');
    }
    if (this.bindings.isBoundElsewhere(temporary.authKeyId, permanentAuthKeyId, nowSeconds)) {
      return request.replyError(400, 'TEMP_AUTH_KEY_ALREADY_BOUND');
    }
    const expiresAt = Math.min(bind.expires_at, temporary.expiresAt);
    this.bindings.bind(
      { temporaryAuthKeyId: temporary.authKeyId, permanentAuthKeyId: permanent.authKeyId, expiresAt },
      nowSeconds,
    );
    // The bound key now ends at the binding's expires_at, if that comes first.
    this.options.keys.add({ ...temporary, expiresAt });
    const answer = new TlWriter(4);
    answer.writeBool(true);
    request.reply(answer.finish());
    this.options.onBound(temporary.authKeyId, permanent.authKeyId, expiresAt);
  }

  /** The identity behind a key: itself when permanent, its bound permanent key when temporary. */
  permanentKeyIdOf(key: ServerAuthKey): Uint8Array | undefined {
    if (key.expiresAt === undefined) return key.authKeyId;
    return this.bindings.find(key.authKeyId, this.nowSeconds())?.permanentAuthKeyId;
  }

  /** A temporary key ends at its expiry (core.telegram.org/api/pfs); then it is unknown: -404. */
  isExpired(key: ServerAuthKey): boolean {
    return key.expiresAt !== undefined && key.expiresAt <= this.nowSeconds();
  }

  /** Forgets the binding of a revoked key. */
  forget(authKeyId: Uint8Array): void {
    this.bindings.remove(authKeyId);
  }

  private nowSeconds(): number {
    return Math.floor(this.options.clock.now() / 1000);
  }
}
