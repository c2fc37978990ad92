/**
 * The lifecycle of the client's temporary auth keys under perfect forward secrecy
 * (core.telegram.org/api/pfs): create a key with p_q_inner_data_temp_dc, bind it to the permanent key
 * with auth.bindTempAuthKey over its own session, renew it before it expires on the same connection,
 * switch calls to the new session and let the old one drain. The decisions (settings, binding request,
 * refusals) are in temporary-auth-keys.ts; this class runs them over the client's connection.
 */
import { longFromWireBytes } from '../auth/key-exchange-messages';
import type { Clock } from '../crypto/clock';
import { computeAuthKeyId } from '../crypto/key-exchange-kdf';
import type { RandomSource } from '../crypto/random-source';
import type { RsaPublicKey } from '../crypto/rsa-public-key';
import type { ClientSession } from '../session/client-session';
import type { MtprotoConnection } from '../transport/payload-connection';
import type { ClientSessionStore } from './client-session-store';
import { runAuthKeyExchange } from './run-auth-key-exchange';
import {
  bindTemporaryKey,
  isReusable,
  isTemporaryKeyRefusal,
  renewAt,
  type PfsSettings,
  type TemporaryAuthKey,
} from './temporary-auth-keys';
import { timerDelay } from './timer-delay';

/** A failed temporary key renewal is tried again after this long. */
const RENEWAL_RETRY_MS = 5_000;
/** A session replaced by a renewal gets this long to finish its calls before it is closed. */
const RETIRING_SESSION_MAX_MS = 60_000;

export interface TemporaryKeyManagerOptions {
  readonly settings: PfsSettings;
  readonly dcId: number;
  readonly publicKeys: readonly RsaPublicKey[] | undefined;
  readonly random: RandomSource;
  readonly clock: Clock;
  /** Bound on each key exchange. */
  readonly authTimeoutMs: number;
  /** Timeout of auth.bindTempAuthKey. */
  readonly callTimeoutMs: number;
  readonly store: ClientSessionStore;
  /** Aborted when the client closes: a renewal in progress stops with it. */
  readonly lifetime: AbortSignal;
}

/** What the manager needs of the client that owns the connection and the current session. */
export interface TemporaryKeyClient {
  /** The connection the client is attached to, if any. */
  attachedConnection(): MtprotoConnection | undefined;
  /** The session calls go to. */
  currentSession(): ClientSession | undefined;
  isConnected(): boolean;
  isClosed(): boolean;
  /** A session under `authKey`, wired to the client's events. */
  newSession(authKey: Uint8Array, serverSalt: bigint, timeOffsetSeconds: number): ClientSession;
  /** A renewal is done: `next` becomes the session calls go to. */
  replaceSession(next: ClientSession): void;
  /** The sessions changed: the client's timers follow the new deadlines. */
  sessionsChanged(): void;
  /** A renewal failed; it is tried again. */
  reportError(error: unknown): void;
}

export class TemporaryKeyManager {
  /** The permanent key: with PFS it only signs bindings. */
  private permanentAuthKey: Uint8Array | undefined;
  /** The temporary key the current session runs under. */
  private temporaryKey: TemporaryAuthKey | undefined;
  /**
   * Sessions besides the current one on the same connection, by auth_key_id: a new temporary key's
   * session while it binds, and replaced ones while their calls finish.
   */
  private readonly sideSessionKeys = new Map<ClientSession, Uint8Array>();
  /** Replaced sessions still draining, each with the timer that closes it at the latest. */
  private readonly retireTimers = new Map<ClientSession, ReturnType<typeof setTimeout>>();
  private renewalTimer: ReturnType<typeof setTimeout> | undefined;
  private renewing = false;

  constructor(
    private readonly options: TemporaryKeyManagerOptions,
    private readonly client: TemporaryKeyClient,
  ) {}

  /** auth_key_id (8 wire bytes) of the temporary key calls go under. */
  get authKeyId(): Uint8Array | undefined {
    return this.temporaryKey?.authKeyId;
  }

