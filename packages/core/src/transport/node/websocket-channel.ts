import type { RawData, WebSocket } from 'ws';
import { TransportError } from '../../errors/transport-error';
import type { ByteChannel, ByteChannelSink } from './byte-channel';

/** Default time a graceful close waits for the peer's close frame before the socket is cut. */
const DEFAULT_CLOSE_GRACE_MS = 2000;

/**
 * Close code for every closure: Telegram always uses 1000 (normal closure)
 * (core.telegram.org/mtproto/transports#websocket).
 */
const NORMAL_CLOSURE = 1000;

/**
 * A {@link ByteChannel} over an open WebSocket (`ws`). Binary messages are concatenated into one
 * byte stream; a text message is a protocol error (core.telegram.org/mtproto/transports#websocket).
 */
export class WebSocketChannel implements ByteChannel {
  constructor(
    private readonly socket: WebSocket,
    readonly remoteAddress: string,
  ) {}

  attach(sink: ByteChannelSink): void {
    this.socket.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) {
        sink.closed(
          new TransportError('unsupported-protocol', `WebSocket ${this.remoteAddress} sent a text message`),
        );
        this.socket.terminate();
        return;
      }
      sink.receive(toBytes(data));
    });
    this.socket.on('error', (error) =>
      sink.closed(
        new TransportError(
          'connection-closed',
          `WebSocket ${this.remoteAddress}: ${error.message}`,
          undefined,
          { cause: error },
        ),
      ),
    );
    this.socket.on('close', () => sink.closed());
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.readyState !== this.socket.OPEN) {
        reject(new TransportError('connection-closed', `WebSocket ${this.remoteAddress} is closed`));
        return;
      }
      this.socket.send(bytes, { binary: true }, (error) => {
        if (error)
          reject(
            new TransportError(
              'connection-closed',
              `write to WebSocket ${this.remoteAddress} failed: ${error.message}`,
              undefined,
              { cause: error },
            ),
          );
        else resolve();
      });
    });
  }

  close(graceful: boolean, graceMs = DEFAULT_CLOSE_GRACE_MS): Promise<void> {
    const socket = this.socket;
    if (socket.readyState === socket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => socket.terminate(), graceMs);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      if (graceful && socket.readyState === socket.OPEN) socket.close(NORMAL_CLOSURE);
      else socket.terminate();
    });
  }
}

/** One binary message as bytes (`ws` hands out a Buffer, an ArrayBuffer or fragments by binaryType). */
function toBytes(data: RawData): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  const buffer = Array.isArray(data) ? Buffer.concat(data) : data;
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}
