/**
 * The MTProto client driver: it joins a transport (core.telegram.org/mtproto/transports), the auth key
 * exchange (core.telegram.org/mtproto/auth_key) and the encrypted session
 * (core.telegram.org/mtproto/description) to real sockets and timers. The protocol decisions are the
 * sans-IO state machines' (`AuthKeyExchangeClient`, `ClientSession`); this file only moves bytes,
 * runs their deadlines, reconnects and keeps storage up to date.
 */
import type { AuthKeyExchangeResult } from '../auth/auth-key-exchange-result';
import { isPlainMessage } from '../auth/plain-message';
import { computeAuthKeyId } from '../crypto/key-exchange-kdf';
import { systemClock, type Clock } from '../crypto/clock';
import { secureRandomSource, type RandomSource } from '../crypto/random-source';
import type { RsaPublicKey } from '../crypto/rsa-public-key';
import { ConfigError } from '../errors/config-error';
import type { SecurityError } from '../errors/security-error';
import { SessionError } from '../errors/session-error';
import { TransportError } from '../errors/transport-error';
import { ClientSession, type ClientSessionOptions } from '../session/client-session';
import type { ConnectionInfo } from '../session/init-connection';
import type { ClientSessionEvent } from '../session/session-events';
import type * as Api from '../tl/generated/api-types';
import type * as Mtproto from '../tl/generated/mtproto-types';
import { connectWithFallback } from '../transport/connect-with-fallback';
import { DEFAULT_CONNECT_TIMEOUT_MS } from '../transport/node/open-with-deadline';
import type { MtprotoConnection } from '../transport/payload-connection';
import { TypedEventEmitter } from '../transport/typed-event-emitter';
import { createTransportCandidates, type ClientTransport } from './client-transport';
import { HttpLongPoll, type HttpWaitParameters } from './http-long-poll';
import { ReconnectBackoff, type ReconnectBackoffOptions } from './reconnect-backoff';
import { runAuthKeyExchange } from './run-auth-key-exchange';
import { MemoryStorage } from './storage/memory-storage';
import type { SessionStorage } from './storage/session-storage';
import { SessionStorageKeys } from './storage/session-storage-keys';
import { storageEntry } from './storage/storage-key';
import {
  bindTemporaryKey,
  isReusable,
  isTemporaryKeyRefusal,
  renewAt,
  resolvePfsSettings,
  type PfsOptions,
  type PfsSettings,
  type TemporaryAuthKey,
} from './temporary-auth-keys';

/** Where the client is in its life. */
export type ClientConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** Options of {@link MtprotoClient}. */
export interface MtprotoClientOptions {
  readonly host: string;
  readonly port: number;
  /** The DC number (obfuscation inits, p_q_inner_data_dc, storage keys). */
  readonly dcId: number;
  /** Transports in order of preference; the first that connects is used. */
  readonly transports: readonly ClientTransport[];
  /** Server keys to trust in the key exchange. Default: Telegram's published keys. */
  readonly publicKeys?: readonly RsaPublicKey[];
  /**
   * api_id and the initConnection fields; when given, the first call of each session is wrapped in
   * invokeWithLayer(initConnection(...)) (core.telegram.org/api/invoking#layers).
   */
  readonly initConnection?: ConnectionInfo;
  /** Where auth keys, salts and the time offset are kept. Default: a new MemoryStorage. */
  readonly storage?: SessionStorage;
  readonly random?: RandomSource;
  readonly clock?: Clock;
  /** Bound on opening one transport. Default 10 s. */
  readonly connectTimeoutMs?: number;
  /** Bound on the auth key exchange. Default 30 s. */
  readonly authTimeoutMs?: number;
  /** Timeout of calls that set none. Default 60 s. */
  readonly defaultTimeoutMs?: number;
  /** Reconnection delays. */
  readonly reconnect?: ReconnectBackoffOptions & {
    /** Give up (state `closed`, pending calls rejected) after this many failed attempts in a row. Default: never. */
    readonly maxAttempts?: number;
  };
  /**
   * Perfect forward secrecy (core.telegram.org/api/pfs): calls go under a temporary key bound to the
   * permanent one with auth.bindTempAuthKey, replaced `renewBeforeSeconds` before it expires. The
   * bound key is stored with its expiry and reused after a restart while it is valid. Off by default.
   */
  readonly pfs?: PfsOptions;
  /** HTTP transport only: the http_wait sent while calls are pending. */
  readonly httpWait?: Partial<HttpWaitParameters>;
  /** Passed to the session (keepalive interval, gzip threshold, acks). */
  readonly session?: Pick<
    ClientSessionOptions,
    | 'pingIntervalMs'
    | 'disconnectDelaySeconds'
    | 'gzipThreshold'
    | 'acks'
    | 'stateRequestAfterMs'
    | 'requestFutureSalts'
  >;
}

