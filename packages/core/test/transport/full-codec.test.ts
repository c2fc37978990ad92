import { TransportError } from '../../src/errors/transport-error';
import { FullCodec } from '../../src/transport/full-codec';
import { concatBytes, hexBytes, payloadsOf, thrownBy } from './transport-test-helpers';

// Expected bytes below are written from core.telegram.org/mtproto/mtproto-transports#full; the
// CRC32 values were computed with zlib's crc32, independently of this project.
const FIRST_FRAME = hexBytes('10000000 00000000 01020304 420fb5e0');
const SECOND_FRAME = hexBytes('10000000 01000000 05060708 78b9aec9');

describe('FullCodec', () => {
  it('has no tag and no preamble', () => {
    expect(new FullCodec('client').initTag).toEqual(new Uint8Array(0));
    expect(new FullCodec('client').preamble).toEqual(new Uint8Array(0));
  });

  it('writes length, sequence number, payload and CRC32, counting frames from 0', () => {
    const codec = new FullCodec('client');
    expect(codec.encode(Uint8Array.of(1, 2, 3, 4))).toEqual(FIRST_FRAME);
    expect(codec.encode(Uint8Array.of(5, 6, 7, 8))).toEqual(SECOND_FRAME);
  });

  it('decodes frames in order', () => {
    expect(payloadsOf(new FullCodec('server').feed(concatBytes(FIRST_FRAME, SECOND_FRAME)))).toEqual([
      Uint8Array.of(1, 2, 3, 4),
      Uint8Array.of(5, 6, 7, 8),
    ]);
  });

  it('rejects a frame whose CRC32 does not match', () => {
    const corrupted = FIRST_FRAME.slice();
    corrupted[9] ^= 0x01;
    const error = thrownBy(() => new FullCodec('server').feed(corrupted));
    expect(TransportError.isInstance(error) && error.reason).toBe('bad-checksum');
  });

  it('rejects a skipped sequence number', () => {
    const error = thrownBy(() => new FullCodec('server').feed(SECOND_FRAME));
    expect(TransportError.isInstance(error) && error.reason).toBe('bad-sequence-number');
  });

  it('rejects a replayed frame', () => {
    const codec = new FullCodec('server');
    expect(codec.feed(FIRST_FRAME)).toHaveLength(1);
    const error = thrownBy(() => codec.feed(FIRST_FRAME));
    expect(TransportError.isInstance(error) && error.reason).toBe('bad-sequence-number');
  });

  it('keeps the sequence numbers of the two directions apart', () => {
    const client = new FullCodec('client');
    const server = new FullCodec('server');
    for (let round = 0; round < 3; round++) {
      expect(payloadsOf(server.feed(client.encode(Uint8Array.of(round, 0, 0, 0))))).toHaveLength(1);
      expect(payloadsOf(client.feed(server.encode(Uint8Array.of(0, round, 0, 0))))).toHaveLength(1);
    }
  });

  it.each([
    ['a negative length', 'ffffffff', 'bad-frame-length'],
    ['a length leaving no payload', '0c000000', 'bad-frame-length'],
    ['a length that is not whole words', '12000000', 'bad-frame-length'],
    ['a length over the maximum', '10010000', 'frame-too-long'],
  ])('rejects %s', (_name, hex, reason) => {
    const error = thrownBy(() => new FullCodec('server', { maxFrameLength: 240 }).feed(hexBytes(hex)));
    expect(TransportError.isInstance(error) && error.reason).toBe(reason);
  });

  it('turns a server frame holding only -429 into a TransportError with that code', () => {
    const frame = hexBytes('10000000 00000000 53feffff fac709af');
    const error = thrownBy(() => new FullCodec('client').feed(frame));
    expect(error).toMatchObject({ reason: 'server-error-code', code: -429 });
  });

  it('has no quick ack', () => {
    expect(() => new FullCodec('client').encode(new Uint8Array(4), { quickAck: true })).toThrow(
      TransportError,
    );
    expect(() => new FullCodec('server').encodeQuickAck()).toThrow(TransportError);
  });
});
