import { TransportError } from '../../src/errors/transport-error';
import { IntermediateCodec } from '../../src/transport/intermediate-codec';
import { concatBytes, hexBytes, thrownBy } from './transport-test-helpers';

// Expected bytes below are written from core.telegram.org/mtproto/mtproto-transports#intermediate.
describe('IntermediateCodec', () => {
  it('has the 0xeeeeeeee tag, sent first by a client only', () => {
    expect(new IntermediateCodec('client').preamble).toEqual(hexBytes('eeeeeeee'));
    expect(new IntermediateCodec('server').preamble).toEqual(new Uint8Array(0));
  });

  it('prefixes the payload with its length as a little-endian int', () => {
    const codec = new IntermediateCodec('client');
    expect(codec.encode(Uint8Array.of(1, 2, 3, 4))).toEqual(hexBytes('04000000 01020304'));
    expect(codec.encode(new Uint8Array(0x104)).subarray(0, 4)).toEqual(hexBytes('04010000'));
  });

  it('sets the top bit of the length for a quick ack request, which the server reports', () => {
    const client = new IntermediateCodec('client');
    const frame = client.encode(Uint8Array.of(1, 2, 3, 4), { quickAck: true });
    expect(frame).toEqual(hexBytes('04000080 01020304'));
    expect(new IntermediateCodec('server').feed(frame)).toEqual([
      { type: 'payload', payload: Uint8Array.of(1, 2, 3, 4), quickAckRequested: true },
    ]);
  });

  it('sends a quick ack token in place of a length, and the client reads it back', () => {
    const server = new IntermediateCodec('server');
    const token = server.encodeQuickAck(0x12345678);
    expect(token).toEqual(hexBytes('78563492'));
    const frames = new IntermediateCodec('client').feed(
      concatBytes(token, server.encode(Uint8Array.of(5, 6, 7, 8))),
    );
    expect(frames).toEqual([
      { type: 'quick-ack', token: 0x92345678 },
      { type: 'payload', payload: Uint8Array.of(5, 6, 7, 8), quickAckRequested: false },
    ]);
  });

  it.each([
    ['a zero length', '00000000', 'bad-frame-length'],
    ['a length that is not whole words', '06000000 010203040506', 'bad-frame-length'],
    ['a length over the maximum', '04040000', 'frame-too-long'],
  ])('rejects %s', (_name, hex, reason) => {
    const error = thrownBy(() =>
      new IntermediateCodec('server', { maxFrameLength: 1024 }).feed(hexBytes(hex)),
    );
    expect(TransportError.isInstance(error) && error.reason).toBe(reason);
  });

  it('turns a server frame holding only -404 into a TransportError with that code', () => {
    const error = thrownBy(() => new IntermediateCodec('client').feed(hexBytes('04000000 6cfeffff')));
    expect(error).toMatchObject({ name: 'TransportError', reason: 'server-error-code', code: -404 });
  });

  it('leaves 4-byte payloads from a client to the layer above', () => {
    expect(new IntermediateCodec('server').feed(hexBytes('04000000 6cfeffff'))).toEqual([
      { type: 'payload', payload: hexBytes('6cfeffff'), quickAckRequested: false },
    ]);
  });
});
