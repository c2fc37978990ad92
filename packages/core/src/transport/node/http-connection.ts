import { Agent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { connect as netConnect } from 'node:net';
import { TransportError } from '../../errors/transport-error';
import { DEFAULT_MAX_FRAME_LENGTH } from '../frame-codec';
import type {
  ConnectionState,
  MtprotoConnection,
  PayloadConnectionEvents,
  SendOptions,
} from '../payload-connection';
import { TypedEventEmitter } from '../typed-event-emitter';
import { DEFAULT_HTTP_REQUEST_TIMEOUT_MS } from './http-transport-server';
import { DEFAULT_CONNECT_TIMEOUT_MS, openWithDeadline } from './open-with-deadline';

/** Default number of POSTs in flight at once (one may be an `http_wait` long poll). */
export const DEFAULT_HTTP_MAX_IN_FLIGHT = 4;

/** Options of {@link HttpConnection}. */
export interface HttpConnectionOptions {
  /** Endpoint, e.g. `http://127.0.0.1:8080/api`. */
  readonly url: string;
  /** Bound on reaching the server in connect(), in milliseconds. Default 10 s. */
  readonly connectTimeoutMs?: number;
  /** Bound on each request from sending to the end of its response. Default 60 s. */
  readonly requestTimeoutMs?: number;
  /** POSTs in flight at once; further sends wait their turn. Default 4. */
  readonly maxInFlight?: number;
  /** Longest response body accepted. */
  readonly maxFrameLength?: number;
}

/**
 * The HTTP transport (core.telegram.org/mtproto/transports#http) on the client, behind the same
 * interface as the stream transports: each send is a `POST /api` whose body is the payload, over a
 * keep-alive agent; each non-empty response body is delivered as a `payload`, in the order responses
 * arrive (an empty 200 or a 204 delivers nothing). Long polling is the session layer's business: it
 * sends `http_wait`, and this connection keeps several requests in flight. Any failed request (HTTP
 * error status, timeout, network error) closes the connection with a TransportError.
 *
 * @example
 * ```ts
 * const connection = new HttpConnection({ url: 'http://127.0.0.1:8080/api' });
 * connection.on('payload', (payload) => session.receive(payload));
 * await connection.connect();
 * await connection.send(payload);
 * ```
 */
export class HttpConnection extends TypedEventEmitter<PayloadConnectionEvents> implements MtprotoConnection {
  readonly description: string;
  private currentState: ConnectionState = 'idle';
  private readonly endpoint: URL;
  private agent: Agent | undefined;
  private readonly inFlight = new Set<ClientRequest>();
  private readonly waiting: (() => void)[] = [];
  private readonly connectAbort = new AbortController();

  constructor(private readonly options: HttpConnectionOptions) {
    super();
    this.endpoint = new URL(options.url);
    if (this.endpoint.protocol !== 'http:') {
      throw new TransportError(
        'unsupported-protocol',
        `HttpConnection speaks plain http:, not ${this.endpoint.protocol}`,
      );
    }
    this.description = `http ${options.url}`;
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  /**
   * Checks that the server accepts TCP connections (HTTP has no session to open), so a fallback can
   * move on when it does not. Rejects like the other transports: `connect-failed`, `timeout`, `aborted`.
   */
  connect(signal?: AbortSignal): Promise<void> {
    if (this.currentState !== 'idle') {
      return Promise.reject(
        new TransportError(
          'unsupported-operation',
          `${this.description}: connect() called when ${this.currentState}`,
        ),
      );
    }
    this.currentState = 'connecting';
    const abort = signal ? AbortSignal.any([signal, this.connectAbort.signal]) : this.connectAbort.signal;
    const host = this.endpoint.hostname.replace(/^\[|\]$/g, '');
    const port = Number(this.endpoint.port || 80);
    return openWithDeadline<void>(
      this.description,
      this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      abort,
      (resolve, reject) => {
        const socket = netConnect({ host, port });
        socket.once('error', reject);
        socket.once('connect', () => {
          socket.destroy();
          resolve();
        });
        return () => socket.destroy();
      },
    ).then(
      () => {
        this.agent = new Agent({ keepAlive: true, maxSockets: this.maxInFlight });
        this.currentState = 'open';
      },
      (error: unknown) => {
        this.currentState = 'closed';
        throw error;
      },
    );
  }

  /** POSTs `payload`; resolves once the request is sent (after waiting for a free slot if all are busy). */
  async send(payload: Uint8Array, options?: SendOptions): Promise<void> {
    if (options?.quickAck) {
      throw new TransportError('unsupported-operation', 'the HTTP transport has no quick ack');
    }
    if (payload.length === 0) throw new TransportError('bad-payload', 'cannot POST an empty payload');
    while (this.currentState === 'open' && this.inFlight.size >= this.maxInFlight) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    if (this.currentState !== 'open' || this.agent === undefined) {
      throw new TransportError(
        'connection-closed',
        `${this.description}: cannot send, connection is ${this.currentState}`,
      );
    }
    await this.post(payload, this.agent);
  }

  async close(): Promise<void> {
    this.connectAbort.abort();
    this.finish(undefined);
  }

  private get maxInFlight(): number {
    return this.options.maxInFlight ?? DEFAULT_HTTP_MAX_IN_FLIGHT;
  }

  private post(payload: Uint8Array, agent: Agent): Promise<void> {
    return new Promise((resolve, reject) => {
      const timeoutMs = this.options.requestTimeoutMs ?? DEFAULT_HTTP_REQUEST_TIMEOUT_MS;
      const request = httpRequest(this.endpoint, {
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': payload.length },
      });
      this.inFlight.add(request);
      const timer = setTimeout(() => {
        this.fail(new TransportError('timeout', `${this.description}: no response within ${timeoutMs} ms`));
      }, timeoutMs);
      request.once('close', () => {
        clearTimeout(timer);
        this.inFlight.delete(request);
        this.waiting.shift()?.();
      });
      request.on('error', (error) => {
        const failure = new TransportError(
          'connection-closed',
          `${this.description}: ${error.message}`,
          undefined,
          { cause: error },
        );
        reject(failure);
        this.fail(failure);
      });
      request.on('response', (response) => this.receive(response));
      request.end(payload, () => resolve());
    });
  }

  private receive(response: IncomingMessage): void {
    const status = response.statusCode ?? 0;
    if (status !== 200 && status !== 204) {
      response.resume();
      this.fail(new TransportError('http-status', `${this.description}: server answered HTTP ${status}`));
      return;
    }
    const maxFrameLength = this.options.maxFrameLength ?? DEFAULT_MAX_FRAME_LENGTH;
    const chunks: Buffer[] = [];
    let length = 0;
    response.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > maxFrameLength) {
        this.fail(
          new TransportError(
            'frame-too-long',
            `${this.description}: response body exceeds ${maxFrameLength} bytes`,
          ),
        );
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => {
      if (this.currentState !== 'open' || length === 0 || length > maxFrameLength) return;
      const joined = Buffer.concat(chunks, length);
      const payload = new Uint8Array(joined.buffer, joined.byteOffset, joined.length);
      // As on the stream transports, a lone negative 32-bit integer is Telegram's transport error code
      // (core.telegram.org/mtproto/mtproto-transports#transport-errors); no MTProto message is that short.
      if (payload.length === 4) {
        const code = new DataView(payload.buffer, payload.byteOffset, 4).getInt32(0, true);
        if (code < 0) {
          this.fail(TransportError.fromServerCode(code));
          return;
        }
      }
      this.emit('payload', payload, { quickAckRequested: false });
    });
  }

  private fail(error: TransportError): void {
    this.finish(error);
  }

  private finish(error: TransportError | undefined): void {
    if (this.currentState === 'closed') return;
    const wasOpen = this.currentState === 'open';
    this.currentState = 'closed';
    for (const request of this.inFlight) request.destroy();
    this.inFlight.clear();
    for (const wake of this.waiting.splice(0)) wake();
    this.agent?.destroy();
    if (wasOpen) this.emit('close', error);
  }
}
