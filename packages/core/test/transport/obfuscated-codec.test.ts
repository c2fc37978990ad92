import { TransportError } from '../../src/errors/transport-error';
import { createFrameCodec } from '../../src/transport/create-frame-codec';
import type { FrameCodec } from '../../src/transport/frame-codec';
import { ObfuscatedCodec } from '../../src/transport/obfuscated-codec';
import {
  parseMtproxySecret,
  type MtproxySecret,
  type ObfuscatedFramingKind,
} from '../../src/transport/obfuscation';
import { ServerTransportAcceptor } from '../../src/transport/server-transport-acceptor';
import {
  concatBytes,
  expectBytes,
  feedBytewise,
  feedRandomChunks,
  patternPayload,
  payloadsOf,
  seededRandom,
  thrownBy,
} from './transport-test-helpers';

const SECRET = '0123456789abcdef0123456789abcdef';

type Case = [string, ObfuscatedFramingKind, MtproxySecret | undefined];
const CASES: Case[] = [
  ['abridged, no secret', 'abridged', undefined],
  ['abridged, plain secret', 'abridged', parseMtproxySecret(SECRET)],
  ['intermediate, no secret', 'intermediate', undefined],
  ['intermediate, plain secret', 'intermediate', parseMtproxySecret(SECRET)],
  ['padded-intermediate, no secret', 'padded-intermediate', undefined],
  ['padded-intermediate, plain secret', 'padded-intermediate', parseMtproxySecret(SECRET)],
  ['padded-intermediate, dd secret', 'padded-intermediate', parseMtproxySecret(`dd${SECRET}`)],
];

const PAYLOADS = [patternPayload(4, 1), patternPayload(508, 2), patternPayload(3000, 3)];

/** Padded intermediate may leave whole padding words behind the payload; see the codec's docs. */
function expectPayloads(decoded: Uint8Array[], framing: ObfuscatedFramingKind): void {
  expect(decoded).toHaveLength(PAYLOADS.length);
  decoded.forEach((payload, index) => {
    const original = PAYLOADS[index];
    expectBytes(framing === 'padded-intermediate' ? payload.subarray(0, original.length) : payload, original);
    expect(payload.length - original.length).toBeLessThan(framing === 'padded-intermediate' ? 16 : 1);
  });
}

describe.each(CASES)('obfuscated %s', (_name, framing, secret) => {
  function connect(seed: string): { client: ObfuscatedCodec; server: FrameCodec; dcId: number | undefined } {
    const client = ObfuscatedCodec.client({ framing, dcId: -2, secret, random: seededRandom(seed) });
    const acceptor = new ServerTransportAcceptor({ secrets: secret ? [secret] : undefined });
    const bytes = client.preamble;
    expect(bytes).toHaveLength(64);
    let accepted;
    for (let index = 0; index < bytes.length && !accepted; index++)
      accepted = acceptor.push(bytes.slice(index, index + 1));
    if (!accepted) throw new Error('server did not accept the init');
    expect(accepted.obfuscated).toBe(true);
    expect(accepted.secret).toEqual(secret);
    return { client, server: accepted.codec, dcId: accepted.dcId };
  }

  it('lets the server recover the framing and DC id', () => {
    const { server, dcId } = connect('recover');
    expect(server.kind).toBe(framing);
    expect(dcId).toBe(-2);
  });

  it('carries payloads from client to server, fed one byte at a time', () => {
    const { client, server } = connect('c2s');
    const stream = concatBytes(...PAYLOADS.map((payload) => client.encode(payload)));
    expectPayloads(payloadsOf(feedBytewise(server, stream)), framing);
  });

  it('carries payloads from server to client, fed in random chunks', () => {
    const { client, server } = connect('s2c');
    const stream = concatBytes(...PAYLOADS.map((payload) => server.encode(payload)));
    expectPayloads(payloadsOf(feedRandomChunks(client, stream, `${framing}-chunks`)), framing);
  });

  it('keeps both streams in step over interleaved traffic', () => {
    const { client, server } = connect('interleaved');
    for (let round = 0; round < 5; round++) {
      // Real MTProto payloads are at least 24 bytes; shorter ones starting with a negative int would
      // read as a transport error code.
      const up = patternPayload(24 * (round + 1), round);
      const down = patternPayload(28 * (round + 1), round + 10);
      const received = payloadsOf(server.feed(client.encode(up)));
      expectBytes(received[0].subarray(0, up.length), up);
      const answered = payloadsOf(client.feed(server.encode(down)));
      expectBytes(answered[0].subarray(0, down.length), down);
    }
  });

  it('passes quick acks through the encryption', () => {
    const { client, server } = connect('quick-ack');
    expect(server.feed(client.encode(patternPayload(8), { quickAck: true }))).toMatchObject([
      { type: 'payload', quickAckRequested: true },
    ]);
    expect(client.feed(server.encodeQuickAck(0x01020304))).toEqual([
      { type: 'quick-ack', token: 0x81020304 },
    ]);
  });

  it('does not show its plain framing on the wire', () => {
    const { client } = connect('wire');
    const plain = createFrameCodec(framing, 'client', { random: () => new Uint8Array(16) });
    const payload = patternPayload(64);
    const frame = client.encode(payload);
    expect(Buffer.from(frame).toString('hex')).not.toContain(Buffer.from(payload).toString('hex'));
    expect(frame.subarray(0, 4)).not.toEqual(plain.encode(payload).subarray(0, 4));
  });
});

describe('ObfuscatedCodec', () => {
  it('surfaces a transport error code sent through the encryption', () => {
    const client = ObfuscatedCodec.client({ framing: 'intermediate', dcId: 2, random: seededRandom('err') });
    const { codec: server } = ObfuscatedCodec.server(client.preamble);
    const error = thrownBy(() => client.feed(server.encode(Uint8Array.of(0x6c, 0xfe, 0xff, 0xff))));
    expect(error).toMatchObject({ name: 'TransportError', reason: 'server-error-code', code: -404 });
  });

  it('uses the system random source by default', () => {
    const first = ObfuscatedCodec.client({ framing: 'padded-intermediate', dcId: 1 });
    const second = ObfuscatedCodec.client({ framing: 'padded-intermediate', dcId: 1 });
    expect(first.preamble).toHaveLength(64);
    expect(first.preamble).not.toEqual(second.preamble);
    const { codec: server } = ObfuscatedCodec.server(first.preamble);
    const payload = patternPayload(32);
    expect(payloadsOf(server.feed(first.encode(payload)))[0].subarray(0, 32)).toEqual(payload);
  });

  it('refuses an init that is not obfuscation', () => {
    expect(() => ObfuscatedCodec.server(new Uint8Array(64).fill(7))).toThrow(TransportError);
  });
});
