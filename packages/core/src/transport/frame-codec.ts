/**
 * The shape every MTProto framing codec shares
 * (core.telegram.org/mtproto/mtproto-transports): payloads in, frame bytes out, and an incremental
 * decoder that takes the byte stream in chunks of any size. Codecs do no I/O; sockets come on top.
 */

import { secureRandomSource } from '../crypto/random-source';

/** Which end of the connection a codec serves. It decides how the quick-ack bit is read. */
export type TransportRole = 'client' | 'server';

/** The plain framings. Obfuscation wraps one of the first three. */
export type FramingKind = 'abridged' | 'intermediate' | 'padded-intermediate' | 'full';

/** Largest payload a decoder accepts unless told otherwise: 16 MiB plus room for MTProto headers. */
export const DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024 + 1024;

/** One unit the decoder found in the stream. */
export type DecodedFrame =
  | {
      readonly type: 'payload';
      /** The MTProto payload, owned by the caller. */
      readonly payload: Uint8Array;
      /** Server role only: the client set the quick-ack bit on this frame. */
      readonly quickAckRequested: boolean;
    }
  | {
      readonly type: 'quick-ack';
      /** Client role only: the token the server acknowledged with (its most significant bit is set). */
      readonly token: number;
    };

/** Options of {@link FrameCodec.encode}. */
export interface EncodeOptions {
  /** Client role only: ask the server for a quick ack of this (encrypted) payload. */
  readonly quickAck?: boolean;
}

/** Where a codec gets random bytes (padding, obfuscation init): `length` fresh bytes per call. */
export type RandomBytes = (length: number) => Uint8Array;

/** The default random source of the codecs: the system CSPRNG (crypto's `secureRandomSource`). */
export const systemRandomBytes: RandomBytes = secureRandomSource;

/** Options shared by the codec constructors. */
export interface FrameCodecOptions {
  /** Decoder bound: a frame announcing a longer payload is a {@link TransportError}. */
  readonly maxFrameLength?: number;
  /** Random source for padding; defaults to the system CSPRNG. */
  readonly random?: RandomBytes;
}

/**
 * A framing codec for one end of one connection: it encodes outgoing payloads and decodes the
 * incoming byte stream. State (buffered bytes, full-transport sequence numbers) is per connection.
 *
 * @example
 * ```ts
 * const codec = new IntermediateCodec('client');
 * socket.write(codec.preamble);
 * socket.write(codec.encode(payload));
 * socket.on('data', (chunk) => { for (const frame of codec.feed(chunk)) handle(frame) });
 * ```
 */
export interface FrameCodec {
  /** The framing this codec speaks (for an obfuscated codec, the inner one). */
  readonly kind: FramingKind;
  readonly role: TransportRole;
  /** The protocol's tag: what a client sends first on a plain connection (empty for full). */
  readonly initTag: Uint8Array;
  /** Bytes this end must write before its first frame (client: the tag or obfuscation init). */
  readonly preamble: Uint8Array;
  /** Frames one payload for sending. */
  encode(payload: Uint8Array, options?: EncodeOptions): Uint8Array;
  /** Server role: the bytes that quick-acknowledge a client frame with `token`. */
  encodeQuickAck(token: number): Uint8Array;
  /** Adds received bytes; call {@link FrameCodec.read} to take frames out. */
  push(chunk: Uint8Array): void;
  /**
   * The next complete frame, or undefined when more bytes are needed. Throws a TransportError for
   * a bad frame; after that every call throws the same error.
   */
  read(): DecodedFrame | undefined;
  /** {@link FrameCodec.push} then {@link FrameCodec.read} until no frame is left. */
  feed(chunk: Uint8Array): DecodedFrame[];
  /** Bytes received and not yet returned in a frame. */
  readonly bufferedBytes: number;
  /**
   * How many more bytes the frame in progress needs at least (0 when nothing partial is buffered).
   * While it is above 0 the socket layer can run a read timeout.
   */
  readonly missingBytes: number;
}
