import { createFrameCodec } from './create-frame-codec';
import {
  systemRandomBytes,
  type DecodedFrame,
  type EncodeOptions,
  type FrameCodec,
  type FrameCodecOptions,
  type TransportRole,
} from './frame-codec';
import {
  createObfuscatedClientInit,
  parseObfuscatedClientInit,
  type MtproxySecret,
  type ObfuscatedFramingKind,
  type ObfuscationStreams,
} from './obfuscation';

/** Options of {@link ObfuscatedCodec.client}. */
export interface ObfuscatedClientOptions extends FrameCodecOptions {
  /** Inner framing; a `dd` MTProxy secret requires `padded-intermediate`. */
  readonly framing: ObfuscatedFramingKind;
  /** Signed DC id to put in the init (see `obfuscationDcId`). */
  readonly dcId: number;
  /** MTProxy secret, when connecting through a proxy. */
  readonly secret?: MtproxySecret;
}

/** What a server learned when it accepted an obfuscated client (see {@link ObfuscatedCodec.server}). */
export interface ObfuscatedServerResult {
  readonly codec: ObfuscatedCodec;
  /** Signed DC id the client asked for. */
  readonly dcId: number;
  /** The MTProxy secret the client used, when the server has secrets. */
  readonly secret?: MtproxySecret;
}

/**
 * Obfuscation around abridged, intermediate or padded intermediate framing
 * (core.telegram.org/mtproto/mtproto-transports#transport-obfuscation): after the 64-byte init, every
 * byte in each direction goes through its own AES-256-CTR stream. Framing happens inside the
 * encryption, so the inner codec sees plain frames.
 *
 * @example
 * ```ts
 * const codec = ObfuscatedCodec.client({ framing: 'padded-intermediate', dcId: 2 });
 * socket.write(codec.preamble); // the 64-byte init
 * socket.write(codec.encode(payload));
 * ```
 */
export class ObfuscatedCodec implements FrameCodec {
  private constructor(
    private readonly inner: FrameCodec,
    private readonly streams: ObfuscationStreams,
    /** The init for a client; nothing for a server, which answers without one. */
    readonly preamble: Uint8Array,
  ) {}

  /** A client codec with a fresh init (sent as {@link ObfuscatedCodec.preamble}). */
  static client(options: ObfuscatedClientOptions): ObfuscatedCodec {
    const random = options.random ?? systemRandomBytes;
    const { init, encryptor, decryptor } = createObfuscatedClientInit({
      framing: options.framing,
      dcId: options.dcId,
      secret: options.secret,
      random,
    });
    const inner = createFrameCodec(options.framing, 'client', { ...options, random });
    return new ObfuscatedCodec(inner, { encryptor, decryptor }, init);
  }

  /**
   * A server codec for the client whose 64-byte `init` was received. Pass the server's MTProxy
   * secrets to accept only clients that know one of them. Throws a TransportError for an init that
   * does not decrypt to a known framing.
   */
  static server(
    init: Uint8Array,
    options: FrameCodecOptions & { readonly secrets?: readonly MtproxySecret[] } = {},
  ): ObfuscatedServerResult {
    const parsed = parseObfuscatedClientInit(init, options.secrets);
    const inner = createFrameCodec(parsed.framing, 'server', options);
    const codec = new ObfuscatedCodec(inner, parsed, new Uint8Array(0));
    return { codec, dcId: parsed.dcId, secret: parsed.secret };
  }

  get kind(): ObfuscatedFramingKind {
    return this.inner.kind as ObfuscatedFramingKind;
  }

  get role(): TransportRole {
    return this.inner.role;
  }

  get initTag(): Uint8Array {
    return this.inner.initTag;
  }

  get bufferedBytes(): number {
    return this.inner.bufferedBytes;
  }

  get missingBytes(): number {
    return this.inner.missingBytes;
  }

  encode(payload: Uint8Array, options?: EncodeOptions): Uint8Array {
    return this.streams.encryptor.update(this.inner.encode(payload, options));
  }

  encodeQuickAck(token: number): Uint8Array {
    return this.streams.encryptor.update(this.inner.encodeQuickAck(token));
  }

  push(chunk: Uint8Array): void {
    // Decrypting first keeps the stream position equal to the bytes received, even across a failure.
    this.inner.push(this.streams.decryptor.update(chunk));
  }

  read(): DecodedFrame | undefined {
    return this.inner.read();
  }

  feed(chunk: Uint8Array): DecodedFrame[] {
    this.push(chunk);
    const frames: DecodedFrame[] = [];
    for (let frame = this.read(); frame !== undefined; frame = this.read()) frames.push(frame);
    return frames;
  }
}
