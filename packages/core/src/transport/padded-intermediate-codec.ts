import { TransportError } from '../errors/transport-error';
import type { FrameCodecOptions, TransportRole } from './frame-codec';
import { IntermediateCodec } from './intermediate-codec';

/** Longest transport-error frame after padding is cut to whole words: the code plus 3 padding words. */
const MAX_ERROR_CODE_BODY = 16;

/**
 * The padded intermediate framing (core.telegram.org/mtproto/mtproto-transports#padded-intermediate):
 * the client first sends `0xdddddddd`; each frame is intermediate framing whose length counts the
 * payload plus 0..15 random padding bytes. The receiver finds the payload's end because MTProto
 * payloads are whole 4-byte words: it drops `length % 4` trailing bytes. Whole padding words that
 * remain are ignored by the MTProto layer, whose messages carry their own lengths.
 */
export class PaddedIntermediateCodec extends IntermediateCodec {
  override readonly kind = 'padded-intermediate' as const;
  override readonly initTag = Uint8Array.of(0xdd, 0xdd, 0xdd, 0xdd);

  constructor(role: TransportRole, options?: FrameCodecOptions) {
    super(role, options);
  }

  protected override padded(): boolean {
    return true;
  }

  protected override makePadding(): Uint8Array {
    const count = this.random(1)[0] % 16;
    return count === 0 ? new Uint8Array(0) : this.random(count);
  }

  protected override stripPadding(body: Uint8Array): Uint8Array {
    const payload = body.subarray(0, body.length - (body.length % 4));
    if (payload.length === 0) {
      throw new TransportError(
        'bad-frame-length',
        `padded-intermediate: frame of ${body.length} bytes holds no payload`,
      );
    }
    this.rejectServerErrorCode(payload, MAX_ERROR_CODE_BODY);
    return payload;
  }
}
