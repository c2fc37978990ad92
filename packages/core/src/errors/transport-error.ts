import { MtbotError, hasErrorMarker } from './mtbot-error';

const MARKER = Symbol.for('mtbot.error.TransportError');

/**
 * Why a transport failed. The framing reasons (down to `unsupported-operation`) mean the bytes on the
 * wire are not valid framing; the ones after them come from the socket layer (timeouts, closed or
 * refused connections). In every case the connection cannot continue and the caller closes it.
 */
export type TransportErrorReason =
  /** A frame announced a length above the configured maximum. */
  | 'frame-too-long'
  /** A length that is zero, too short for the codec's header, or not a multiple of 4 where required. */
  | 'bad-frame-length'
  /** A full-transport frame whose CRC32 does not match its contents. */
  | 'bad-checksum'
  /** A full-transport frame whose sequence number is not the next one expected in its direction. */
  | 'bad-sequence-number'
  /** The peer sent Telegram's 4-byte negative transport error code (e.g. -404) instead of a payload. */
  | 'server-error-code'
  /** The first bytes are HTTP, TLS or otherwise not a framing this side can speak. */
  | 'unsupported-protocol'
  /** An obfuscated init whose decrypted protocol tag is unknown (often: a wrong MTProxy secret). */
  | 'bad-obfuscation-tag'
  /** A payload given to an encoder that the codec cannot frame (empty, too long, not whole words). */
  | 'bad-payload'
  /** A codec was asked for something its role or framing does not do (e.g. a server requesting a quick ack). */
  | 'unsupported-operation'
  /** A wait ran out: connecting, a partially received frame, an HTTP request, an idle connection. */
  | 'timeout'
  /** The connection could not be opened (refused, unreachable, handshake rejected). */
  | 'connect-failed'
  /** The connection is closed (by the peer or locally) or was never opened. */
  | 'connection-closed'
  /** The caller's AbortSignal fired. */
  | 'aborted'
  /** An HTTP transport request got a status other than 200/204. */
  | 'http-status'
  /** Every transport a fallback connector tried failed; the attempts are listed in the message. */
  | 'all-attempts-failed';

/** Hints for Telegram's transport error codes (core.telegram.org/mtproto/mtproto-transports#transport-errors). */
const CODE_HINTS: Readonly<Record<number, string>> = {
  [-404]: 'auth key not found: the server does not know this auth key, create a new one',
  [-429]: 'transport flood: too many connections or requests, wait before reconnecting',
};

/**
 * Framing on a connection failed: a malformed or oversized frame, a bad checksum or sequence number,
 * an unknown protocol, or Telegram's own transport error code. The connection must be closed.
 *
 * @example
 * ```ts
 * try { codec.feed(chunk) } catch (error) {
 *   if (TransportError.isInstance(error) && error.code === -404) forgetAuthKey()
 *   socket.destroy()
 * }
 * ```
 */
export class TransportError extends MtbotError {
  readonly [MARKER] = true;

  constructor(
    /** What went wrong, as a stable machine-readable value. */
    readonly reason: TransportErrorReason,
    message: string,
    /** Telegram's negative transport error code (e.g. -404, -429), for `server-error-code`. */
    readonly code?: number,
    options?: { cause?: unknown },
  ) {
    const hint = code !== undefined ? CODE_HINTS[code] : undefined;
    super(hint ? `${message} (${hint})` : message, options);
    this.name = 'TransportError';
  }

  /** The error for Telegram's 4-byte transport error code, e.g. `-404`. */
  static fromServerCode(code: number): TransportError {
    return new TransportError('server-error-code', `server sent transport error ${code}`, code);
  }

  static override isInstance(value: unknown): value is TransportError {
    return hasErrorMarker(value, MARKER);
  }
}
