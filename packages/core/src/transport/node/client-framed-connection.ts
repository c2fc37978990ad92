import { TransportError } from '../../errors/transport-error';
import type { FrameCodec } from '../frame-codec';
import type { MtprotoConnection } from '../payload-connection';
import type { ByteChannel } from './byte-channel';
import { FramedConnection, type FramedConnectionTimeouts } from './framed-connection';
import { DEFAULT_CONNECT_TIMEOUT_MS, openWithDeadline } from './open-with-deadline';

/** Options every client framed connection takes. */
export interface ClientFramedConnectionOptions extends FramedConnectionTimeouts {
  /** Bound on opening the connection, in milliseconds. Default 10 s. */
  readonly connectTimeoutMs?: number;
}

/**
 * A {@link FramedConnection} that a client opens (core.telegram.org/mtproto/transports): `connect()`
 * builds the codec, opens the socket under a deadline and the caller's AbortSignal, and attaches it;
 * `close()` while connecting abandons the attempt. Subclasses say how to build the codec, open their
 * kind of socket and wrap it as a channel.
 */
export abstract class ClientFramedConnection<Socket> extends FramedConnection implements MtprotoConnection {
  abstract readonly description: string;
  private readonly connectAbort = new AbortController();

  protected constructor(private readonly clientOptions: ClientFramedConnectionOptions) {
    super();
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
      codec = this.createCodec();
    } catch (error) {
      this.currentState = 'closed';
      return Promise.reject(error);
    }
    this.currentState = 'connecting';
    const options = this.clientOptions;
    const abort = signal ? AbortSignal.any([signal, this.connectAbort.signal]) : this.connectAbort.signal;
    const opening = openWithDeadline<Socket>(
      this.description,
      options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      abort,
      (resolve, reject) => this.openSocket(resolve, reject),
    );
    return opening.then(
      (socket) => {
        this.attach(this.channelFor(socket), { codec }, options);
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

  /** The codec for a new connection; a throw rejects connect() and leaves the connection closed. */
  protected abstract createCodec(): FrameCodec;

  /** Starts opening the socket: call `resolve` or `reject` once; the returned function abandons it. */
  protected abstract openSocket(
    resolve: (socket: Socket) => void,
    reject: (error: Error) => void,
  ): () => void;

  /** Wraps the open socket as the connection's channel. */
  protected abstract channelFor(socket: Socket): ByteChannel;
}
