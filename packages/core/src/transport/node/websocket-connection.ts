import WebSocket from 'ws';
import { createClientCodec, type ObfuscationOptions } from '../create-client-codec';
import { DEFAULT_MAX_FRAME_LENGTH, type FrameCodec, type RandomBytes } from '../frame-codec';
import type { ObfuscatedFramingKind } from '../obfuscation';
import type { ByteChannel } from './byte-channel';
import { ClientFramedConnection, type ClientFramedConnectionOptions } from './client-framed-connection';
import { WebSocketChannel } from './websocket-channel';

/** The subprotocol Telegram requires in the handshake (core.telegram.org/mtproto/transports#websocket). */
export const WEBSOCKET_SUBPROTOCOL = 'binary';

/** The path of Telegram's WebSocket endpoint (`/apiws_test` on test servers). */
export const WEBSOCKET_PATH = '/apiws';

/** Options of {@link WebSocketConnection}. */
export interface WebSocketConnectionOptions extends ClientFramedConnectionOptions {
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
export class WebSocketConnection extends ClientFramedConnection<WebSocket> {
  readonly description: string;

  constructor(private readonly options: WebSocketConnectionOptions) {
    super(options);
    this.description = `websocket+obfuscated-${options.framing ?? 'intermediate'} ${options.url}`;
  }

  protected createCodec(): FrameCodec {
    return createClientCodec({ ...this.options, framing: this.options.framing ?? 'intermediate' });
  }

  protected openSocket(resolve: (socket: WebSocket) => void, reject: (error: Error) => void): () => void {
    const maxFrameLength = this.options.maxFrameLength ?? DEFAULT_MAX_FRAME_LENGTH;
    // One message never needs to exceed one frame plus its header and the obfuscation init.
    const socket = new WebSocket(this.options.url, WEBSOCKET_SUBPROTOCOL, {
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
  }

  protected channelFor(socket: WebSocket): ByteChannel {
    return new WebSocketChannel(socket, this.options.url);
  }
}