/** Options of {@link MtprotoClient.invoke}. */
export interface ClientInvokeOptions {
  /** Reject with SessionError `timeout` after this many ms (default: the client's defaultTimeoutMs). */
  readonly timeoutMs?: number;
  /** Reject with SessionError `aborted` when this fires. */
  readonly signal?: AbortSignal;
}

/** Events of {@link MtprotoClient}. */
export type MtprotoClientEvents = {
  /** The connection state changed; `error` says why a connection was lost. */
  state: (state: ClientConnectionState, error?: Error) => void;
  /** The server sent an update (a raw boxed `Updates` body). */
  update: (body: Uint8Array, messageId: bigint) => void;
  /** A received message failed a check and was dropped; the session goes on. */
  securityError: (error: SecurityError) => void;
  /** Something went wrong that did not stop the client (a storage write, an undecodable message). */
  error: (error: Error) => void;
};

const DEFAULT_AUTH_TIMEOUT_MS = 30_000;
/** A failed temporary key renewal is tried again after this long. */
const RENEWAL_RETRY_MS = 5_000;
/** A session replaced by a renewal gets this long to finish its calls before it is closed. */
const RETIRING_SESSION_MAX_MS = 60_000;
const DEFAULT_CALL_TIMEOUT_MS = 60_000;
/** setTimeout cannot wait longer than this. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/**
 * An MTProto client for one DC: it connects over the first working transport, creates the auth key
 * (or loads it from storage), runs the encrypted session and reconnects with capped exponential
 * backoff when the connection drops, sending again what the server had not acknowledged.
 *
 * @example
 * ```ts
 * const client = new MtprotoClient({
 *   host: '127.0.0.1', port: 2443, dcId: 2,
 *   transports: [{ kind: 'tcp', framing: 'intermediate', obfuscated: true }],
 *   publicKeys: [parseRsaPublicKeyPem(pem)],
 *   storage: await FileStorage.open('bot.session.json'),
 * });
 * client.on('state', (state) => console.log(state));
 * await client.connect();
 * const nearest = await client.invoke({ _: 'help.getNearestDc' }); // Api.NearestDc
 * await client.close();
 * ```
 */
export class MtprotoClient extends TypedEventEmitter<MtprotoClientEvents> {
  private readonly storage: SessionStorage;
  private readonly random: RandomSource;
  private readonly clock: Clock;
  private readonly backoff: ReconnectBackoff;
  private currentState: ClientConnectionState = 'idle';
  private session: ClientSession | undefined;
  private connection: MtprotoConnection | undefined;
  private transportName: string | undefined;
  private detachConnection: (() => void) | undefined;
  private connecting: Promise<void> | undefined;
  private tickTimer: ReturnType<typeof setTimeout> | undefined;
  private tickAt: number | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private flushScheduled = false;
  private readonly lifetime = new AbortController();
  private httpLongPoll: HttpLongPoll | undefined;
  private storageWrites: Promise<void> = Promise.resolve();
  private readonly pfs: PfsSettings | undefined;
  /** PFS: the permanent key (it only signs bindings) and the temporary key the session runs under. */
  private permanentAuthKey: Uint8Array | undefined;
  private temporaryKey: TemporaryAuthKey | undefined;
  /**
   * Sessions besides the current one on the same connection, by auth_key_id: a new temporary key's
   * session while it binds, and replaced ones while their calls finish.
   */
  private readonly sideSessions = new Map<ClientSession, Uint8Array>();
  private renewalTimer: ReturnType<typeof setTimeout> | undefined;
  private renewing = false;

