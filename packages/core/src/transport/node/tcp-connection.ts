import { connect as netConnect, type Socket } from 'node:net';
import { createClientCodec, type ObfuscationOptions } from '../create-client-codec';
import type { FrameCodec, FramingKind, RandomBytes } from '../frame-codec';
import type { ByteChannel } from './byte-channel';
import { ClientFramedConnection, type ClientFramedConnectionOptions } from './client-framed-connection';
import { SocketChannel } from './socket-channel';

/** Options of {@link TcpConnection}. */
export interface TcpConnectionOptions extends ClientFramedConnectionOptions {
  readonly host: string;
  readonly port: number;
  /** The framing; with obfuscation it is the inner framing (anything but `full`). */
  readonly framing: FramingKind;
  /** Obfuscate the stream (required for MTProxy). */
  readonly obfuscation?: ObfuscationOptions;
  /** Largest payload accepted from the server. */
  readonly maxFrameLength?: number;
  /** Random source for padding and the obfuscation init; defaults to the system CSPRNG. */
  readonly random?: RandomBytes;
}

/**
 * The TCP transport (core.telegram.org/mtproto/transports#tcp) on the client: a `node:net` socket
 * carrying any MTProto framing, optionally obfuscated.
 *
 * @example
 * ```ts
 * const connection = new TcpConnection({
 *   host: '149.154.167.50', port: 443, framing: 'padded-intermediate', obfuscation: { dcId: 2 },
 * });
 * connection.on('payload', (payload) => session.receive(payload));
 * await connection.connect();
 * ```
 */
export class TcpConnection extends ClientFramedConnection<Socket> {
  readonly description: string;

  constructor(private readonly options: TcpConnectionOptions) {
    super(options);
    const framing = options.obfuscation ? `obfuscated-${options.framing}` : options.framing;
    this.description = `tcp+${framing} ${options.host}:${options.port}`;
  }

  protected createCodec(): FrameCodec {
    return createClientCodec(this.options);
  }

  protected openSocket(resolve: (socket: Socket) => void, reject: (error: Error) => void): () => void {
    const socket = netConnect({ host: this.options.host, port: this.options.port });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    return () => socket.destroy();
  }

  protected channelFor(socket: Socket): ByteChannel {
    socket.setNoDelay(true);
    return new SocketChannel(socket);
  }
}
