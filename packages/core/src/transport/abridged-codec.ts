import { TransportError } from '../errors/transport-error';
import type { DecodedFrame, EncodeOptions, FrameCodecOptions, TransportRole } from './frame-codec';
import { StreamFrameCodec } from './stream-frame-codec';

/** Length bytes at or above this value switch to the 4-byte header (0x7f then 3 bytes). */
const LONG_HEADER_MARK = 0x7f;
/** The longest payload the 3-byte word count can describe. */
const MAX_ENCODABLE_LENGTH = 0xffffff * 4;

/**
 * The abridged framing (core.telegram.org/mtproto/mtproto-transports#abridged): the client first sends
 * `0xef`; each frame is its payload length in 4-byte words as one byte (below 0x7f) or `0x7f` followed by
 * the word count in 3 little-endian bytes, then the payload. A client asks for a quick ack by setting
 * the top bit of the first header byte; the server answers with the 4-byte token written big-endian
 * ("bswapped"), whose top bit makes it distinguishable from a length byte.
 */
export class AbridgedCodec extends StreamFrameCodec {
  readonly kind = 'abridged' as const;
  readonly initTag = Uint8Array.of(0xef);

  constructor(role: TransportRole, options?: FrameCodecOptions) {
    super(role, options);
  }

  encode(payload: Uint8Array, options?: EncodeOptions): Uint8Array {
    this.checkPayload(payload);
    if (payload.length > MAX_ENCODABLE_LENGTH) {
      throw new TransportError('bad-payload', `abridged: payload length ${payload.length} cannot be encoded`);
    }
    const quickAckBit = this.checkQuickAckRequest(options) ? 0x80 : 0;
    const words = payload.length / 4;
    const headerLength = words < LONG_HEADER_MARK ? 1 : 4;
    const frame = new Uint8Array(headerLength + payload.length);
    if (headerLength === 1) {
      frame[0] = words | quickAckBit;
    } else {
      frame[0] = LONG_HEADER_MARK | quickAckBit;
      frame[1] = words & 0xff;
      frame[2] = (words >>> 8) & 0xff;
      frame[3] = (words >>> 16) & 0xff;
    }
    frame.set(payload, headerLength);
    return frame;
  }

  encodeQuickAck(token: number): Uint8Array {
    const value = this.quickAckValue(token);
    return Uint8Array.of(value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
  }

  protected decodeNext(): DecodedFrame | undefined {
    const queue = this.queue;
    if (queue.length === 0) return undefined;
    const first = queue.byteAt(0);
    const flagged = (first & 0x80) !== 0;
    if (flagged && this.role === 'client') {
      if (queue.length < 4) return undefined;
      const token =
        ((first << 24) | (queue.byteAt(1) << 16) | (queue.byteAt(2) << 8) | queue.byteAt(3)) >>> 0;
      queue.skip(4);
      return { type: 'quick-ack', token };
    }
    const header = this.readHeader();
    if (header === undefined) return undefined;
    const length = header.words * 4;
    this.checkLength(length, false);
    if (queue.length < header.size + length) return undefined;
    queue.skip(header.size);
    const payload = queue.take(length);
    this.rejectServerErrorCode(payload);
    return { type: 'payload', payload, quickAckRequested: flagged };
  }

  protected knownFrameSize(): number {
    const first = this.queue.byteAt(0);
    if ((first & 0x80) !== 0 && this.role === 'client') return 4;
    const header = this.readHeader();
    return header === undefined ? 4 : header.size + header.words * 4;
  }

  /** The header at the head of the queue, or undefined while its bytes are still arriving. */
  private readHeader(): { size: number; words: number } | undefined {
    const queue = this.queue;
    const lengthByte = queue.byteAt(0) & 0x7f;
    if (lengthByte < LONG_HEADER_MARK) return { size: 1, words: lengthByte };
    if (queue.length < 4) return undefined;
    return { size: 4, words: queue.byteAt(1) | (queue.byteAt(2) << 8) | (queue.byteAt(3) << 16) };
  }
}