  constructor(private readonly options: MtprotoClientOptions) {
    super();
    if (options.transports.length === 0) throw new ConfigError('MtprotoClient needs at least one transport');
    this.storage = options.storage ?? new MemoryStorage();
    this.random = options.random ?? secureRandomSource;
    this.clock = options.clock ?? systemClock;
    this.backoff = new ReconnectBackoff(options.reconnect);
    this.pfs = resolvePfsSettings(options.pfs);
  }

  /** PFS: auth_key_id (8 wire bytes) of the temporary key calls go under; undefined without PFS. */
  get temporaryAuthKeyId(): Uint8Array | undefined {
    return this.pfs === undefined ? undefined : this.temporaryKey?.authKeyId;
  }

  get state(): ClientConnectionState {
    return this.currentState;
  }

  /** Name of the transport in use, e.g. `tcp/obfuscated-intermediate` (undefined when not connected). */
  get transport(): string | undefined {
    return this.currentState === 'connected' ? this.transportName : undefined;
  }

  /** Calls waiting for their answer. */
  get pendingCallCount(): number {
    return this.session?.pendingCallCount ?? 0;
  }

  /**
   * Connects and makes sure an auth key exists. Resolves once the session can carry calls. Rejects
   * with the transports' TransportError (`all-attempts-failed`), or the key exchange's SecurityError,
   * AuthKeyError or TransportError; the client is `idle` again then and connect() may be retried.
   */
  connect(signal?: AbortSignal): Promise<void> {
    if (this.currentState === 'closed') {
      return Promise.reject(new SessionError('closed', 'the client is closed'));
    }
    if (this.connecting !== undefined) return this.connecting;
    if (this.currentState !== 'idle') return Promise.resolve();
    this.setState('connecting');
    const attempt = this.establish(signal).then(
      () => {
        this.connecting = undefined;
      },
      (error: unknown) => {
        this.connecting = undefined;
        if (this.currentState === 'connecting') this.setState('idle');
        throw error;
      },
    );
    this.connecting = attempt;
    return attempt;
  }

  /**
   * Calls an API method; the result is typed by the method. Connects first when needed. Rejects with
   * an RpcError (FloodWaitError, MigrateError, ...) for the server's rpc_error, a SessionError
   * (`timeout`, `aborted`, `closed`, `bad-message`), or the connect error.
   *
   * @example
   * ```ts
   * const config = await client.invoke({ _: 'help.getConfig' }, { timeoutMs: 10_000 });
   * ```
   */
  invoke<R extends Api.TlMethod>(request: R, options: ClientInvokeOptions = {}): Promise<Api.TlResult<R>> {
    const callOptions = {
      timeoutMs: options.timeoutMs ?? this.options.defaultTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
      signal: options.signal,
    };
    // Without waiting when the session is ready, so calls made together leave in one container.
    const session = this.currentState === 'connected' ? this.session : undefined;
    const start = (ready: ClientSession): Promise<Api.TlResult<R>> => {
      const call = ready.invoke<R>(request, callOptions);
      this.afterSessionChange();
      return call.result;
    };
    if (session !== undefined) return start(session);
    // Chained through unknown: inferring `then` over the result union is too deep for tsc.
    const started: Promise<unknown> = this.readySession().then((ready): Promise<unknown> => start(ready));
    return started as Promise<Api.TlResult<R>>;
  }

  /** Sends a ping and resolves with the pong (core.telegram.org/mtproto/service_messages). */
  async ping(options: ClientInvokeOptions = {}): Promise<Mtproto.Pong> {
    const session = await this.readySession();
    const call = session.ping({
      timeoutMs: options.timeoutMs ?? this.options.defaultTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
      signal: options.signal,
    });
    this.afterSessionChange();
    return call.result;
  }

