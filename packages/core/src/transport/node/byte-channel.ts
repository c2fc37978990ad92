/**
 * The byte pipe under a framed connection: a TCP socket or a WebSocket seen as one duplex stream of
 * bytes (core.telegram.org/mtproto/transports: WebSocket messages do not delimit payloads).
 */

/** What a channel reports to the connection that owns it. */
export interface ByteChannelSink {
  /** Bytes arrived (the chunk is the receiver's to keep). */
  receive(chunk: Uint8Array): void;
  /** The channel closed: by the peer (no error) or with a socket error. May be called more than once. */
  closed(error?: Error): void;
}

/** A connected byte pipe. */
export interface ByteChannel {
  /** Where the peer is, for messages (e.g. `127.0.0.1:50123`). */
  readonly remoteAddress: string;
  /** Starts delivering received bytes and closure to `sink`. Called once. */
  attach(sink: ByteChannelSink): void;
  /** Queues `bytes`; resolves once they are handed to the operating system, rejects if the pipe closes first. */
  write(bytes: Uint8Array): Promise<void>;
  /**
   * Closes the pipe: gracefully (flushing queued bytes) or at once. Resolves when it is closed; a
   * graceful close of a peer that never finishes is cut off after `graceMs`.
   */
  close(graceful: boolean, graceMs?: number): Promise<void>;
}
