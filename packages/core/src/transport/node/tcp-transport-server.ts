import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { TransportError } from '../../errors/transport-error';
import type { MtproxySecret } from '../obfuscation';
import { TypedEventEmitter } from '../typed-event-emitter';
import type { FramedConnectionTimeouts } from './framed-connection';
import type { ServerConnection } from './server-connection';
import { ServerConnectionSet } from './server-connection-set';
import { SocketChannel } from './socket-channel';

/** Default cap on simultaneous connections of one server. */
export const DEFAULT_MAX_CONNECTIONS = 1024;

export { DEFAULT_SERVER_IDLE_TIMEOUT_MS } from './server-connection-set';

/** Where a server listens. */
export interface ListeningAddress {
  readonly host: string;
  /** The real port, also when 0 was asked. */
  readonly port: number;
}

/** Options shared by the TCP and WebSocket transport servers. */
export interface StreamServerOptions extends FramedConnectionTimeouts {
  /** Interface to listen on. Default `127.0.0.1`. */
  readonly host?: string;
  /** Port; 0 (the default) picks a free one, reported by `listen()`. */
  readonly port?: number;
  /** Connections beyond this many are closed at once. Default 1024. */
  readonly maxConnections?: number;
  /** Largest payload accepted from a client. */
  readonly maxFrameLength?: number;
  /** MTProxy secrets: only obfuscated clients using one of them are accepted. */
  readonly secrets?: readonly MtproxySecret[];
}

/** Options of {@link TcpTransportServer}. */
export interface TcpTransportServerOptions extends StreamServerOptions {
  /** Refuse plain framings. Default: true when `secrets` are given, else false. */
  readonly requireObfuscation?: boolean;
}

/** Events of the transport servers. */
export type TransportServerEvents = {
  /** A client's framing is known; attach `payload` listeners now. */
  connection: (connection: ServerConnection) => void;
  /** A connection failed before or after acceptance (bad framing, timeout, refused plain framing). */
  connectionError: (error: Error) => void;
};

/**
 * The TCP transport on the server side (core.telegram.org/mtproto/transports#tcp): accepts clients in
 * any framing, plain or obfuscated (see `ServerTransportAcceptor`), each as a {@link ServerConnection}.
 * Connections are capped in number, in frame length, in read time per frame and in idle time.
 *
 * @example
 * ```ts
 * const server = new TcpTransportServer({ port: 0 });
 * server.on('connection', (connection) => {
 *   connection.on('payload', (payload) => void connection.send(payload).catch(() => undefined));
 * });
 * const { port } = await server.listen();
 * ```
 */
export class TcpTransportServer extends TypedEventEmitter<TransportServerEvents> {
  private readonly server: Server;
  private readonly connections = new ServerConnectionSet({
    connection: (connection) => this.emit('connection', connection),
    connectionError: (error) => this.emit('connectionError', error),
  });
  private readonly sockets = new Set<Socket>();
  private listening: ListeningAddress | undefined;

  constructor(private readonly options: TcpTransportServerOptions = {}) {
    super();
    this.server = createServer((socket) => this.accept(socket));
  }

  /** The address once listening. */
  get address(): ListeningAddress | undefined {
    return this.listening;
  }

  /** Number of open connections (accepted or still being recognised). */
  get connectionCount(): number {
    return this.sockets.size;
  }

  /** Starts listening; resolves with the real address. */
  listen(): Promise<ListeningAddress> {
    const host = this.options.host ?? '127.0.0.1';
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, host, () => {
        this.server.off('error', reject);
        const address = this.server.address() as AddressInfo;
        this.listening = { host, port: address.port };
        resolve(this.listening);
      });
    });
  }

  /** Stops listening and closes every connection. */
  async close(): Promise<void> {
    // The callback runs once the last socket is gone (with an error when never listening; either way
    // the server is closed then).
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    await this.connections.closeAll();
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private accept(socket: Socket): void {
    if (this.sockets.size >= (this.options.maxConnections ?? DEFAULT_MAX_CONNECTIONS)) {
      socket.destroy();
      this.emit(
        'connectionError',
        new TransportError('connect-failed', 'connection refused: too many connections'),
      );
      return;
    }
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.setNoDelay(true);
    this.connections.add(new SocketChannel(socket), this.options);
  }
}