  /**
   * Closes the client: sends the acknowledgements still owed, closes the connection, rejects pending
   * calls with SessionError `closed` and waits for storage writes. Idempotent. The storage itself is
   * the caller's and stays open.
   */
  async close(): Promise<void> {
    if (this.currentState === 'closed') return;
    this.setState('closed');
    this.lifetime.abort();
    this.clearTimers();
    this.httpLongPoll?.stop();
    const connection = this.connection;
    const session = this.session;
    this.connection = undefined;
    this.detachConnection?.();
    this.detachConnection = undefined;
    for (const retiring of [...this.retireTimers.keys()]) this.retire(retiring);
    if (session !== undefined) {
      const acks = session.close();
      if (connection !== undefined && connection.state === 'open') {
        await Promise.all(acks.map((payload) => connection.send(payload))).catch(() => undefined);
      }
      this.persistSession(session);
    }
    await connection?.close();
    await this.storageWrites;
  }

  private async readySession(): Promise<ClientSession> {
    if (this.currentState === 'closed') throw new SessionError('closed', 'the client is closed');
    if (this.session === undefined || this.currentState === 'connecting') await this.connect();
    const session = this.session;
    if (session === undefined) throw new SessionError('closed', 'the client is closed');
    return session;
  }

  /** Opens a transport, makes or loads the auth key and attaches the connection to the session. */
  private async establish(signal?: AbortSignal): Promise<void> {
    const abort = signal ? AbortSignal.any([signal, this.lifetime.signal]) : this.lifetime.signal;
    const candidates = createTransportCandidates(this.options.transports, {
      host: this.options.host,
      port: this.options.port,
      dcId: this.options.dcId,
      connectTimeoutMs: this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      random: this.random,
    });
    const { connection, name } = await connectWithFallback(candidates, abort);
    try {
      if (this.session === undefined) this.session = await this.createSession(connection, abort);
    } catch (error) {
      await connection.close();
      throw error;
    }
    if (this.lifetime.signal.aborted) {
      await connection.close();
      throw new SessionError('closed', 'the client was closed while connecting');
    }
    this.transportName = name;
    this.attach(connection);
  }

  private async createSession(connection: MtprotoConnection, signal: AbortSignal): Promise<ClientSession> {
    const dcId = this.options.dcId;
    const [stored, salts, timeOffset] = await Promise.all([
      this.storage.get(SessionStorageKeys.authKey(dcId)),
      this.storage.get(SessionStorageKeys.serverSalts(dcId)),
      this.storage.get(SessionStorageKeys.timeOffset),
    ]);
    let authKey = stored?.key;
    let serverSalt = salts?.[0]?.salt ?? 0n;
    let timeOffsetSeconds = timeOffset ?? 0;
    if (authKey === undefined) {
      const result = await runAuthKeyExchange(
        connection,
        { dcId, publicKeys: this.options.publicKeys, random: this.random, clock: this.clock },
        this.options.authTimeoutMs ?? DEFAULT_AUTH_TIMEOUT_MS,
        signal,
      );
      authKey = result.authKey;
      serverSalt = saltFromWireBytes(result.serverSalt);
      timeOffsetSeconds = result.timeOffset;
      await this.storeNewKey(result, serverSalt);
    }
    if (this.pfs === undefined) return this.newSession(authKey, serverSalt, timeOffsetSeconds);
    this.permanentAuthKey = authKey;
    const temporary = await this.storage.get(SessionStorageKeys.tempAuthKey(dcId));
    const serverNow = Math.floor(this.clock.now() / 1000) + timeOffsetSeconds;
    if (temporary !== undefined && isReusable(temporary, this.pfs, serverNow)) {
      // Stored only once bound: the server still knows it and what it is bound to.
      this.temporaryKey = { ...temporary, authKeyId: computeAuthKeyId(temporary.key) };
      return this.newSession(temporary.key, serverSalt, timeOffsetSeconds);
    }
    return this.createBoundTemporarySession(connection, signal);
  }

