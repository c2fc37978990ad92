import { TransportError } from '../errors/transport-error';
import { createFrameCodec } from './create-frame-codec';
import { detectClientFraming } from './detect-client-framing';
import type { FrameCodec, FrameCodecOptions } from './frame-codec';
import { ObfuscatedCodec } from './obfuscated-codec';
import type { MtproxySecret } from './obfuscation';

/** Options of {@link ServerTransportAcceptor}. */
export interface ServerTransportAcceptorOptions extends FrameCodecOptions {
  /** MTProxy secrets: when given, only obfuscated clients using one of them are accepted. */
  readonly secrets?: readonly MtproxySecret[];
  /** Refuse plain (unobfuscated) framings. Defaults to true when `secrets` are given, else false. */
  readonly requireObfuscation?: boolean;
}

/** The outcome of accepting a client connection. */
export interface AcceptedTransport {
  /** Server-role codec for the rest of the connection; bytes after the preamble are already pushed. */
  readonly codec: FrameCodec;
  readonly obfuscated: boolean;
  /** Signed DC id from an obfuscation init (plain framings do not carry one). */
  readonly dcId?: number;
  /** The MTProxy secret the client used. */
  readonly secret?: MtproxySecret;
}

/**
 * The server side of a new connection, before its framing is known: buffers the first bytes, detects
 * the client's framing (plain or obfuscated), and returns the codec for the rest of the connection.
 *
 * @example
 * ```ts
 * const acceptor = new ServerTransportAcceptor();
 * socket.on('data', (chunk) => {
 *   const accepted = codec ? undefined : acceptor.push(chunk);
 *   ...
 * });
 * ```
 */
export class ServerTransportAcceptor {
  private readonly received: Uint8Array[] = [];
  private receivedLength = 0;
  private needed = 1;
  private accepted: AcceptedTransport | undefined;

  constructor(private readonly options: ServerTransportAcceptorOptions = {}) {}

  /** Bytes still required before the framing can be decided (0 once accepted). */
  get missingBytes(): number {
    return this.accepted ? 0 : Math.max(0, this.needed - this.receivedLength);
  }

  /**
   * Adds bytes from the client. Returns the accepted transport once the opening bytes are complete
   * (any bytes past them go into its codec; read frames from there), undefined until then. Throws a
   * TransportError for HTTP, TLS, a refused plain framing or a bad obfuscation init. After acceptance,
   * push into the codec instead.
   */
  push(chunk: Uint8Array): AcceptedTransport | undefined {
    if (this.accepted) {
      throw new TransportError('unsupported-operation', 'transport already accepted: push into its codec');
    }
    this.received.push(chunk);
    this.receivedLength += chunk.length;
    if (this.receivedLength < this.needed) return undefined;
    const bytes = concat(this.received, this.receivedLength);
    this.received.length = 0;
    this.received.push(bytes);
    const detection = detectClientFraming(bytes);
    if (detection.status === 'need-more') {
      this.needed = detection.needed;
      return undefined;
    }
    if (detection.status === 'plain') {
      if (this.options.requireObfuscation ?? this.options.secrets !== undefined) {
        throw new TransportError(
          'unsupported-protocol',
          `plain ${detection.kind} framing refused: obfuscation required`,
        );
      }
      const codec = createFrameCodec(detection.kind, 'server', this.options);
      codec.push(bytes.subarray(detection.tagLength));
      return (this.accepted = { codec, obfuscated: false });
    }
    this.needed = detection.initLength;
    if (bytes.length < detection.initLength) return undefined;
    const { codec, dcId, secret } = ObfuscatedCodec.server(
      bytes.subarray(0, detection.initLength),
      this.options,
    );
    codec.push(bytes.subarray(detection.initLength));
    return (this.accepted = { codec, obfuscated: true, dcId, secret });
  }
}

/** Joins the opening chunks; at most 64 bytes plus one chunk, so copying them is cheap. */
function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
