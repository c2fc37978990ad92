/**
 * The MTProto server driver: transports (core.telegram.org/mtproto/transports) on one side, the
 * sans-IO auth key exchange (core.telegram.org/mtproto/auth_key) and encrypted server sessions
 * (core.telegram.org/mtproto/description) in the middle, and the caller's RPC handler on the other.
 * It is what the local Telegram emulator stands on. Sessions and where their output goes are in
 * server-session-router.ts; auth.bindTempAuthKey is answered in bind-temp-auth-key-handler.ts.
 */
import { AuthKeyExchangeServer } from '../auth/auth-key-exchange-server';
import { isPlainMessage } from '../auth/plain-message';
import { systemClock, type Clock } from '../crypto/clock';
import { secureRandomSource, type RandomSource } from '../crypto/random-source';
import type { RsaPrivateKey } from '../crypto/rsa-private-key';
import { ConfigError } from '../errors/config-error';
import { RpcError } from '../errors/rpc-error';
import type { SecurityError } from '../errors/security-error';
import { TlDecodeError } from '../errors/tl-decode-error';
import type { ServerRequest } from '../session/server-request';
import { unwrapRequest } from '../session/server-request';
import type { ServerSaltsOptions } from '../session/server-salts';
import type { ServerSessionEvent } from '../session/session-events';
import type * as Api from '../tl/generated/api-types';
import type * as Mtproto from '../tl/generated/mtproto-types';
import { encodeApi } from '../tl/tl-codec';
import type { MtproxySecret } from '../transport/obfuscation';
import type { HttpTransportReply } from '../transport/node/http-transport-server';
import { HttpTransportServer } from '../transport/node/http-transport-server';
import type { ServerConnection } from '../transport/node/server-connection';
import { TcpTransportServer, type ListeningAddress } from '../transport/node/tcp-transport-server';
import { WebSocketTransportServer } from '../transport/node/websocket-transport-server';
import { TypedEventEmitter } from '../transport/typed-event-emitter';
import { BindTempAuthKeyHandler } from './bind-temp-auth-key-handler';
import { HttpKeyExchanges } from './http-key-exchanges';
import type { RequestConnection } from './request-connection';
import { ServerAuthKeys, type AuthKeyPersistHook, type ServerAuthKey } from './server-auth-keys';
import { ServerSessionRouter, type SessionEntry, type SessionLink } from './server-session-router';

export type { RequestConnection } from './request-connection';

/** One decrypted RPC request, its wrappers (invokeWithLayer, initConnection) taken off. */
export interface MtprotoServerRequest {
  /** TL name of the method, e.g. `help.getNearestDc`. */
  readonly method: string;
  /** The decoded method object. */
  readonly object: Mtproto.TlAnyObject;
  /** auth_key_id as its 8 wire bytes: the key the request was encrypted with. */
  readonly authKeyId: Uint8Array;
  /**
   * The client's identity: for a permanent key, `authKeyId` itself; for a temporary key bound with
   * auth.bindTempAuthKey (core.telegram.org/api/pfs), the permanent key it is bound to; undefined for
   * a temporary key that is not bound.
   */
  readonly permanentAuthKeyId?: Uint8Array;
  /** The client's session_id. */
  readonly sessionId: bigint;
  /** The layer of invokeWithLayer, when the client sent one. */
  readonly layer?: number;
  /** initConnection's parameters, when the client sent them. */
  readonly initConnection?: Api.InitConnectionRequest;
  readonly connection: RequestConnection;
}

/** What a handler can do besides answering. */
export interface MtprotoRequestContext {
  /** Pushes an `Updates` object to the session the request came from. */
  pushUpdate(update: Api.TypeUpdates): void;
}

/**
 * Answers one request: return the result object, or its boxed bytes for results that are not objects
 * (a `Vector<User>`, say), or throw an {@link RpcError} to answer with rpc_error. Any other error answers `500 INTERNAL` and is reported
 * on the server's `handlerError` event.
 */
export type MtprotoRequestHandler = (
  request: MtprotoServerRequest,
  context: MtprotoRequestContext,
) => MtprotoHandlerResult | Promise<MtprotoHandlerResult>;

/** A result object, or the boxed result already encoded. */
export type MtprotoHandlerResult = Mtproto.TlAnyObject | Uint8Array;

