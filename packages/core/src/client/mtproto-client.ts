/**
 * The MTProto client driver: it joins a transport (core.telegram.org/mtproto/transports), the auth key
 * exchange (core.telegram.org/mtproto/auth_key) and the encrypted session
 * (core.telegram.org/mtproto/description) to real sockets and timers. The protocol decisions are the
 * sans-IO state machines' (`AuthKeyExchangeClient`, `ClientSession`); this file runs the connection
 * lifecycle (connect, reconnect, -404, close). The session timers are in session-pump.ts, the
 * temporary keys of PFS in temporary-key-manager.ts and the storage entries in client-session-store.ts.
 */
import { longFromWireBytes } from '../auth/key-exchange-messages';
import { isPlainMessage } from '../auth/plain-message';
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
import { ClientSessionStore } from './client-session-store';
import { createTransportCandidates, type ClientTransport } from './client-transport';
import type { HttpWaitParameters } from './http-long-poll';
import { ReconnectBackoff, type ReconnectBackoffOptions } from './reconnect-backoff';
import { runAuthKeyExchange } from './run-auth-key-exchange';
import { SessionPump } from './session-pump';
import { MemoryStorage } from './storage/memory-storage';
import type { SessionStorage } from './storage/session-storage';
import { resolvePfsSettings, type PfsOptions } from './temporary-auth-keys';
import { TemporaryKeyManager } from './temporary-key-manager';

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
  /** The server created a new session (new_session_created): updates sent before may be lost. */
  newSession: () => void;
  /** A received message failed a check and was dropped; the session goes on. */
  securityError: (error: SecurityError) => void;
  /** Something went wrong that did not stop the client (a storage write, an undecodable message). */
  error: (error: Error) => void;
};

