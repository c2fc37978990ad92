import { createFrameCodec } from '../../src/transport/create-frame-codec';
import type { FramingKind, TransportRole } from '../../src/transport/frame-codec';
import {
  concatBytes,
  expectBytes,
  feedBytewise,
  feedRandomChunks,
  patternPayload,
  payloadsOf,
  seededRandom,
} from './transport-test-helpers';

// Sizes around the abridged short/long header switch (126/127 words) and a few larger ones.
const SIZES = [4, 8, 500, 504, 508, 512, 4096, 20_000];
const KINDS: FramingKind[] = ['abridged', 'intermediate', 'padded-intermediate', 'full'];
const DIRECTIONS: [TransportRole, TransportRole][] = [
  ['client', 'server'],
  ['server', 'client'],
];

/**
 * Padded intermediate may leave whole padding words after the payload (the receiver can only cut to a
 * multiple of 4); every other framing must give the payload back exactly.
 */
function expectSamePayload(kind: FramingKind, decoded: Uint8Array, original: Uint8Array): void {
  if (kind !== 'padded-intermediate') {
    expectBytes(decoded, original);
    return;
  }
  expectBytes(decoded.subarray(0, original.length), original);
  expect([0, 4, 8, 12]).toContain(decoded.length - original.length);
}

describe.each(KINDS)('%s framing round trip', (kind) => {
  describe.each(DIRECTIONS)('%s to %s', (senderRole, receiverRole) => {
    const payloads = SIZES.map((size, index) => patternPayload(size, index));

    function encodeAll(): Uint8Array {
      const sender = createFrameCodec(kind, senderRole, { random: seededRandom(`${kind}-padding`) });
      return concatBytes(...payloads.map((payload) => sender.encode(payload)));
    }

    it('decodes the whole stream given at once', () => {
      const receiver = createFrameCodec(kind, receiverRole);
      const decoded = payloadsOf(receiver.feed(encodeAll()));
      expect(decoded).toHaveLength(payloads.length);
      decoded.forEach((payload, index) => expectSamePayload(kind, payload, payloads[index]));
      expect(receiver.bufferedBytes).toBe(0);
      expect(receiver.missingBytes).toBe(0);
    });

    it('decodes the stream fed one byte at a time', () => {
      const receiver = createFrameCodec(kind, receiverRole);
      const decoded = payloadsOf(feedBytewise(receiver, encodeAll()));
      expect(decoded).toHaveLength(payloads.length);
      decoded.forEach((payload, index) => expectSamePayload(kind, payload, payloads[index]));
    });

    it.each(['a', 'b', 'c', 'd'])('decodes the stream fed in random chunks (seed %s)', (seed) => {
      const receiver = createFrameCodec(kind, receiverRole);
      const decoded = payloadsOf(feedRandomChunks(receiver, encodeAll(), `${kind}-${seed}`, 600));
      expect(decoded).toHaveLength(payloads.length);
      decoded.forEach((payload, index) => expectSamePayload(kind, payload, payloads[index]));
    });

    it('splits a stream at every byte boundary between two chunks', () => {
      const sender = createFrameCodec(kind, senderRole, { random: seededRandom('split') });
      const first = patternPayload(12, 1);
      const second = patternPayload(8, 2);
      const stream = concatBytes(sender.encode(first), sender.encode(second));
      for (let split = 0; split <= stream.length; split++) {
        const receiver = createFrameCodec(kind, receiverRole);
        const decoded = payloadsOf([
          ...receiver.feed(stream.slice(0, split)),
          ...receiver.feed(stream.slice(split)),
        ]);
        expect(decoded).toHaveLength(2);
        expectSamePayload(kind, decoded[0], first);
        expectSamePayload(kind, decoded[1], second);
      }
    });
  });

  it('reports how many bytes a half-received frame still needs', () => {
    const sender = createFrameCodec(kind, 'client', { random: () => new Uint8Array(16) });
    const frame = sender.encode(patternPayload(40));
    const receiver = createFrameCodec(kind, 'server');
    expect(receiver.missingBytes).toBe(0);
    expect(receiver.feed(frame.slice(0, 20))).toEqual([]);
    expect(receiver.bufferedBytes).toBe(20);
    expect(receiver.missingBytes).toBe(frame.length - 20);
    expect(receiver.feed(frame.slice(20, frame.length - 1))).toEqual([]);
    expect(receiver.missingBytes).toBe(1);
    expect(payloadsOf(receiver.feed(frame.slice(frame.length - 1)))).toEqual([patternPayload(40)]);
    expect(receiver.missingBytes).toBe(0);
  });

  it('reports at least one missing byte while only part of the length header has arrived', () => {
    const receiver = createFrameCodec(kind, 'server');
    const sender = createFrameCodec(kind, 'client', { random: () => new Uint8Array(16) });
    const frame = sender.encode(patternPayload(1024));
    receiver.push(frame.slice(0, 2));
    expect(receiver.read()).toBeUndefined();
    expect(receiver.missingBytes).toBe(2);
    receiver.push(frame.slice(2, 4));
    expect(receiver.missingBytes).toBe(frame.length - 4);
  });

  it('decodes a 64 KiB payload fed one byte at a time', () => {
    const payload = patternPayload(65_536, 9);
    const sender = createFrameCodec(kind, 'client', { random: () => new Uint8Array(16) });
    const receiver = createFrameCodec(kind, 'server');
    const decoded = payloadsOf(feedBytewise(receiver, sender.encode(payload)));
    expect(decoded).toHaveLength(1);
    expectBytes(decoded[0], payload);
  });
});
