import { TransportError } from '../../src/errors/transport-error';
import { createFrameCodec } from '../../src/transport/create-frame-codec';
import { detectClientFraming } from '../../src/transport/detect-client-framing';
import type { FramingKind } from '../../src/transport/frame-codec';
import { ObfuscatedCodec } from '../../src/transport/obfuscated-codec';
import { parseMtproxySecret } from '../../src/transport/obfuscation';
import {
  ServerTransportAcceptor,
  type AcceptedTransport,
} from '../../src/transport/server-transport-acceptor';
import {
  concatBytes,
  hexBytes,
  patternPayload,
  payloadsOf,
  seededRandom,
  thrownBy,
} from './transport-test-helpers';

/** Pushes `bytes` one at a time until the acceptor decides, then the rest into the codec. */
function acceptBytewise(
  acceptor: ServerTransportAcceptor,
  bytes: Uint8Array,
): [AcceptedTransport, Uint8Array[]] {
  for (let index = 0; index < bytes.length; index++) {
    const accepted = acceptor.push(bytes.slice(index, index + 1));
    if (accepted) {
      return [accepted, payloadsOf(accepted.codec.feed(bytes.slice(index + 1)))];
    }
  }
  throw new Error('acceptor never decided');
}

describe('detectClientFraming', () => {
  it.each<[string, string, FramingKind, number]>([
    ['0xef', 'ef', 'abridged', 1],
    ['0xeeeeeeee', 'eeeeeeee', 'intermediate', 4],
    ['0xdddddddd', 'dddddddd', 'padded-intermediate', 4],
    ['a full frame with seqno 0', '10000000 00000000', 'full', 0],
  ])('recognises %s', (_name, hex, kind, tagLength) => {
    expect(detectClientFraming(hexBytes(hex))).toEqual({ status: 'plain', kind, tagLength });
  });

  it('asks for more bytes until it can decide', () => {
    expect(detectClientFraming(new Uint8Array(0))).toEqual({ status: 'need-more', needed: 1 });
    expect(detectClientFraming(hexBytes('eeee'))).toEqual({ status: 'need-more', needed: 4 });
    expect(detectClientFraming(hexBytes('10000000 0000'))).toEqual({ status: 'need-more', needed: 8 });
  });

  it('takes anything else with a non-zero second word for an obfuscation init', () => {
    expect(detectClientFraming(hexBytes('01020304 05060708'))).toEqual({
      status: 'obfuscated',
      initLength: 64,
    });
  });

  it.each([
    ['GET', 'GET / HTTP/1.1\r\n'],
    ['POST', 'POST /api HTTP/1.1\r\n'],
    ['HEAD', 'HEAD / HTTP/1.1\r\n'],
    ['OPTIONS', 'OPTIONS * HTTP/1.1\r\n'],
  ])('refuses HTTP %s', (_name, text) => {
    const error = thrownBy(() => detectClientFraming(new TextEncoder().encode(text)));
    expect(TransportError.isInstance(error) && error.reason).toBe('unsupported-protocol');
  });

  it('refuses a TLS handshake', () => {
    const error = thrownBy(() => detectClientFraming(hexBytes('1603010200 010001fc0303')));
    expect(TransportError.isInstance(error) && error.reason).toBe('unsupported-protocol');
  });
});

describe('ServerTransportAcceptor', () => {
  it.each<FramingKind>(['abridged', 'intermediate', 'padded-intermediate', 'full'])(
    'accepts a plain %s client fed byte by byte and decodes the frames after the tag',
    (kind) => {
      const client = createFrameCodec(kind, 'client', { random: () => new Uint8Array(16) });
      const payloads = [patternPayload(16, 1), patternPayload(600, 2)];
      const stream = concatBytes(client.preamble, ...payloads.map((payload) => client.encode(payload)));
      const [accepted, decoded] = acceptBytewise(new ServerTransportAcceptor(), stream);
      expect(accepted.obfuscated).toBe(false);
      expect(accepted.codec.kind).toBe(kind);
      expect(accepted.codec.role).toBe('server');
      expect(decoded).toEqual(payloads);
    },
  );

  it('hands the bytes received with the opening to the codec', () => {
    const client = createFrameCodec('full', 'client');
    const payload = patternPayload(32);
    const accepted = new ServerTransportAcceptor().push(client.encode(payload));
    expect(accepted?.codec.kind).toBe('full');
    expect(payloadsOf(accepted?.codec.feed(new Uint8Array(0)) ?? [])).toEqual([payload]);
  });

  it('reports the bytes it still needs to decide', () => {
    const acceptor = new ServerTransportAcceptor();
    expect(acceptor.missingBytes).toBe(1);
    expect(acceptor.push(hexBytes('0102'))).toBeUndefined();
    expect(acceptor.missingBytes).toBe(2);
    expect(acceptor.push(hexBytes('0304 0506'))).toBeUndefined();
    expect(acceptor.missingBytes).toBe(2);
    expect(acceptor.push(hexBytes('0708'))).toBeUndefined();
    expect(acceptor.missingBytes).toBe(56);
  });

  it('refuses plain framings when obfuscation is required or secrets are set', () => {
    const required = thrownBy(() =>
      new ServerTransportAcceptor({ requireObfuscation: true }).push(hexBytes('ef')),
    );
    expect(TransportError.isInstance(required) && required.reason).toBe('unsupported-protocol');
    const proxy = new ServerTransportAcceptor({ secrets: [parseMtproxySecret('00'.repeat(16))] });
    expect(TransportError.isInstance(thrownBy(() => proxy.push(hexBytes('eeeeeeee'))))).toBe(true);
  });

  it('refuses HTTP', () => {
    const error = thrownBy(() =>
      new ServerTransportAcceptor().push(new TextEncoder().encode('GET / HTTP/1.1\r\n')),
    );
    expect(TransportError.isInstance(error) && error.reason).toBe('unsupported-protocol');
  });

  it('accepts an obfuscated client and reports its DC id', () => {
    const client = ObfuscatedCodec.client({
      framing: 'abridged',
      dcId: 10002,
      random: seededRandom('accept'),
    });
    const accepted = new ServerTransportAcceptor().push(
      concatBytes(client.preamble, client.encode(patternPayload(8))),
    );
    expect(accepted).toMatchObject({ obfuscated: true, dcId: 10002 });
    expect(accepted?.codec.kind).toBe('abridged');
    expect(payloadsOf(accepted?.codec.feed(new Uint8Array(0)) ?? [])).toEqual([patternPayload(8)]);
  });
});