/** Options of {@link MtprotoServer}. */
export interface MtprotoServerOptions {
  /** The server's RSA keys (clients must trust one of their public halves). */
  readonly privateKeys: readonly RsaPrivateKey[];
  readonly handler: MtprotoRequestHandler;
  /** Interface of every listener. Default 127.0.0.1. */
  readonly host?: string;
  /** TCP listener (all framings, plain or obfuscated); on by default, port 0 picks a free one. */
  readonly tcp?: { readonly port?: number; readonly secrets?: readonly MtproxySecret[] } | false;
  /** WebSocket listener at `/apiws`; off unless given. */
  readonly websocket?: { readonly port?: number };
  /** HTTP listener at `/api`; off unless given. */
  readonly http?: { readonly port?: number };
  /** Auth keys known from before (a restart), 256 bytes each. */
  readonly authKeys?: readonly Uint8Array[];
  /** Persists a new auth key; awaited before dh_gen_ok is sent. */
  readonly onAuthKeyCreated?: AuthKeyPersistHook;
  /** The DC clients must name in p_q_inner_data_dc, if checked. */
  readonly dcId?: number;
  /** How server salts rotate. */
  readonly salts?: ServerSaltsOptions;
  readonly random?: RandomSource;
  readonly clock?: Clock;
}

/** Where the server listens. */
export interface MtprotoServerAddresses {
  readonly tcp?: ListeningAddress;
  /** e.g. `ws://127.0.0.1:PORT/apiws`. */
  readonly websocketUrl?: string;
  /** e.g. `http://127.0.0.1:PORT/api`. */
  readonly httpUrl?: string;
}

/** Events of {@link MtprotoServer}. */
export type MtprotoServerEvents = {
  /** A key exchange finished with a new key. */
  authKeyCreated: (authKeyId: Uint8Array) => void;
  /** auth.bindTempAuthKey bound a temporary key to a permanent one until `expiresAt` (unix seconds). */
  tempAuthKeyBound: (
    temporaryAuthKeyId: Uint8Array,
    permanentAuthKeyId: Uint8Array,
    expiresAt: number,
  ) => void;
  /** A message or key exchange step failed a check and was dropped. */
  securityError: (error: SecurityError | Error) => void;
  /** A client message was refused with bad_msg_notification / bad_server_salt `code`. */
  messageRejected: (authKeyId: Uint8Array, code: number) => void;
  /** A connection failed (bad framing, timeout). */
  connectionError: (error: Error) => void;
  /** A handler threw something other than an RpcError. */
  handlerError: (error: unknown, method: string) => void;
};

/**
 * An MTProto server: listens on TCP (and optionally WebSocket and HTTP), creates auth keys with new
 * clients, runs one encrypted server session per auth key (which follows the client's session_id),
 * and hands each decrypted RPC request to the handler. Envelopes under an unknown auth_key_id get
 * transport error -404 (core.telegram.org/mtproto/mtproto-transports#transport-errors).
 *
 * @example
 * ```ts
 * const { privateKey, publicKey } = generateRsaKeyPair();
 * const server = new MtprotoServer({
 *   privateKeys: [privateKey],
 *   handler: (request) => {
 *     if (request.method === 'help.getNearestDc') return { _: 'nearestDc', country: 'NL', this_dc: 2, nearest_dc: 2 };
 *     throw new RpcError(400, 'METHOD_INVALID', { method: request.method });
 *   },
 * });
 * const { tcp } = await server.listen();
 * ```
 */
export class MtprotoServer extends TypedEventEmitter<MtprotoServerEvents> {
  private readonly random: RandomSource;
  private readonly clock: Clock;
  private readonly keys: ServerAuthKeys;
  private readonly binder: BindTempAuthKeyHandler;
  private readonly router: ServerSessionRouter;
  private readonly tcpServer: TcpTransportServer | undefined;
  private readonly websocketServer: WebSocketTransportServer | undefined;
  private readonly httpServer: HttpTransportServer | undefined;
  private readonly httpExchanges: HttpKeyExchanges;
  private closed = false;

  constructor(private readonly options: MtprotoServerOptions) {
    super();
    if (options.privateKeys.length === 0) throw new ConfigError('MtprotoServer needs an RSA private key');
    this.random = options.random ?? secureRandomSource;
    this.clock = options.clock ?? systemClock;
    this.keys = new ServerAuthKeys(options.authKeys);
    this.binder = new BindTempAuthKeyHandler({
      keys: this.keys,
      clock: this.clock,
      onSecurityError: (error) => this.emit('securityError', error),
      onBound: (temporaryAuthKeyId, permanentAuthKeyId, expiresAt) =>
        this.emit('tempAuthKeyBound', temporaryAuthKeyId, permanentAuthKeyId, expiresAt),
    });
    this.router = new ServerSessionRouter({
      clock: this.clock,
      random: this.random,
      salts: options.salts,
      onEvent: (entry, event) => this.onSessionEvent(entry, event),
    });
    this.httpExchanges = new HttpKeyExchanges(() => this.createExchange());
    if (options.tcp !== false) {
      this.tcpServer = new TcpTransportServer({ host: options.host, ...options.tcp });
      this.tcpServer.on('connection', (connection) => this.acceptStream(connection, 'tcp'));
      this.tcpServer.on('connectionError', (error) => this.emit('connectionError', error));
    }
    if (options.websocket !== undefined) {
      this.websocketServer = new WebSocketTransportServer({ host: options.host, ...options.websocket });
      this.websocketServer.on('connection', (connection) => this.acceptStream(connection, 'websocket'));
      this.websocketServer.on('connectionError', (error) => this.emit('connectionError', error));
    }
    if (options.http !== undefined) {
      this.httpServer = new HttpTransportServer({ host: options.host, ...options.http });
      this.httpServer.onRequest((body, reply) => this.onHttpRequest(body, reply));
    }
  }