  /**
   * The first session of a connection: under the stored temporary key while it is still good,
   * else under a new one made and bound over `connection`.
   */
  async openSession(
    connection: MtprotoConnection,
    permanentAuthKey: Uint8Array,
    serverSalt: bigint,
    timeOffsetSeconds: number,
    signal: AbortSignal,
  ): Promise<ClientSession> {
    this.permanentAuthKey = permanentAuthKey;
    const temporary = await this.options.store.loadTemporaryKey();
    const serverNow = Math.floor(this.options.clock.now() / 1000) + timeOffsetSeconds;
    if (temporary !== undefined && isReusable(temporary, this.options.settings, serverNow)) {
      // Stored only once bound: the server still knows it and what it is bound to.
      this.temporaryKey = { ...temporary, authKeyId: computeAuthKeyId(temporary.key) };
      return this.client.newSession(temporary.key, serverSalt, timeOffsetSeconds);
    }
    return this.createBoundSession(connection, signal);
  }

  /** The side session an envelope is for, by its auth_key_id; undefined when it is the current one's. */
  sessionFor(payload: Uint8Array): ClientSession | undefined {
    for (const [session, authKeyId] of this.sideSessionKeys)
      if (hasAuthKeyId(payload, authKeyId)) return session;
    return undefined;
  }

  sideSessions(): Iterable<ClientSession> {
    return this.sideSessionKeys.keys();
  }

  /** Schedules the renewal of the temporary key `renewBeforeSeconds` before it expires. */
  scheduleRenewal(delayMs?: number): void {
    if (this.temporaryKey === undefined || !this.client.isConnected()) return;
    if (this.renewalTimer !== undefined || this.renewing) return;
    const serverNowMs =
      this.options.clock.now() + (this.client.currentSession()?.timeOffsetSeconds ?? 0) * 1000;
    const delay =
      delayMs ?? Math.max(0, renewAt(this.temporaryKey, this.options.settings) * 1000 - serverNowMs);
    this.renewalTimer = setTimeout(() => {
      this.renewalTimer = undefined;
      void this.renew();
    }, timerDelay(delay));
  }

  /** The connection is gone or the client closed: a renewal waits for the next connection. */
  stopRenewal(): void {
    if (this.renewalTimer !== undefined) clearTimeout(this.renewalTimer);
    this.renewalTimer = undefined;
  }

  /** Closes the replaced sessions whose calls have all been answered. */
  retireDrained(): void {
    for (const session of this.retireTimers.keys()) if (session.pendingCallCount === 0) this.retire(session);
  }

  /** After a reconnection, draining sessions send again what the server had not acknowledged. */
  resendUnacknowledged(): void {
    for (const retiring of this.retireTimers.keys()) retiring.resendUnacknowledged();
  }

  /** Closes every draining session now (the client closes or its key is gone). */
  retireAll(): void {
    for (const retiring of [...this.retireTimers.keys()]) this.retire(retiring);
  }

  /**
   * Transport error -404: the server no longer knows the temporary key (it expired). It is deleted
   * and the draining sessions closed; the permanent key stays and the next connection makes and
   * binds a new temporary key.
   */
  forgetKey(): void {
    this.temporaryKey = undefined;
    this.retireAll();
    this.options.store.forgetTemporaryKey();
  }

  /**
   * Makes and binds the next temporary key on the current connection, then switches to it at once:
   * new calls go to the new session; the old one stays on the connection until its calls are
   * answered (at most a minute, and never past its key's expiry), so nothing in flight is lost.
   */
  private async renew(): Promise<void> {
    const connection = this.client.attachedConnection();
    const previous = this.client.currentSession();
    const previousKey = this.temporaryKey;
    if (connection === undefined || previous === undefined || previousKey === undefined) return;
    this.renewing = true;
    let next: ClientSession;
    try {
      next = await this.createBoundSession(connection, this.options.lifetime);
    } catch (error) {
      this.renewing = false;
      if (this.client.isClosed()) return;
      this.client.reportError(error);
      this.scheduleRenewal(RENEWAL_RETRY_MS);
      return;
    }
    this.renewing = false;
    if (this.client.isClosed() || this.client.currentSession() !== previous) {
      next.close();
      return;
    }
    this.client.replaceSession(next);
    this.sideSessionKeys.set(previous, previousKey.authKeyId);
    const serverNowMs = this.options.clock.now() + previous.timeOffsetSeconds * 1000;
    const untilExpiry = previousKey.expiresAt * 1000 - serverNowMs - 1000;
    const retireTimer = setTimeout(
      () => this.retire(previous),
      Math.max(0, Math.min(RETIRING_SESSION_MAX_MS, untilExpiry)),
    );
    this.retireTimers.set(previous, retireTimer);
    this.retireDrained();
    this.client.sessionsChanged();
    this.scheduleRenewal();
  }

