import { connect as netConnect, type Socket } from 'node:net';
import { TransportError } from '../../errors/transport-error';
import { createClientCodec, type ObfuscationOptions } from '../create-client-codec';
import type { FrameCodec, FramingKind, RandomBytes } from '../frame-codec';
import type { MtprotoConnection } from '../payload-connection';
import { FramedConnection, type FramedConnectionTimeouts } from './framed-connection';
import { DEFAULT_CONNECT_TIMEOUT_MS, openWithDeadline } from './open-with-deadline';
import { SocketChannel } from './socket-channel';

/** Options of {@link TcpConnection}. */
export interface TcpConnectionOptions extends FramedConnectionTimeouts {
  readonly host: string;
  readonly port: number;
  /** The framing; with obfuscation it is the inner framing (anything but `full`). */
  readonly framing: FramingKind;
  /** Obfuscate the stream (required for MTProxy). */
  readonly obfuscation?: ObfuscationOptions;
  /** Bound on opening the socket, in milliseconds. Default 10 s. */
  readonly connectTimeoutMs?: number;
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
export class TcpConnection extends FramedConnection implements MtprotoConnection {
  readonly description: string;
  private readonly connectAbort = new AbortController();

  constructor(private readonly options: TcpConnectionOptions) {
    super();
    const framing = options.obfuscation ? `obfuscated-${options.framing}` : options.framing;
    this.description = `tcp+${framing} ${options.host}:${options.port}`;
  }

  connect(signal?: AbortSignal): Promise<void> {
    if (this.currentState !== 'idle') {
      return Promise.reject(
        new TransportError(
          'unsupported-operation',
          `${this.description}: connect() called when ${this.currentState}`,
        ),
      );
    }
    let codec: FrameCodec;
    try {
      codec = createClientCodec(this.options);
    } catch (error) {
      this.currentState = 'closed';
      return Promise.reject(error);
    }
    this.currentState = 'connecting';
    const options = this.options;
    const abort = signal ? AbortSignal.any([signal, this.connectAbort.signal]) : this.connectAbort.signal;
    const opening = openWithDeadline<Socket>(
      this.description,
      options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      abort,
      (resolve, reject) => {
        const socket = netConnect({ host: options.host, port: options.port });
        socket.once('error', reject);
        socket.once('connect', () => {
          socket.off('error', reject);
          resolve(socket);
        });
        return () => socket.destroy();
      },
    );
    return opening.then(
      (socket) => {
        socket.setNoDelay(true);
        this.attach(new SocketChannel(socket), { codec }, options);
      },
      (error: unknown) => {
        this.currentState = 'closed';
        throw error;
      },
    );
  }

  /** Closes the connection; while connecting, abandons the attempt (connect() rejects with `aborted`). */
  override close(): Promise<void> {
    this.connectAbort.abort();
    return super.close();
  }
}