  /** Number of auth keys the server knows. */
  get authKeyCount(): number {
    return this.keys.size;
  }

  /** Starts every configured listener. */
  async listen(): Promise<MtprotoServerAddresses> {
    const [tcp, websocket, http] = await Promise.all([
      this.tcpServer?.listen(),
      this.websocketServer?.listen(),
      this.httpServer?.listen(),
    ]);
    return {
      tcp,
      websocketUrl: websocket ? `ws://${websocket.host}:${websocket.port}/apiws` : undefined,
      httpUrl: http ? `http://${http.host}:${http.port}/api` : undefined,
    };
  }

  /** Pushes an `Updates` object to the session of an auth key; false when there is none. */
  pushUpdate(authKeyId: Uint8Array, update: Api.TypeUpdates): boolean {
    const entry = this.router.find(authKeyId);
    if (entry === undefined) return false;
    entry.session.sendUpdate(encodeApi(update));
    return true;
  }

  /** Forgets an auth key: its next envelope gets -404. */
  revokeAuthKey(authKeyId: Uint8Array): boolean {
    this.router.remove(authKeyId);
    this.binder.forget(authKeyId);
    return this.keys.remove(authKeyId);
  }

  /**
   * Gives every session a new server salt at once (a fault for tests of clients): their next message
   * under the old salt gets bad_server_salt carrying the new one (core.telegram.org/mtproto/service_messages_about_messages).
   */
  rotateSalts(): void {
    this.router.rotateSalts();
  }

  /** Stops the listeners and closes every connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.router.close();
    await Promise.all([this.tcpServer?.close(), this.websocketServer?.close(), this.httpServer?.close()]);
  }

  private createExchange(): AuthKeyExchangeServer {
    return new AuthKeyExchangeServer({
      privateKeys: this.options.privateKeys,
      random: this.random,
      clock: this.clock,
      expectedDcId: this.options.dcId,
      isAuthKeyIdTaken: (authKeyId) => this.keys.has(authKeyId),
    });
  }

  private acceptStream(connection: ServerConnection, transport: 'tcp' | 'websocket'): void {
    let exchange: AuthKeyExchangeServer | undefined;
    const requestConnection: RequestConnection = {
      transport,
      remoteAddress: connection.remoteAddress,
      close: () => void connection.close(),
    };
    // Steps of a key exchange may await the persist hook; payloads stay in order behind them.
    let queue: Promise<void> = Promise.resolve();
    connection.on('payload', (payload) => {
      if (isPlainMessage(payload)) {
        exchange ??= this.createExchange();
        const current = exchange;
        queue = queue.then(async () => {
          const answer = await this.stepExchange(current, payload);
          if (answer === undefined) return void connection.close();
          if (answer.finished) exchange = undefined;
          await connection.send(answer.message).catch(() => undefined);
        });
        return;
      }
      queue = queue.then(async () => {
        await this.receiveEncrypted(payload, requestConnection, { stream: connection, transport });
      });
    });
  }

  /** Runs one key exchange step; undefined when the exchange failed (the caller drops the connection). */
  private async stepExchange(
    exchange: AuthKeyExchangeServer,
    payload: Uint8Array,
  ): Promise<{ message: Uint8Array; finished: boolean } | undefined> {
    let output;
    try {
      output = exchange.receive(payload);
    } catch (error) {
      this.emit('securityError', error instanceof Error ? error : new Error(String(error)));
      return undefined;
    }
    if (output.kind === 'send') return { message: output.message, finished: false };
    if (output.kind === 'failed') return { message: output.message, finished: true };
    const key: ServerAuthKey = {
      authKey: output.result.authKey,
      authKeyId: output.result.authKeyId,
      expiresAt: output.result.expiresAt,
      dcId: output.result.dcId,
    };
    await this.options.onAuthKeyCreated?.(key);
    this.keys.add(key);
    this.router.create(key, output.result.serverSalt, output.result.serverTime);
    this.emit('authKeyCreated', key.authKeyId);
    return { message: output.message, finished: true };
  }

