/**
 * The payload-level view of an MTProto transport connection (core.telegram.org/mtproto/transports):
 * whole MTProto payloads go in and come out, whatever carries them (TCP with any framing, WebSocket,
 * HTTP). The session layer above sees only this interface.
 */
import type { TypedEventEmitter } from './typed-event-emitter';

/** Where a connection is in its life. A closed connection is never reopened: make a new one. */
export type ConnectionState = 'idle' | 'connecting' | 'open' | 'closed';

/** What came with a received payload. */
export interface PayloadInfo {
  /** Server side: the client asked for a quick ack of this payload (always false on a client). */
  readonly quickAckRequested: boolean;
}

/** Events of a {@link PayloadConnection}. */
export type PayloadConnectionEvents = {
  /** One whole MTProto payload arrived. Payloads are delivered in the order they arrived. */
  payload: (payload: Uint8Array, info: PayloadInfo) => void;
  /** Client side: the server quick-acknowledged a payload sent with `quickAck` (token has its top bit set). */
  quickAck: (token: number) => void;
  /**
   * The connection closed, once per connection. `error` is undefined only after a local
   * {@link PayloadConnection.close}; otherwise it is a TransportError saying why (peer closed, timeout,
   * bad framing, Telegram's transport error code).
   */
  close: (error?: Error) => void;
};

/** Options of {@link PayloadConnection.send}. */
export interface SendOptions {
  /** Ask the server for a quick ack (client side, framings that have one). */
  readonly quickAck?: boolean;
}

/**
 * A connection that carries whole payloads. Implemented by the client connections (TCP, WebSocket,
 * HTTP) and by the server side's accepted connections.
 */
export interface PayloadConnection extends Pick<
  TypedEventEmitter<PayloadConnectionEvents>,
  'on' | 'off' | 'listenerCount'
> {
  readonly state: ConnectionState;
  /**
   * Sends one payload. Resolves once the bytes are handed to the operating system (so awaiting it
   * applies backpressure); rejects with a TransportError when the connection is not open or the
   * payload cannot be framed. Payloads go out in the order of the calls.
   */
  send(payload: Uint8Array, options?: SendOptions): Promise<void>;
  /** Closes the connection (idempotent); `close` is emitted without an error. */
  close(): Promise<void>;
}

/**
 * The client's connection: a {@link PayloadConnection} that is opened explicitly.
 *
 * @example
 * ```ts
 * const connection = new TcpConnection({ host: '127.0.0.1', port: 443, framing: 'intermediate' });
 * connection.on('payload', (payload) => session.receive(payload));
 * connection.on('close', (error) => scheduleReconnect(error));
 * await connection.connect(AbortSignal.timeout(10_000));
 * await connection.send(payload);
 * ```
 */
export interface MtprotoConnection extends PayloadConnection {
  /** Short description of the transport, e.g. `tcp+obfuscated-intermediate 127.0.0.1:443`. */
  readonly description: string;
  /**
   * Opens the connection. Rejects with a TransportError (`connect-failed`, `timeout`, `aborted`);
   * after a rejection the connection is closed. Calling it twice is an error.
   */
  connect(signal?: AbortSignal): Promise<void>;
}
