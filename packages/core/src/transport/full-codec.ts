import { TransportError } from '../errors/transport-error';
import { crc32 } from '../tl/crc32';
import type { DecodedFrame, EncodeOptions, FrameCodecOptions, TransportRole } from './frame-codec';
import { StreamFrameCodec, writeUint32Le } from './stream-frame-codec';

/** Length, sequence number and CRC32: the bytes a full frame adds around its payload. */
const OVERHEAD = 12;

/**
 * The full framing (core.telegram.org/mtproto/mtproto-transports#full): no init tag; each frame is
 * `length` (of the whole frame, little-endian 32-bit), `seqno` (frames sent so far in this direction,
 * from 0), the payload, and the CRC32 of everything before it. The decoder checks both the checksum
 * and that sequence numbers arrive in order; full framing has no quick ack.
 */
export class FullCodec extends StreamFrameCodec {
  readonly kind = 'full' as const;
  readonly initTag = new Uint8Array(0);
  private sendSequence = 0;
  private receiveSequence = 0;

  constructor(role: TransportRole, options?: FrameCodecOptions) {
    super(role, options);
  }

  encode(payload: Uint8Array, options?: EncodeOptions): Uint8Array {
    this.checkPayload(payload);
    if (options?.quickAck)
      throw new TransportError('unsupported-operation', 'full: this framing has no quick ack');
    const frame = new Uint8Array(payload.length + OVERHEAD);
    writeUint32Le(frame, 0, frame.length);
    writeUint32Le(frame, 4, this.sendSequence);
    frame.set(payload, 8);
    writeUint32Le(frame, frame.length - 4, crc32(frame.subarray(0, frame.length - 4)));
    this.sendSequence = (this.sendSequence + 1) >>> 0;
    return frame;
  }

  encodeQuickAck(): Uint8Array {
    throw new TransportError('unsupported-operation', 'full: this framing has no quick ack');
  }

  protected decodeNext(): DecodedFrame | undefined {
    const queue = this.queue;
    if (queue.length < 4) return undefined;
    const length = queue.uint32LeAt(0);
    if (length >= 0x80000000) {
      throw new TransportError('bad-frame-length', `full: negative frame length ${length | 0}`);
    }
    if (length <= OVERHEAD) {
      throw new TransportError('bad-frame-length', `full: frame length ${length} leaves no payload`);
    }
    this.checkLength(length - OVERHEAD, true);
    if (queue.length < length) return undefined;
    const frame = queue.take(length);
    const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
    const expectedChecksum = view.getUint32(length - 4, true);
    const actualChecksum = crc32(frame.subarray(0, length - 4));
    if (expectedChecksum !== actualChecksum) {
      throw new TransportError(
        'bad-checksum',
        `full: frame ${this.receiveSequence} has CRC32 ${hex(expectedChecksum)}, computed ${hex(actualChecksum)}`,
      );
    }
    const sequence = view.getUint32(4, true);
    if (sequence !== this.receiveSequence) {
      throw new TransportError(
        'bad-sequence-number',
        `full: expected seqno ${this.receiveSequence}, got ${sequence}`,
      );
    }
    this.receiveSequence = (this.receiveSequence + 1) >>> 0;
    const payload = frame.subarray(8, length - 4);
    this.rejectServerErrorCode(payload);
    return { type: 'payload', payload, quickAckRequested: false };
  }

  protected knownFrameSize(): number {
    return this.queue.length < 4 ? 4 : this.queue.uint32LeAt(0);
  }
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}
