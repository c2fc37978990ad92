import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { DEFAULT_MAX_FRAME_LENGTH } from '../frame-codec';
import { TypedEventEmitter } from '../typed-event-emitter';
import { ServerConnectionSet } from './server-connection-set';
import {
  DEFAULT_MAX_CONNECTIONS,
  type ListeningAddress,
  type StreamServerOptions,
  type TransportServerEvents,
} from './tcp-transport-server';
import { WEBSOCKET_PATH, WEBSOCKET_SUBPROTOCOL } from './websocket-connection';
import { WebSocketChannel } from './websocket-channel';

/** Options of {@link WebSocketTransportServer}. */
export interface WebSocketTransportServerOptions extends StreamServerOptions {
  /** Path of the endpoint. Default `/apiws`. */
  readonly path?: string;
}

/**
 * The WebSocket transport on the server side (core.telegram.org/mtproto/transports#websocket): an
 * endpoint at `/apiws` that requires the `binary` subprotocol and an obfuscated stream (plain framings
 * are refused, as the spec requires obfuscation on WebSocket). Each client becomes a
 * {@link ServerConnection}. Other paths get HTTP 400, requests without an upgrade 426.
 *
 * @example
 * ```ts
 * const server = new WebSocketTransportServer({ port: 0 });
 * server.on('connection', (connection) => connection.on('payload', handle));
 * const { port } = await server.listen(); // clients connect to ws://127.0.0.1:<port>/apiws
 * ```
 */
export class WebSocketTransportServer extends TypedEventEmitter<TransportServerEvents> {
  private server: WebSocketServer | undefined;
  private readonly connections = new ServerConnectionSet({
    connection: (connection) => this.emit('connection', connection),
    connectionError: (error) => this.emit('connectionError', error),
  });
  private listening: ListeningAddress | undefined;

  constructor(private readonly options: WebSocketTransportServerOptions = {}) {
    super();
  }

  /** The address once listening. */
  get address(): ListeningAddress | undefined {
    return this.listening;
  }

  /** Number of open connections. */
  get connectionCount(): number {
    return this.server?.clients.size ?? 0;
  }

  /** Starts listening; resolves with the real address. */
  listen(): Promise<ListeningAddress> {
    const host = this.options.host ?? '127.0.0.1';
    const maxFrameLength = this.options.maxFrameLength ?? DEFAULT_MAX_FRAME_LENGTH;
    return new Promise((resolve, reject) => {
      const server = new WebSocketServer({
        host,
        port: this.options.port ?? 0,
        path: this.options.path ?? WEBSOCKET_PATH,
        // One message never needs more than a frame plus its header and the obfuscation init.
        maxPayload: maxFrameLength + 128,
        handleProtocols: (protocols) =>
          protocols.has(WEBSOCKET_SUBPROTOCOL) ? WEBSOCKET_SUBPROTOCOL : false,
        verifyClient: (
          info: { req: IncomingMessage },
          callback: (accept: boolean, code?: number, message?: string) => void,
        ) => this.verify(info.req, callback),
      });
      this.server = server;
      server.once('error', reject);
      server.once('listening', () => {
        server.off('error', reject);
        server.on('error', (error) => this.emit('connectionError', error));
        const address = server.address() as AddressInfo;
        this.listening = { host, port: address.port };
        resolve(this.listening);
      });
      server.on('connection', (socket, request) => this.accept(socket, request));
    });
  }

  /** Stops listening and closes every connection. */
  async close(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    await this.connections.closeAll();
    for (const client of server.clients) client.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Refuses handshakes over the connection cap or without the `binary` subprotocol. */
  private verify(
    request: IncomingMessage,
    callback: (accept: boolean, code?: number, message?: string) => void,
  ): void {
    const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((value) => value.trim());
    if (!offered.includes(WEBSOCKET_SUBPROTOCOL)) {
      callback(false, 400, `Sec-WebSocket-Protocol must include ${WEBSOCKET_SUBPROTOCOL}`);
      return;
    }
    if (this.connectionCount >= (this.options.maxConnections ?? DEFAULT_MAX_CONNECTIONS)) {
      callback(false, 503, 'too many connections');
      return;
    }
    callback(true);
  }

  private accept(socket: WebSocket, request: IncomingMessage): void {
    const remoteAddress = `${request.socket.remoteAddress ?? 'unknown'}:${request.socket.remotePort ?? 0}`;
    this.connections.add(new WebSocketChannel(socket, remoteAddress), {
      ...this.options,
      requireObfuscation: true,
    });
  }
}