const DEFAULT_AUTH_TIMEOUT_MS = 30_000;
const DEFAULT_CALL_TIMEOUT_MS = 60_000;

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
  private readonly random: RandomSource;
  private readonly clock: Clock;
  private readonly backoff: ReconnectBackoff;
  private readonly store: ClientSessionStore;
  private readonly pump: SessionPump;
  /** PFS: the temporary keys the session runs under; undefined without PFS. */
  private readonly temporaryKeys: TemporaryKeyManager | undefined;
  private currentState: ClientConnectionState = 'idle';
  private session: ClientSession | undefined;
  private connection: MtprotoConnection | undefined;
  private transportName: string | undefined;
  private detachConnection: (() => void) | undefined;
  private connecting: Promise<void> | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly lifetime = new AbortController();

  constructor(private readonly options: MtprotoClientOptions) {
    super();
    if (options.transports.length === 0) throw new ConfigError('MtprotoClient needs at least one transport');
    this.random = options.random ?? secureRandomSource;
    this.clock = options.clock ?? systemClock;
    this.backoff = new ReconnectBackoff(options.reconnect);
    this.store = new ClientSessionStore(
      options.storage ?? new MemoryStorage(),
      options.dcId,
      this.clock,
      (error) => this.reportError(error),
    );
    this.pump = new SessionPump(this.clock, options.httpWait, {
      currentSession: () => this.session,
      sideSessions: () => this.temporaryKeys?.sideSessions() ?? [],
      connectedConnection: () => (this.currentState === 'connected' ? this.connection : undefined),
      isClosed: () => this.currentState === 'closed',
    });
    const pfs = resolvePfsSettings(options.pfs);
    this.temporaryKeys =
      pfs === undefined
        ? undefined
        : new TemporaryKeyManager(
            {
              settings: pfs,
              dcId: options.dcId,
              publicKeys: options.publicKeys,
              random: this.random,
              clock: this.clock,
              authTimeoutMs: this.authTimeoutMs,
              callTimeoutMs: options.defaultTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
              store: this.store,
              lifetime: this.lifetime.signal,
            },
            {
              attachedConnection: () => this.connection,
              currentSession: () => this.session,
              isConnected: () => this.currentState === 'connected',
              isClosed: () => this.currentState === 'closed',
              newSession: (authKey, serverSalt, timeOffsetSeconds) =>
                this.newSession(authKey, serverSalt, timeOffsetSeconds),
              replaceSession: (next) => {
                this.session = next;
              },
              sessionsChanged: () => this.pump.sessionChanged(),
              reportError: (error) => this.reportError(error),
            },
          );
  }

  /** PFS: auth_key_id (8 wire bytes) of the temporary key calls go under; undefined without PFS. */
  get temporaryAuthKeyId(): Uint8Array | undefined {
    return this.temporaryKeys?.authKeyId;
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
      return Promise.reject(new SessionError('closed', 'the client is closed', undefined, { notSent: true }));
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
    const callOptions = this.callOptions(options);
    // Without waiting when the session is ready, so calls made together leave in one container.
    const session = this.currentState === 'connected' ? this.session : undefined;
    const start = (ready: ClientSession): Promise<Api.TlResult<R>> => {
      const call = ready.invoke<R>(request, callOptions);
      this.pump.sessionChanged();
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
    const call = session.ping(this.callOptions(options));
    this.pump.sessionChanged();
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
    this.pump.stop();
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.temporaryKeys?.stopRenewal();
    const connection = this.connection;
    const session = this.session;
    this.connection = undefined;
    this.detachConnection?.();
    this.detachConnection = undefined;
    this.temporaryKeys?.retireAll();
    if (session !== undefined) {
      const acks = session.close();
      if (connection !== undefined && connection.state === 'open') {
        await Promise.all(acks.map((payload) => connection.send(payload))).catch(() => undefined);
      }
      this.store.persistSession(session);
    }
    await connection?.close();
    await this.store.settled();
  }

  private get authTimeoutMs(): number {
    return this.options.authTimeoutMs ?? DEFAULT_AUTH_TIMEOUT_MS;
  }

  private callOptions(options: ClientInvokeOptions): { timeoutMs: number; signal: AbortSignal | undefined } {
    return {
      timeoutMs: options.timeoutMs ?? this.options.defaultTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
      signal: options.signal,
    };
  }

  private async readySession(): Promise<ClientSession> {
    if (this.currentState === 'closed')
      throw new SessionError('closed', 'the client is closed', undefined, { notSent: true });
    if (this.session === undefined || this.currentState === 'connecting') await this.connect();
    const session = this.session;
    if (session === undefined)
      throw new SessionError('closed', 'the client is closed', undefined, { notSent: true });
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
      throw new SessionError('closed', 'the client was closed while connecting', undefined, {
        notSent: true,
      });
    }
    this.transportName = name;
    this.attach(connection);
  }

  /** The session of a new connection: under the stored or a new permanent key, or with PFS a temporary one. */
  private async createSession(connection: MtprotoConnection, signal: AbortSignal): Promise<ClientSession> {
    let { authKey, serverSalt, timeOffsetSeconds } = await this.store.load();
    if (authKey === undefined) {
      const result = await runAuthKeyExchange(
        connection,
        {
          dcId: this.options.dcId,
          publicKeys: this.options.publicKeys,
          random: this.random,
          clock: this.clock,
        },
        this.authTimeoutMs,
        signal,
      );
      authKey = result.authKey;
      serverSalt = longFromWireBytes(result.serverSalt);
      timeOffsetSeconds = result.timeOffset;
      await this.store.storeAuthKey(result, serverSalt);
    }
    if (this.temporaryKeys === undefined) return this.newSession(authKey, serverSalt, timeOffsetSeconds);
    return this.temporaryKeys.openSession(connection, authKey, serverSalt, timeOffsetSeconds, signal);
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

  private attach(connection: MtprotoConnection): void {
    this.connection = connection;
    const stopPayload = connection.on('payload', (payload) => {
      // Plain messages belong to a key exchange running on this connection (a PFS renewal).
      if (isPlainMessage(payload)) return;
      // An envelope under a side session's key (PFS binding or draining) is that session's.
      (this.temporaryKeys?.sessionFor(payload) ?? this.session)?.receive(payload);
      this.temporaryKeys?.retireDrained();
      this.pump.payloadReceived();
      this.pump.sessionChanged();
    });
    const stopClose = connection.on('close', (error) => this.connectionLost(connection, error));
    this.detachConnection = () => {
      stopPayload();
      stopClose();
    };
    this.pump.connectionAttached(connection);
    this.backoff.reset();
    this.setState('connected');
    this.pump.sessionChanged();
    this.pump.scheduleFlush();
    this.temporaryKeys?.scheduleRenewal();
  }

  private connectionLost(connection: MtprotoConnection, error: Error | undefined): void {
    if (connection !== this.connection || this.currentState === 'closed') return;
    this.detachConnection?.();
    this.detachConnection = undefined;
    this.connection = undefined;
    this.pump.connectionLost();
    this.temporaryKeys?.stopRenewal();
    if (TransportError.isInstance(error) && error.code === -404) this.forgetUnknownKey();
    this.setState('reconnecting', error);
    this.scheduleReconnect();
  }

  /**
   * Transport error -404: the server does not know our key. The session under it is closed (its
   * calls are rejected) and the key deleted: without PFS the permanent key, so the next connection
   * makes a new one; with PFS the temporary key (it expired), so the next connection binds a new one.
   */
  private forgetUnknownKey(): void {
    const session = this.session;
    this.session = undefined;
    session?.close();
    if (this.temporaryKeys === undefined) this.store.forgetAuthKey();
    else this.temporaryKeys.forgetKey();
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
          this.reportError(error);
          this.scheduleReconnect();
        },
      );
    }, delay);
  }

  /**
   * What was in flight on the lost connection may never have arrived: the session queues again what
   * the server had not acknowledged. When everything was acknowledged, a ping tells the server which
   * connection the session is on now, so the answers it holds come back at once. The next new call
   * carries invokeWithLayer/initConnection again, as the first call of every connection does.
   */
  private resumeAfterReconnect(): void {
    const session = this.session;
    if (session === undefined) return;
    session.connectionReplaced();
    session.resendUnacknowledged();
    this.temporaryKeys?.resendUnacknowledged();
    if (session.pendingCallCount > 0) session.ping({ timeoutMs: 30_000 }).result.catch(() => undefined);
    this.pump.sessionChanged();
  }

  private async giveUp(error: Error): Promise<void> {
    this.emit('error', error);
    await this.close();
  }

  private onSessionEvent(event: ClientSessionEvent): void {
    switch (event.type) {
      case 'flush-needed':
        this.pump.scheduleFlush();
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
      case 'new-session-created':
        if (this.session !== undefined) this.store.persistSession(this.session);
        this.emit('newSession');
        break;
      case 'salt-changed':
      case 'time-synchronized':
        if (this.session !== undefined) this.store.persistSession(this.session);
        break;
      case 'session-reset':
        break;
    }
  }

  private reportError(error: unknown): void {
    this.emit('error', error instanceof Error ? error : new Error(String(error)));
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
