import type { Socket } from 'node:net';
import { TransportError } from '../../errors/transport-error';
import type { ByteChannel, ByteChannelSink } from './byte-channel';

/** Default time a graceful close waits for the peer before the socket is destroyed. */
const DEFAULT_CLOSE_GRACE_MS = 2000;

/** A {@link ByteChannel} over a connected `node:net` socket. */
export class SocketChannel implements ByteChannel {
  readonly remoteAddress: string;

  constructor(private readonly socket: Socket) {
    this.remoteAddress = `${socket.remoteAddress ?? 'unknown'}:${socket.remotePort ?? 0}`;
  }

  attach(sink: ByteChannelSink): void {
    this.socket.on('data', (chunk: Buffer) =>
      sink.receive(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)),
    );
    this.socket.on('error', (error) =>
      sink.closed(
        new TransportError(
          'connection-closed',
          `socket to ${this.remoteAddress}: ${error.message}`,
          undefined,
          { cause: error },
        ),
      ),
    );
    this.socket.on('close', () => sink.closed());
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.destroyed || this.socket.writableEnded) {
        reject(new TransportError('connection-closed', `socket to ${this.remoteAddress} is closed`));
        return;
      }
      // The callback fires once the bytes reach the kernel, so a caller awaiting each write never
      // queues more than the socket can take; un-awaited writes are buffered by the stream, not lost.
      this.socket.write(bytes, (error) => {
        if (error)
          reject(
            new TransportError(
              'connection-closed',
              `write to ${this.remoteAddress} failed: ${error.message}`,
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
    if (socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => socket.destroy(), graceMs);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      if (graceful) socket.end();
      else socket.destroy();
    });
  }
}
