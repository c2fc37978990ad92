import WebSocket from 'ws';
import { TransportError } from '../../errors/transport-error';
import { createClientCodec, type ObfuscationOptions } from '../create-client-codec';
import { DEFAULT_MAX_FRAME_LENGTH, type FrameCodec, type RandomBytes } from '../frame-codec';
import type { ObfuscatedFramingKind } from '../obfuscation';
import type { MtprotoConnection } from '../payload-connection';
import { FramedConnection, type FramedConnectionTimeouts } from './framed-connection';
import { DEFAULT_CONNECT_TIMEOUT_MS, openWithDeadline } from './open-with-deadline';
import { WebSocketChannel } from './websocket-channel';

/** The subprotocol Telegram requires in the handshake (core.telegram.org/mtproto/transports#websocket). */
export const WEBSOCKET_SUBPROTOCOL = 'binary';

/** The path of Telegram's WebSocket endpoint (`/apiws_test` on test servers). */
export const WEBSOCKET_PATH = '/apiws';

/** Options of {@link WebSocketConnection}. */
export interface WebSocketConnectionOptions extends FramedConnectionTimeouts {
  /** Endpoint, e.g. `ws://127.0.0.1:8080/apiws` or `wss://venus.web.telegram.org/apiws`. */
  readonly url: string;
  /** Inner framing of the obfuscated stream. Default `intermediate`. */
  readonly framing?: ObfuscatedFramingKind;
  /** Obfuscation init settings: WebSocket always carries an obfuscated stream. */
  readonly obfuscation: ObfuscationOptions;
  /** Bound on the TCP connect plus the WebSocket handshake, in milliseconds. Default 10 s. */
  readonly connectTimeoutMs?: number;
  /** Largest payload accepted from the server (also caps one WebSocket message). */
  readonly maxFrameLength?: number;
  readonly random?: RandomBytes;
}

/**
 * The WebSocket transport (core.telegram.org/mtproto/transports#websocket) on the client: binary
 * messages with subprotocol `binary`, treated as one byte stream that carries obfuscated framing,
 * since obfuscation is required on WebSocket.
 *
 * @example
 * ```ts
 * const connection = new WebSocketConnection({ url: 'ws://127.0.0.1:8080/apiws', obfuscation: { dcId: 2 } });
 * await connection.connect();
 * ```
 */
export class WebSocketConnection extends FramedConnection implements MtprotoConnection {
  readonly description: string;
  private readonly connectAbort = new AbortController();

  constructor(private readonly options: WebSocketConnectionOptions) {
    super();
    this.description = `websocket+obfuscated-${options.framing ?? 'intermediate'} ${options.url}`;
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
    const options = this.options;
    let codec: FrameCodec;
    try {
      codec = createClientCodec({ ...options, framing: options.framing ?? 'intermediate' });
    } catch (error) {
      this.currentState = 'closed';
      return Promise.reject(error);
    }
    this.currentState = 'connecting';
    const abort = signal ? AbortSignal.any([signal, this.connectAbort.signal]) : this.connectAbort.signal;
    const maxFrameLength = options.maxFrameLength ?? DEFAULT_MAX_FRAME_LENGTH;
    const opening = openWithDeadline<WebSocket>(
      this.description,
      options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      abort,
      (resolve, reject) => {
        // One message never needs to exceed one frame plus its header and the obfuscation init.
        const socket = new WebSocket(options.url, WEBSOCKET_SUBPROTOCOL, {
          maxPayload: maxFrameLength + 128,
        });
        socket.once('error', reject);
        socket.once('unexpected-response', (_request, response) => {
          reject(new Error(`WebSocket handshake refused with HTTP ${response.statusCode}`));
        });
        socket.once('open', () => {
          socket.off('error', reject);
          resolve(socket);
        });
        return () => socket.terminate();
      },
    );
    return opening.then(
      (socket) => {
        this.attach(new WebSocketChannel(socket, options.url), { codec }, options);
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