  private newSession(authKey: Uint8Array, serverSalt: bigint, timeOffsetSeconds: number): ClientSession {
    return new ClientSession({
      ...this.options.session,
      authKey,
      serverSalt,
      timeOffsetSeconds,
      clock: this.clock,
      random: this.random,
      connection: this.options.initConnection,
      onEvent: (event) => this.onSessionEvent(event),
    });
  }

  /**
   * PFS: makes a temporary key over `connection` (p_q_inner_data_temp_dc), binds it with
   * auth.bindTempAuthKey in a session under it, and stores it. A refused binding
   * (ENCRYPTED_MESSAGE_INVALID, TEMP_AUTH_KEY_EMPTY) gets one more try with a new key.
   */
  private async createBoundTemporarySession(
    connection: MtprotoConnection,
    signal: AbortSignal,
  ): Promise<ClientSession> {
    const pfs = this.pfs!;
    const dcId = this.options.dcId;
    for (let attempt = 1; ; attempt++) {
      const result = await runAuthKeyExchange(
        connection,
        {
          dcId,
          publicKeys: this.options.publicKeys,
          random: this.random,
          clock: this.clock,
          temporary: { expiresIn: pfs.lifetimeSeconds },
        },
        this.options.authTimeoutMs ?? DEFAULT_AUTH_TIMEOUT_MS,
        signal,
      );
      const temporary: TemporaryAuthKey = {
        key: result.authKey,
        authKeyId: result.authKeyId,
        expiresAt: result.expiresAt ?? result.serverTime + pfs.lifetimeSeconds,
      };
      const serverSalt = saltFromWireBytes(result.serverSalt);
      const session = this.newSession(temporary.key, serverSalt, result.timeOffset);
      try {
        await this.bindOver(connection, session, temporary);
      } catch (error) {
        session.close();
        if (attempt < 2 && isTemporaryKeyRefusal(error)) continue;
        throw error;
      }
      await this.storage.setMany([
        storageEntry(SessionStorageKeys.tempAuthKey(dcId), {
          key: temporary.key,
          expiresAt: temporary.expiresAt,
        }),
        storageEntry(SessionStorageKeys.serverSalts(dcId), [
          { salt: serverSalt, validSince: result.serverTime, validUntil: result.serverTime + 1800 },
        ]),
        storageEntry(SessionStorageKeys.timeOffset, result.timeOffset),
      ]);
      this.temporaryKey = temporary;
      return session;
    }
  }

  /**
   * Runs auth.bindTempAuthKey in `session` over `connection`. The session is a side session while it
   * binds: the connection's handler routes its answers to it, and before the connection is attached
   * (the first key) a listener of its own does.
   */
  private async bindOver(
    connection: MtprotoConnection,
    session: ClientSession,
    temporary: TemporaryAuthKey,
  ): Promise<void> {
    const pump = (): void => {
      for (const payload of session.flush()) connection.send(payload).catch(() => undefined);
    };
    this.sideSessions.set(session, temporary.authKeyId);
    const stop =
      connection === this.connection
        ? undefined
        : connection.on('payload', (payload) => {
            if (!hasAuthKeyId(payload, temporary.authKeyId)) return;
            session.receive(payload);
            pump();
          });
    try {
      const bound = bindTemporaryKey(session, this.permanentAuthKey!, temporary, {
        random: this.random,
        timeoutMs: this.options.defaultTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
      });
      pump();
      await bound;
    } finally {
      stop?.();
      this.sideSessions.delete(session);
    }
  }

