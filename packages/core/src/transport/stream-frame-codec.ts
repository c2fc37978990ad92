import { TransportError } from '../errors/transport-error';
import { ByteQueue } from './byte-queue';
import {
  DEFAULT_MAX_FRAME_LENGTH,
  type DecodedFrame,
  type EncodeOptions,
  type FrameCodec,
  type FrameCodecOptions,
  type FramingKind,
  type RandomBytes,
  type TransportRole,
  systemRandomBytes,
} from './frame-codec';

/**
 * What the plain codecs share: the receive buffer, the failed state, the bounds on lengths and the
 * recognition of Telegram's transport error codes
 * (core.telegram.org/mtproto/mtproto-transports#transport-errors).
 */
export abstract class StreamFrameCodec implements FrameCodec {
  abstract readonly kind: FramingKind;
  abstract readonly initTag: Uint8Array;
  readonly maxFrameLength: number;
  protected readonly queue = new ByteQueue();
  protected readonly random: RandomBytes;
  private failure: TransportError | undefined;

  constructor(
    readonly role: TransportRole,
    options: FrameCodecOptions = {},
  ) {
    const maxFrameLength = options.maxFrameLength ?? DEFAULT_MAX_FRAME_LENGTH;
    if (!Number.isInteger(maxFrameLength) || maxFrameLength < 4) {
      throw new RangeError(`maxFrameLength must be an integer of at least 4, got ${maxFrameLength}`);
    }
    this.maxFrameLength = maxFrameLength;
    this.random = options.random ?? systemRandomBytes;
  }

  get preamble(): Uint8Array {
    return this.role === 'client' ? this.initTag.slice() : new Uint8Array(0);
  }

  get bufferedBytes(): number {
    return this.queue.length;
  }

  get missingBytes(): number {
    if (this.queue.length === 0) return 0;
    return Math.max(0, this.knownFrameSize() - this.queue.length);
  }

  abstract encode(payload: Uint8Array, options?: EncodeOptions): Uint8Array;
  abstract encodeQuickAck(token: number): Uint8Array;

  push(chunk: Uint8Array): void {
    if (this.failure) throw this.failure;
    this.queue.push(chunk);
  }

  read(): DecodedFrame | undefined {
    if (this.failure) throw this.failure;
    try {
      return this.decodeNext();
    } catch (error) {
      if (TransportError.isInstance(error)) this.failure = error;
      throw error;
    }
  }

  feed(chunk: Uint8Array): DecodedFrame[] {
    this.push(chunk);
    const frames: DecodedFrame[] = [];
    for (let frame = this.read(); frame !== undefined; frame = this.read()) frames.push(frame);
    return frames;
  }

  /** Decodes the frame at the head of the queue if it is complete, consuming its bytes. */
  protected abstract decodeNext(): DecodedFrame | undefined;

  /**
   * Size in bytes of the frame at the head of the queue as far as the buffered header tells: the
   * whole frame once its length is known, else the header bytes still to come.
   */
  protected abstract knownFrameSize(): number;

  /** Rejects payload lengths this codec cannot put on the wire. */
  protected checkPayload(payload: Uint8Array): void {
    if (payload.length === 0)
      throw new TransportError('bad-payload', `${this.kind}: cannot frame an empty payload`);
    if (payload.length % 4 !== 0) {
      throw new TransportError(
        'bad-payload',
        `${this.kind}: payload length ${payload.length} is not a multiple of 4`,
      );
    }
    if (payload.length > this.maxFrameLength) {
      throw new TransportError(
        'bad-payload',
        `${this.kind}: payload length ${payload.length} exceeds the maximum ${this.maxFrameLength}`,
      );
    }
  }

  /** Throws unless a client is encoding: only a client may ask for a quick ack. */
  protected checkQuickAckRequest(options: EncodeOptions | undefined): boolean {
    if (!options?.quickAck) return false;
    if (this.role !== 'client') {
      throw new TransportError(
        'unsupported-operation',
        `${this.kind}: only a client can request a quick ack`,
      );
    }
    return true;
  }

  /** Throws unless a server is encoding: only a server sends quick acks. */
  protected quickAckValue(token: number): number {
    if (this.role !== 'server') {
      throw new TransportError('unsupported-operation', `${this.kind}: only a server sends quick acks`);
    }
    if (!Number.isInteger(token) || token < 0 || token > 0xffffffff) {
      throw new RangeError(`quick ack token must be a 32-bit unsigned integer, got ${token}`);
    }
    // The most significant bit tells the receiver this is a token, not the length of a frame.
    return (token | 0x80000000) >>> 0;
  }

  /**
   * Rejects a decoded payload length that is zero or above the bound; `allowance` is what the codec
   * may add on top of a payload of the maximum length (padded intermediate's padding).
   */
  protected checkLength(length: number, multipleOfFour: boolean, allowance = 0): void {
    if (length <= 0) throw new TransportError('bad-frame-length', `${this.kind}: frame length ${length}`);
    if (length > this.maxFrameLength + allowance) {
      throw new TransportError(
        'frame-too-long',
        `${this.kind}: frame length ${length} exceeds the maximum ${this.maxFrameLength}`,
      );
    }
    if (multipleOfFour && length % 4 !== 0) {
      throw new TransportError(
        'bad-frame-length',
        `${this.kind}: frame length ${length} is not a multiple of 4`,
      );
    }
  }

  /**
   * Throws Telegram's transport error when a payload from the server is one: a negative 32-bit
   * integer standing alone (`maxLength` lets padded intermediate allow leftover padding words).
   * No MTProto message is that short, so a real payload is never mistaken for one.
   */
  protected rejectServerErrorCode(payload: Uint8Array, maxLength = 4): void {
    if (this.role !== 'client' || payload.length < 4 || payload.length > maxLength) return;
    const code = new DataView(payload.buffer, payload.byteOffset, 4).getInt32(0, true);
    if (code < 0) throw TransportError.fromServerCode(code);
  }
}

/** Writes `value` as an unsigned little-endian 32-bit integer at `offset`. */
export function writeUint32Le(target: Uint8Array, offset: number, value: number): void {
  target[offset] = value & 0xff;
  target[offset + 1] = (value >>> 8) & 0xff;
  target[offset + 2] = (value >>> 16) & 0xff;
  target[offset + 3] = (value >>> 24) & 0xff;
}