  /** An encrypted envelope: to its key's session, or transport error -404 when the key is unknown. */
  private async receiveEncrypted(
    payload: Uint8Array,
    connection: RequestConnection,
    link: SessionLink,
  ): Promise<SessionEntry | undefined> {
    let key = payload.length >= 8 ? this.keys.find(payload.subarray(0, 8)) : undefined;
    if (key !== undefined && this.binder.isExpired(key)) {
      this.revokeAuthKey(key.authKeyId);
      key = undefined;
    }
    if (key === undefined) {
      if (link.stream !== undefined) {
        await link.stream.send(transportErrorPayload(-404)).catch(() => undefined);
        await link.stream.close();
      }
      return undefined;
    }
    return this.router.receive(key, payload, connection, link);
  }

  private onSessionEvent(entry: SessionEntry, event: ServerSessionEvent): void {
    switch (event.type) {
      case 'security-error':
      case 'decode-error':
        this.emit('securityError', event.error);
        return;
      case 'message-rejected':
        this.emit('messageRejected', entry.key.authKeyId, event.code);
        return;
      case 'request':
        this.runHandler(entry, event.request, entry.receiving.connection);
        return;
      default:
        return;
    }
  }

  private runHandler(entry: SessionEntry, request: ServerRequest, connection: RequestConnection): void {
    let unwrapped;
    try {
      unwrapped = unwrapRequest(request.decode());
    } catch (error) {
      this.emit('securityError', error instanceof Error ? error : new Error(String(error)));
      request.replyError(400, isUnknownMethod(error) ? 'INPUT_METHOD_INVALID' : 'INPUT_FETCH_ERROR');
      return;
    }
    const method = unwrapped.query._;
    const sessionId = entry.session.clientSessionId ?? 0n;
    if (unwrapped.query._ === 'auth.bindTempAuthKey') {
      this.binder.answer(entry.key, request, unwrapped.query, sessionId);
      return;
    }
    const serverRequest: MtprotoServerRequest = {
      method,
      object: unwrapped.query,
      authKeyId: entry.key.authKeyId,
      permanentAuthKeyId: this.binder.permanentKeyIdOf(entry.key),
      sessionId,
      layer: unwrapped.layer,
      initConnection: unwrapped.connection,
      connection,
    };
    const context: MtprotoRequestContext = {
      pushUpdate: (update) => entry.session.sendUpdate(encodeApi(update)),
    };
    Promise.resolve()
      .then(() => this.options.handler(serverRequest, context))
      .then(
        (result) => {
          if (request.answered) return;
          if (result instanceof Uint8Array) request.reply(result);
          else request.replyObject(result);
        },
        (error: unknown) => {
          if (request.answered) return;
          if (RpcError.isInstance(error)) return request.replyError(error.code, error.text);
          this.emit('handlerError', error, method);
          request.replyError(500, 'INTERNAL');
        },
      )
      .catch((error: unknown) => {
        // replyObject throws a TlEncodeError for a result that does not fit the schema.
        this.emit('handlerError', error, method);
        if (!request.answered) request.replyError(500, 'INTERNAL');
      });
  }

  private onHttpRequest(body: Uint8Array, reply: HttpTransportReply): void {
    if (isPlainMessage(body)) {
      const exchange = this.httpExchanges.forMessage(body);
      if (exchange === undefined) return void reply.respond(transportErrorPayload(-404));
      void this.stepExchange(exchange, body).then((answer) => {
        if (answer === undefined) return void reply.respond(transportErrorPayload(-404));
        if (answer.finished) this.httpExchanges.finished(exchange);
        reply.respond(answer.message);
      });
      return;
    }
    const connection: RequestConnection = {
      transport: 'http',
      remoteAddress: reply.remoteAddress,
      close: () => void reply.respond(),
    };
    void this.receiveEncrypted(body, connection, { transport: 'http' }).then((entry) => {
      if (entry === undefined) return void reply.respond(transportErrorPayload(-404));
      this.router.holdReply(entry, reply);
    });
  }
}

/** Telegram's transport error: the code as a lone little-endian int32 payload. */
function transportErrorPayload(code: number): Uint8Array {
  const payload = new Uint8Array(4);
  new DataView(payload.buffer).setInt32(0, code, true);
  return payload;
}

/**
 * Whether a request failed to decode because its method (or the query inside a wrapper) is no
 * method of the schema: `400 INPUT_METHOD_INVALID`. Any other failure (a known method whose
 * arguments are truncated, malformed or followed by extra bytes) is Telegram's `400 INPUT_FETCH_ERROR`
 * (core.telegram.org/api/errors).
 */
function isUnknownMethod(error: unknown): boolean {
  if (!TlDecodeError.isInstance(error)) return false;
  return /unknown constructor 0x[0-9a-f]{8} where (a method|Object) was expected/.test(error.message);
}