  /** PFS: schedules the renewal of the temporary key `renewBeforeSeconds` before it expires. */
  private scheduleRenewal(delayMs?: number): void {
    if (this.pfs === undefined || this.temporaryKey === undefined || this.currentState !== 'connected')
      return;
    if (this.renewalTimer !== undefined || this.renewing) return;
    const serverNowMs = this.clock.now() + (this.session?.timeOffsetSeconds ?? 0) * 1000;
    const delay = delayMs ?? Math.max(0, renewAt(this.temporaryKey, this.pfs) * 1000 - serverNowMs);
    this.renewalTimer = setTimeout(
      () => {
        this.renewalTimer = undefined;
        void this.renewTemporaryKey();
      },
      Math.min(MAX_TIMER_DELAY_MS, delay),
    );
  }

  /**
   * PFS: makes and binds the next temporary key on the current connection, then switches to it at
   * once: new calls go to the new session; the old one stays on the connection until its calls are
   * answered (at most a minute, and never past its key's expiry), so nothing in flight is lost.
   */
  private async renewTemporaryKey(): Promise<void> {
    const connection = this.connection;
    const previous = this.session;
    const previousKey = this.temporaryKey;
    if (connection === undefined || previous === undefined || previousKey === undefined) return;
    this.renewing = true;
    let next: ClientSession;
    try {
      next = await this.createBoundTemporarySession(connection, this.lifetime.signal);
    } catch (error) {
      this.renewing = false;
      if (this.currentState === 'closed') return;
      this.emit('error', error instanceof Error ? error : new Error(String(error)));
      this.scheduleRenewal(RENEWAL_RETRY_MS);
      return;
    }
    this.renewing = false;
    if (this.currentState === 'closed' || this.session !== previous) {
      next.close();
      return;
    }
    this.session = next;
    this.sideSessions.set(previous, previousKey.authKeyId);
    const serverNowMs = this.clock.now() + previous.timeOffsetSeconds * 1000;
    const untilExpiry = previousKey.expiresAt * 1000 - serverNowMs - 1000;
    const retireTimer = setTimeout(
      () => this.retire(previous),
      Math.max(0, Math.min(RETIRING_SESSION_MAX_MS, untilExpiry)),
    );
    this.retireTimers.set(previous, retireTimer);
    this.retireDrained();
    this.afterSessionChange();
    this.scheduleRenewal();
  }

  private readonly retireTimers = new Map<ClientSession, ReturnType<typeof setTimeout>>();

  /** Closes the replaced sessions whose calls have all been answered. */
  private retireDrained(): void {
    for (const session of this.retireTimers.keys()) if (session.pendingCallCount === 0) this.retire(session);
  }

  /** Closes a replaced session: its acks go out, calls still waiting are rejected with `closed`. */
  private retire(session: ClientSession): void {
    const timer = this.retireTimers.get(session);
    if (timer !== undefined) clearTimeout(timer);
    this.retireTimers.delete(session);
    this.sideSessions.delete(session);
    const acks = session.close();
    const connection = this.connection;
    if (connection !== undefined) for (const payload of acks) connection.send(payload).catch(() => undefined);
  }

  /** A new key is stored before it is used, so a crash right after cannot orphan the server's copy. */
  private storeNewKey(result: AuthKeyExchangeResult, serverSalt: bigint): Promise<void> {
    const dcId = this.options.dcId;
    return this.storage.setMany([
      storageEntry(SessionStorageKeys.authKey(dcId), { key: result.authKey }),
      storageEntry(SessionStorageKeys.serverSalts(dcId), [
        // The first salt is good for 30 minutes of server time (core.telegram.org/mtproto/auth_key).
        { salt: serverSalt, validSince: result.serverTime, validUntil: result.serverTime + 1800 },
      ]),
      storageEntry(SessionStorageKeys.timeOffset, result.timeOffset),
      storageEntry(SessionStorageKeys.currentDc, dcId),
    ]);
  }

