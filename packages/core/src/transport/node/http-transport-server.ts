import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_MAX_FRAME_LENGTH } from '../frame-codec';
import { DEFAULT_MAX_CONNECTIONS, type ListeningAddress } from './tcp-transport-server';

/** The path of Telegram's HTTP endpoint (core.telegram.org/mtproto/transports#http). */
export const HTTP_PATH = '/api';

/** Default bound on answering one request: long enough for an `http_wait` long poll. */
export const DEFAULT_HTTP_REQUEST_TIMEOUT_MS = 60_000;

/** How a request handler answers one POST. */
export interface HttpTransportReply {
  /**
   * Answers with one MTProto payload, or with nothing (204) when `payload` is absent or empty.
   * Returns false when the request is already answered, timed out or its client went away.
   */
  respond(payload?: Uint8Array): boolean;
  /** True while an answer is still possible. */
  readonly pending: boolean;
  /** Fires when the answer is no longer possible (timeout, client gone, server closed). */
  readonly signal: AbortSignal;
  /** Where the request came from. */
  readonly remoteAddress: string;
}

/** Handles one POSTed payload; MTProto sessions are found after decryption, so that is the handler's job. */
export type HttpRequestHandler = (body: Uint8Array, reply: HttpTransportReply) => void;

/** Options of {@link HttpTransportServer}. */
export interface HttpTransportServerOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  readonly host?: string;
  /** Port; 0 (the default) picks a free one, reported by `listen()`. */
  readonly port?: number;
  /** Bodies longer than this get 413. Default: the codecs' maximum frame length. */
  readonly maxBodyLength?: number;
  /** A request not answered within this many milliseconds gets 504. Default 60 s. */
  readonly requestTimeoutMs?: number;
  /** Simultaneous TCP connections beyond this many are dropped. Default 1024. */
  readonly maxConnections?: number;
  /** How long a kept-alive connection may wait for its next request. Default 75 s. */
  readonly idleTimeoutMs?: number;
}

/**
 * The HTTP transport on the server side (core.telegram.org/mtproto/transports#http): each `POST /api`
 * carries one MTProto payload in its body, and the response body is one payload back (or none, 204).
 * Requests may be held open to answer later, which is how `http_wait` long polling works. Bodies are
 * capped (413), requests time out (504), other paths get 404 and other methods 405.
 *
 * @example
 * ```ts
 * const server = new HttpTransportServer({ port: 0 });
 * server.onRequest((body, reply) => reply.respond(handle(body)));
 * const { port } = await server.listen(); // clients POST to http://127.0.0.1:<port>/api
 * ```
 */
export class HttpTransportServer {
  private readonly server: Server;
  private handler: HttpRequestHandler | undefined;
  private readonly pendingReplies = new Set<AbortController>();
  private listening: ListeningAddress | undefined;

  constructor(private readonly options: HttpTransportServerOptions = {}) {
    this.server = createServer((request, response) => this.handle(request, response));
    this.server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
    this.server.keepAliveTimeout = options.idleTimeoutMs ?? 75_000;
    // Receiving a request (headers and body) is bounded too, so a client that stalls mid-body is cut off.
    this.server.requestTimeout = options.requestTimeoutMs ?? DEFAULT_HTTP_REQUEST_TIMEOUT_MS;
    this.server.headersTimeout = Math.min(this.server.requestTimeout, 60_000);
  }

  /** Sets the handler of POSTed payloads (requests arriving without one get 503). */
  onRequest(handler: HttpRequestHandler): void {
    this.handler = handler;
  }

  /** The address once listening. */
  get address(): ListeningAddress | undefined {
    return this.listening;
  }

  /** Starts listening; resolves with the real address. */
  listen(): Promise<ListeningAddress> {
    const host = this.options.host ?? '127.0.0.1';
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, host, () => {
        this.server.off('error', reject);
        this.listening = { host, port: (this.server.address() as AddressInfo).port };
        resolve(this.listening);
      });
    });
  }

  /** Stops listening, abandons pending requests and closes every connection. */
  async close(): Promise<void> {
    for (const controller of this.pendingReplies) controller.abort();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const path = (request.url ?? '').split('?')[0];
    if (path !== HTTP_PATH) return finishEarly(request, response, 404);
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'POST');
      return finishEarly(request, response, 405);
    }
    const maxBodyLength = this.options.maxBodyLength ?? DEFAULT_MAX_FRAME_LENGTH;
    const declared = Number(request.headers['content-length'] ?? Number.NaN);
    if (declared > maxBodyLength) return finishEarly(request, response, 413);
    const chunks: Buffer[] = [];
    let received = 0;
    let refused = false;
    request.on('data', (chunk: Buffer) => {
      if (refused) return;
      received += chunk.length;
      if (received > maxBodyLength) {
        refused = true;
        finishEarly(request, response, 413);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (refused) return;
      const joined = Buffer.concat(chunks, received);
      this.dispatch(new Uint8Array(joined.buffer, joined.byteOffset, joined.length), request, response);
    });
  }

  private dispatch(body: Uint8Array, request: IncomingMessage, response: ServerResponse): void {
    const handler = this.handler;
    if (handler === undefined || body.length === 0)
      return finishEarly(request, response, handler ? 400 : 503);
    const controller = new AbortController();
    this.pendingReplies.add(controller);
    const timeoutMs = this.options.requestTimeoutMs ?? DEFAULT_HTTP_REQUEST_TIMEOUT_MS;
    const timer = setTimeout(() => {
      if (settle()) answer(response, 504);
    }, timeoutMs);
    // Settling once: whichever of answer, timeout, client gone or server closing comes first wins.
    const settle = (): boolean => {
      if (controller.signal.aborted) return false;
      clearTimeout(timer);
      this.pendingReplies.delete(controller);
      controller.abort();
      return true;
    };
    controller.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    response.once('close', () => settle());
    const reply: HttpTransportReply = {
      respond: (payload) => {
        if (!settle()) return false;
        answer(response, payload !== undefined && payload.length > 0 ? 200 : 204, payload);
        return true;
      },
      get pending() {
        return !controller.signal.aborted;
      },
      signal: controller.signal,
      remoteAddress: `${request.socket.remoteAddress ?? 'unknown'}:${request.socket.remotePort ?? 0}`,
    };
    handler(body, reply);
  }
}

function answer(response: ServerResponse, status: number, payload?: Uint8Array): void {
  if (response.headersSent || response.destroyed) return;
  if (status === 200 && payload !== undefined) {
    response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': payload.length });
    response.end(payload);
  } else {
    response.writeHead(status, { 'Content-Length': 0 });
    response.end();
  }
}

/** Answers without reading the body and closes the connection, so an unread body is not parsed as the next request. */
function finishEarly(request: IncomingMessage, response: ServerResponse, status: number): void {
  response.setHeader('Connection', 'close');
  answer(response, status);
  request.resume();
}
