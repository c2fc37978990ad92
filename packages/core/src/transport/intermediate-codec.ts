import type { DecodedFrame, EncodeOptions, FrameCodecOptions, TransportRole } from './frame-codec';
import { StreamFrameCodec, writeUint32Le } from './stream-frame-codec';

const QUICK_ACK_BIT = 0x80000000;
/** Most random bytes padded intermediate appends to a payload. */
const MAX_PADDING = 15;

/**
 * The intermediate framing (core.telegram.org/mtproto/mtproto-transports#intermediate): the client
 * first sends `0xeeeeeeee`; each frame is the payload length as a little-endian 32-bit integer, then
 * the payload. A client asks for a quick ack by setting the length's top bit; the server answers with
 * the 4-byte token (top bit set) in place of a length.
 *
 * {@link PaddedIntermediateCodec} reuses this class through the two padding hooks.
 */
export class IntermediateCodec extends StreamFrameCodec {
  readonly kind: 'intermediate' | 'padded-intermediate' = 'intermediate';
  readonly initTag: Uint8Array = Uint8Array.of(0xee, 0xee, 0xee, 0xee);

  constructor(role: TransportRole, options?: FrameCodecOptions) {
    super(role, options);
  }

  encode(payload: Uint8Array, options?: EncodeOptions): Uint8Array {
    this.checkPayload(payload);
    const quickAck = this.checkQuickAckRequest(options);
    const padding = this.makePadding();
    const length = payload.length + padding.length;
    const frame = new Uint8Array(4 + length);
    writeUint32Le(frame, 0, quickAck ? (length | QUICK_ACK_BIT) >>> 0 : length);
    frame.set(payload, 4);
    frame.set(padding, 4 + payload.length);
    return frame;
  }

  encodeQuickAck(token: number): Uint8Array {
    const frame = new Uint8Array(4);
    writeUint32Le(frame, 0, this.quickAckValue(token));
    return frame;
  }

  protected decodeNext(): DecodedFrame | undefined {
    const queue = this.queue;
    if (queue.length < 4) return undefined;
    const value = queue.uint32LeAt(0);
    const flagged = (value & QUICK_ACK_BIT) !== 0;
    if (flagged && this.role === 'client') {
      queue.skip(4);
      return { type: 'quick-ack', token: value };
    }
    const length = value & ~QUICK_ACK_BIT;
    this.checkLength(length, !this.padded(), this.padded() ? MAX_PADDING : 0);
    if (queue.length < 4 + length) return undefined;
    queue.skip(4);
    const payload = this.stripPadding(queue.take(length));
    return { type: 'payload', payload, quickAckRequested: flagged };
  }

  protected knownFrameSize(): number {
    if (this.queue.length < 4) return 4;
    const value = this.queue.uint32LeAt(0);
    if ((value & QUICK_ACK_BIT) !== 0 && this.role === 'client') return 4;
    return 4 + (value & ~QUICK_ACK_BIT);
  }

  /** Whether frames carry random padding after the payload. */
  protected padded(): boolean {
    return false;
  }

  /** Random bytes to append after a payload (none for plain intermediate). */
  protected makePadding(): Uint8Array {
    return new Uint8Array(0);
  }

  /** Turns a received frame body into the payload, checking for a transport error code. */
  protected stripPadding(body: Uint8Array): Uint8Array {
    this.rejectServerErrorCode(body);
    return body;
  }
}