  private attach(connection: MtprotoConnection): void {
    this.connection = connection;
    const stopPayload = connection.on('payload', (payload) => {
      // Plain messages belong to a key exchange running on this connection (a PFS renewal).
      if (isPlainMessage(payload)) return;
      this.sessionFor(payload)?.receive(payload);
      if (this.retireTimers.size > 0) this.retireDrained();
      if (this.httpLongPoll !== undefined) {
        this.httpLongPoll.answered();
        if (this.pendingCallCount > 0) this.scheduleFlush();
      }
      this.afterSessionChange();
    });
    const stopClose = connection.on('close', (error) => this.connectionLost(connection, error));
    this.detachConnection = () => {
      stopPayload();
      stopClose();
    };
    this.httpLongPoll?.stop();
    this.httpLongPoll = connection.description.startsWith('http ')
      ? new HttpLongPoll(this.options.httpWait, () => this.scheduleFlush())
      : undefined;
    this.backoff.reset();
    this.setState('connected');
    this.afterSessionChange();
    this.scheduleFlush();
    this.scheduleRenewal();
  }

  /** The session a received envelope is for: a side session by auth_key_id, else the current one. */
  private sessionFor(payload: Uint8Array): ClientSession | undefined {
    for (const [session, authKeyId] of this.sideSessions)
      if (hasAuthKeyId(payload, authKeyId)) return session;
    return this.session;
  }

  private connectionLost(connection: MtprotoConnection, error: Error | undefined): void {
    if (connection !== this.connection || this.currentState === 'closed') return;
    this.detachConnection?.();
    this.detachConnection = undefined;
    this.connection = undefined;
    this.httpLongPoll?.stop();
    if (this.renewalTimer !== undefined) clearTimeout(this.renewalTimer);
    this.renewalTimer = undefined;
    if (TransportError.isInstance(error) && error.code === -404) {
      if (this.pfs === undefined) this.forgetAuthKey();
      else this.forgetTemporaryKey();
    }
    this.setState('reconnecting', error);
    this.scheduleReconnect();
  }

  /**
   * Transport error -404: the server does not know our key. It is deleted; the session under it is
   * closed (its calls are rejected) and the next connection makes a new key.
   */
  private forgetAuthKey(): void {
    const session = this.session;
    this.session = undefined;
    session?.close();
    this.trackStorage(this.storage.delete(SessionStorageKeys.authKey(this.options.dcId)));
  }

  /**
   * PFS, transport error -404: the server no longer knows the temporary key (it expired). It is
   * deleted and its session closed (its calls are rejected); the permanent key stays and the next
   * connection makes and binds a new temporary key.
   */
  private forgetTemporaryKey(): void {
    const session = this.session;
    this.session = undefined;
    this.temporaryKey = undefined;
    session?.close();
    for (const retiring of [...this.retireTimers.keys()]) this.retire(retiring);
    this.trackStorage(this.storage.delete(SessionStorageKeys.tempAuthKey(this.options.dcId)));
  }

