import { TransportError } from '../../src/errors/transport-error';
import { AbridgedCodec } from '../../src/transport/abridged-codec';
import { concatBytes, patternPayload, payloadsOf, thrownBy } from './transport-test-helpers';

// Expected bytes below are written from core.telegram.org/mtproto/mtproto-transports#abridged.
describe('AbridgedCodec', () => {
  it('has the 0xef tag, sent first by a client only', () => {
    expect(new AbridgedCodec('client').initTag).toEqual(Uint8Array.of(0xef));
    expect(new AbridgedCodec('client').preamble).toEqual(Uint8Array.of(0xef));
    expect(new AbridgedCodec('server').preamble).toEqual(new Uint8Array(0));
  });

  it('writes the length in words as one byte below 127 words', () => {
    const codec = new AbridgedCodec('client');
    expect(codec.encode(Uint8Array.of(1, 2, 3, 4))).toEqual(Uint8Array.of(0x01, 1, 2, 3, 4));
    expect(codec.encode(new Uint8Array(8))).toEqual(Uint8Array.of(0x02, ...new Uint8Array(8)));
    expect(codec.encode(new Uint8Array(126 * 4)).subarray(0, 2)).toEqual(Uint8Array.of(0x7e, 0));
  });

  it('writes 0x7f and a 3-byte little-endian word count from 127 words on', () => {
    const codec = new AbridgedCodec('client');
    const frame = codec.encode(new Uint8Array(127 * 4));
    expect(frame.length).toBe(4 + 508);
    expect(frame.subarray(0, 4)).toEqual(Uint8Array.of(0x7f, 0x7f, 0x00, 0x00));
    expect(codec.encode(new Uint8Array(0x10203 * 4)).subarray(0, 4)).toEqual(
      Uint8Array.of(0x7f, 0x03, 0x02, 0x01),
    );
  });

  it('sets the top bit of the first byte when the client asks for a quick ack', () => {
    const client = new AbridgedCodec('client');
    const short = client.encode(Uint8Array.of(1, 2, 3, 4), { quickAck: true });
    expect(short).toEqual(Uint8Array.of(0x81, 1, 2, 3, 4));
    const long = client.encode(new Uint8Array(127 * 4), { quickAck: true });
    expect(long.subarray(0, 4)).toEqual(Uint8Array.of(0xff, 0x7f, 0x00, 0x00));

    const server = new AbridgedCodec('server');
    const frames = server.feed(concatBytes(short, long, client.encode(Uint8Array.of(9, 9, 9, 9))));
    expect(frames).toEqual([
      { type: 'payload', payload: Uint8Array.of(1, 2, 3, 4), quickAckRequested: true },
      { type: 'payload', payload: new Uint8Array(508), quickAckRequested: true },
      { type: 'payload', payload: Uint8Array.of(9, 9, 9, 9), quickAckRequested: false },
    ]);
  });

  it('sends the quick ack token byte-swapped, top bit first, and the client reads it back', () => {
    const server = new AbridgedCodec('server');
    const bytes = server.encodeQuickAck(0x12345678);
    expect(bytes).toEqual(Uint8Array.of(0x92, 0x34, 0x56, 0x78));
    const client = new AbridgedCodec('client');
    const frames = client.feed(concatBytes(bytes, server.encode(Uint8Array.of(5, 6, 7, 8))));
    expect(frames).toEqual([
      { type: 'quick-ack', token: 0x92345678 },
      { type: 'payload', payload: Uint8Array.of(5, 6, 7, 8), quickAckRequested: false },
    ]);
  });

  it('lets only a client request quick acks and only a server send them', () => {
    const byServer = thrownBy(() =>
      new AbridgedCodec('server').encode(new Uint8Array(4), { quickAck: true }),
    );
    expect(TransportError.isInstance(byServer) && byServer.reason).toBe('unsupported-operation');
    const byClient = thrownBy(() => new AbridgedCodec('client').encodeQuickAck(1));
    expect(TransportError.isInstance(byClient) && byClient.reason).toBe('unsupported-operation');
  });

  it('refuses payloads it cannot frame', () => {
    const codec = new AbridgedCodec('client', { maxFrameLength: 64 });
    for (const payload of [new Uint8Array(0), new Uint8Array(6), new Uint8Array(68)]) {
      const error = thrownBy(() => codec.encode(payload));
      expect(TransportError.isInstance(error) && error.reason).toBe('bad-payload');
    }
  });

  it('rejects a zero length', () => {
    const error = thrownBy(() => new AbridgedCodec('server').feed(Uint8Array.of(0x00, 1, 2, 3, 4)));
    expect(TransportError.isInstance(error) && error.reason).toBe('bad-frame-length');
  });

  it('rejects a length over the maximum as soon as the header is in', () => {
    const codec = new AbridgedCodec('client', { maxFrameLength: 1024 });
    // 257 words = 1028 bytes, one word over; the payload itself never arrives.
    const error = thrownBy(() => codec.feed(Uint8Array.of(0x7f, 0x01, 0x01, 0x00)));
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).reason).toBe('frame-too-long');
    expect(codec.feed.bind(codec, new Uint8Array(4))).toThrow(error as Error);
  });

  it.each([
    [-404, Uint8Array.of(0x01, 0x6c, 0xfe, 0xff, 0xff)],
    [-429, Uint8Array.of(0x01, 0x53, 0xfe, 0xff, 0xff)],
  ])('turns the server frame holding only %i into a TransportError with that code', (code, bytes) => {
    const error = thrownBy(() => new AbridgedCodec('client').feed(bytes));
    expect(TransportError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'server-error-code', code });
    expect((error as Error).message).toContain(String(code));
  });

  it('delivers frames before a bad one when read one by one', () => {
    const codec = new AbridgedCodec('client');
    codec.push(concatBytes(Uint8Array.of(0x01, 1, 2, 3, 4), Uint8Array.of(0x01, 0x6c, 0xfe, 0xff, 0xff)));
    expect(codec.read()).toEqual({
      type: 'payload',
      payload: Uint8Array.of(1, 2, 3, 4),
      quickAckRequested: false,
    });
    expect(() => codec.read()).toThrow(TransportError);
    expect(() => codec.read()).toThrow(TransportError);
  });

  it('waits for all 4 header bytes of a long frame', () => {
    const codec = new AbridgedCodec('server');
    const frame = codec.encode(patternPayload(600));
    expect(codec.feed(frame.subarray(0, 1))).toEqual([]);
    expect(codec.missingBytes).toBe(3);
    expect(codec.feed(frame.subarray(1, 4))).toEqual([]);
    expect(codec.missingBytes).toBe(600);
    expect(payloadsOf(codec.feed(frame.subarray(4)))).toEqual([patternPayload(600)]);
  });
});