  /** Closes a replaced session: its acks go out, calls still waiting are rejected with `closed`. */
  private retire(session: ClientSession): void {
    const timer = this.retireTimers.get(session);
    if (timer !== undefined) clearTimeout(timer);
    this.retireTimers.delete(session);
    this.sideSessionKeys.delete(session);
    const acks = session.close();
    const connection = this.client.attachedConnection();
    if (connection !== undefined) for (const payload of acks) connection.send(payload).catch(() => undefined);
  }

  /**
   * Makes a temporary key over `connection` (p_q_inner_data_temp_dc), binds it with
   * auth.bindTempAuthKey in a session under it, and stores it. A refused binding
   * (ENCRYPTED_MESSAGE_INVALID, TEMP_AUTH_KEY_EMPTY) gets one more try with a new key.
   */
  private async createBoundSession(
    connection: MtprotoConnection,
    signal: AbortSignal,
  ): Promise<ClientSession> {
    const { settings, dcId, publicKeys, random, clock } = this.options;
    for (let attempt = 1; ; attempt++) {
      const result = await runAuthKeyExchange(
        connection,
        { dcId, publicKeys, random, clock, temporary: { expiresIn: settings.lifetimeSeconds } },
        this.options.authTimeoutMs,
        signal,
      );
      const temporary: TemporaryAuthKey = {
        key: result.authKey,
        authKeyId: result.authKeyId,
        expiresAt: result.expiresAt ?? result.serverTime + settings.lifetimeSeconds,
      };
      const serverSalt = longFromWireBytes(result.serverSalt);
      const session = this.client.newSession(temporary.key, serverSalt, result.timeOffset);
      try {
        await this.bindOver(connection, session, temporary);
      } catch (error) {
        session.close();
        if (attempt < 2 && isTemporaryKeyRefusal(error)) continue;
        throw error;
      }
      await this.options.store.storeTemporaryKey(temporary, serverSalt, result);
      this.temporaryKey = temporary;
      return session;
    }
  }

  /**
   * Runs auth.bindTempAuthKey in `session` over `connection`. The session is a side session while it
   * binds: the client's payload handler routes its answers to it, and before the connection is
   * attached (the first key) a listener of its own does.
   */
  private async bindOver(
    connection: MtprotoConnection,
    session: ClientSession,
    temporary: TemporaryAuthKey,
  ): Promise<void> {
    const pump = (): void => {
      for (const payload of session.flush()) connection.send(payload).catch(() => undefined);
    };
    this.sideSessionKeys.set(session, temporary.authKeyId);
    const stop =
      connection === this.client.attachedConnection()
        ? undefined
        : connection.on('payload', (payload) => {
            if (!hasAuthKeyId(payload, temporary.authKeyId)) return;
            session.receive(payload);
            pump();
          });
    try {
      const bound = bindTemporaryKey(session, this.permanentAuthKey!, temporary, {
        random: this.options.random,
        timeoutMs: this.options.callTimeoutMs,
      });
      pump();
      await bound;
    } finally {
      stop?.();
      this.sideSessionKeys.delete(session);
    }
  }
}

/** Whether an encrypted envelope is under the key with these auth_key_id wire bytes. */
function hasAuthKeyId(payload: Uint8Array, authKeyId: Uint8Array): boolean {
  if (payload.length < 8) return false;
  for (let index = 0; index < 8; index++) if (payload[index] !== authKeyId[index]) return false;
  return true;
}