  private scheduleReconnect(): void {
    const maxAttempts = this.options.reconnect?.maxAttempts;
    if (maxAttempts !== undefined && this.backoff.attempts >= maxAttempts) {
      void this.giveUp(
        new TransportError('all-attempts-failed', `gave up reconnecting after ${maxAttempts} attempts`),
      );
      return;
    }
    const delay = this.backoff.next(this.randomUnit());
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.establish().then(
        () => this.resumeAfterReconnect(),
        (error: unknown) => {
          if (this.currentState === 'closed') return;
          this.emit('error', error instanceof Error ? error : new Error(String(error)));
          this.scheduleReconnect();
        },
      );
    }, delay);
  }

  /**
   * What was in flight on the lost connection may never have arrived: the session queues again what
   * the server had not acknowledged. When everything was acknowledged, a ping tells the server which
   * connection the session is on now, so the answers it holds come back at once.
   */
  private resumeAfterReconnect(): void {
    const session = this.session;
    if (session === undefined) return;
    session.resendUnacknowledged();
    for (const retiring of this.retireTimers.keys()) retiring.resendUnacknowledged();
    if (session.pendingCallCount > 0) session.ping({ timeoutMs: 30_000 }).result.catch(() => undefined);
    this.afterSessionChange();
  }

  private async giveUp(error: Error): Promise<void> {
    this.emit('error', error);
    await this.close();
  }

  private onSessionEvent(event: ClientSessionEvent): void {
    switch (event.type) {
      case 'flush-needed':
        this.scheduleFlush();
        break;
      case 'security-error':
        this.emit('securityError', event.error);
        break;
      case 'decode-error':
        this.emit('error', event.error);
        break;
      case 'update':
        this.emit('update', event.body, event.messageId);
        break;
      case 'salt-changed':
      case 'new-session-created':
      case 'time-synchronized':
        if (this.session !== undefined) this.persistSession(this.session);
        break;
      case 'session-reset':
        break;
    }
  }

  private persistSession(session: ClientSession): void {
    const dcId = this.options.dcId;
    const serverNow = Math.floor(this.clock.now() / 1000) + session.timeOffsetSeconds;
    this.trackStorage(
      this.storage.setMany([
        storageEntry(SessionStorageKeys.serverSalts(dcId), [
          { salt: session.serverSalt, validSince: serverNow, validUntil: serverNow + 1800 },
        ]),
        storageEntry(SessionStorageKeys.timeOffset, session.timeOffsetSeconds),
      ]),
    );
  }

  private trackStorage(write: Promise<void>): void {
    const reported = write.catch((error: unknown) =>
      this.emit('error', error instanceof Error ? error : new Error(String(error))),
    );
    this.storageWrites = this.storageWrites.then(() => reported);
  }

  /** Many calls made in one turn of the event loop leave together (in one container when they fit). */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    const session = this.session;
    const connection = this.connection;
    if (session === undefined || connection === undefined || this.currentState !== 'connected') return;
    const longPoll = this.httpLongPoll;
    const now = this.clock.now();
    if (longPoll !== undefined && longPoll.shouldWait(session.pendingCallCount, now)) {
      session.httpWait(longPoll.parameters);
      longPoll.polled(now);
    }
    for (const current of [session, ...this.sideSessions.keys()]) {
      for (const payload of current.flush()) {
        connection.send(payload).catch(() => {
          // A failed send means the connection is going; its close event starts the reconnection.
        });
      }
    }
    this.afterSessionChange();
  }

  /** Runs the session's next deadline on a timer (one timer, moved as the deadline moves). */
  private afterSessionChange(): void {
    const session = this.session;
    if (session === undefined || this.currentState === 'closed') return;
    const deadline = session.nextDeadline();
    if (deadline === this.tickAt) return;
    if (this.tickTimer !== undefined) clearTimeout(this.tickTimer);
    this.tickTimer = undefined;
    this.tickAt = deadline;
    if (deadline === undefined) return;
    const delay = Math.min(MAX_TIMER_DELAY_MS, Math.max(0, deadline - this.clock.now()));
    this.tickTimer = setTimeout(() => {
      this.tickTimer = undefined;
      this.tickAt = undefined;
      this.session?.tick();
      this.afterSessionChange();
    }, delay);
  }

  private clearTimers(): void {
    if (this.tickTimer !== undefined) clearTimeout(this.tickTimer);
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    if (this.renewalTimer !== undefined) clearTimeout(this.renewalTimer);
    this.renewalTimer = undefined;
    this.tickTimer = undefined;
    this.tickAt = undefined;
    this.reconnectTimer = undefined;
  }

  private setState(state: ClientConnectionState, error?: Error): void {
    if (this.currentState === state) return;
    this.currentState = state;
    this.emit('state', state, error);
  }

  /** A random number in [0, 1) from the injected source (backoff jitter). */
  private randomUnit(): number {
    const bytes = this.random(4);
    return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0) / 2 ** 32;
  }
}

/** Whether an encrypted envelope is under the key with these auth_key_id wire bytes. */
function hasAuthKeyId(payload: Uint8Array, authKeyId: Uint8Array): boolean {
  if (payload.length < 8) return false;
  for (let index = 0; index < 8; index++) if (payload[index] !== authKeyId[index]) return false;
  return true;
}

/** server_salt arrives as 8 wire bytes; the session carries it as a signed little-endian long. */
function saltFromWireBytes(bytes: Uint8Array): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset, 8).getBigInt64(0, true);
}
