import { TransportError } from '../../src/errors/transport-error';
import { PaddedIntermediateCodec } from '../../src/transport/padded-intermediate-codec';
import { hexBytes, patternPayload, payloadsOf, seededRandom, thrownBy } from './transport-test-helpers';

/** A random source that hands out the given byte strings in order. */
function scripted(...answers: Uint8Array[]): (length: number) => Uint8Array {
  return (length) => {
    const answer = answers.shift();
    if (answer === undefined || answer.length !== length) throw new Error(`unexpected random(${length})`);
    return answer;
  };
}

// Expected bytes below are written from core.telegram.org/mtproto/mtproto-transports#padded-intermediate.
describe('PaddedIntermediateCodec', () => {
  it('has the 0xdddddddd tag, sent first by a client only', () => {
    expect(new PaddedIntermediateCodec('client').preamble).toEqual(hexBytes('dddddddd'));
    expect(new PaddedIntermediateCodec('server').preamble).toEqual(new Uint8Array(0));
  });

  it('appends 0..15 random bytes and counts them in the length', () => {
    const codec = new PaddedIntermediateCodec('client', {
      random: scripted(Uint8Array.of(0x25), hexBytes('aabbccddee')),
    });
    // 0x25 % 16 = 5 padding bytes.
    expect(codec.encode(Uint8Array.of(1, 2, 3, 4))).toEqual(hexBytes('09000000 01020304 aabbccddee'));
  });

  it('sends no padding when the draw is a multiple of 16', () => {
    const codec = new PaddedIntermediateCodec('client', { random: scripted(Uint8Array.of(0x30)) });
    expect(codec.encode(Uint8Array.of(1, 2, 3, 4))).toEqual(hexBytes('04000000 01020304'));
  });

  it('pads with lengths spread over 0..15', () => {
    const codec = new PaddedIntermediateCodec('client', { random: seededRandom('padding-spread') });
    const paddings = new Set<number>();
    for (let index = 0; index < 400; index++) paddings.add(codec.encode(new Uint8Array(8)).length - 12);
    expect([...paddings].sort((a, b) => a - b)).toEqual([...Array(16).keys()]);
  });

  it('cuts the received frame to whole words, dropping the partial padding', () => {
    const server = new PaddedIntermediateCodec('server');
    expect(payloadsOf(server.feed(hexBytes('07000000 01020304 aabbcc')))).toEqual([
      Uint8Array.of(1, 2, 3, 4),
    ]);
    // 13 bytes: the payload and one whole padding word stay, the MTProto layer ignores the word.
    expect(payloadsOf(server.feed(hexBytes('0d000000 01020304 aabbccdd 11223344 55')))).toEqual([
      hexBytes('01020304 aabbccdd 11223344'),
    ]);
  });

  it('rejects a frame too short to hold a payload word', () => {
    const error = thrownBy(() => new PaddedIntermediateCodec('server').feed(hexBytes('03000000 aabbcc')));
    expect(TransportError.isInstance(error) && error.reason).toBe('bad-frame-length');
  });

  it('accepts a payload of the maximum length with full padding, and nothing longer', () => {
    const client = new PaddedIntermediateCodec('client', {
      maxFrameLength: 64,
      random: scripted(Uint8Array.of(15), new Uint8Array(15)),
    });
    const frame = client.encode(patternPayload(64));
    expect(frame.subarray(0, 4)).toEqual(hexBytes('4f000000'));
    const server = new PaddedIntermediateCodec('server', { maxFrameLength: 64 });
    expect(payloadsOf(server.feed(frame))[0].subarray(0, 64)).toEqual(patternPayload(64));
    const error = thrownBy(() =>
      new PaddedIntermediateCodec('server', { maxFrameLength: 64 }).feed(hexBytes('50000000')),
    );
    expect(TransportError.isInstance(error) && error.reason).toBe('frame-too-long');
  });

  it.each([
    ['without padding', '04000000 6cfeffff'],
    ['with padding', '0b000000 6cfeffff 0102030405060708 090a'],
  ])('recognises the -404 transport error %s', (_name, hex) => {
    const error = thrownBy(() => new PaddedIntermediateCodec('client').feed(hexBytes(hex)));
    expect(error).toMatchObject({ reason: 'server-error-code', code: -404 });
  });

  it('round-trips a payload whose padding is all cut off', () => {
    const client = new PaddedIntermediateCodec('client', {
      random: scripted(Uint8Array.of(3), hexBytes('010203')),
    });
    const payload = patternPayload(64);
    expect(payloadsOf(new PaddedIntermediateCodec('server').feed(client.encode(payload)))).toEqual([payload]);
  });
});
