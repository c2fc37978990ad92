import { gzipSync } from 'node:zlib';
import { TlReader } from '../../src/tl/binary/tl-reader';
import { TlWriter } from '../../src/tl/binary/tl-writer';
import { readApiAnyObject, writeApiObject } from '../../src/tl/generated/api-codec';
import { readMtprotoAnyObject, writeMtprotoObject } from '../../src/tl/generated/mtproto-codec';
import type * as Api from '../../src/tl/generated/api-types';
import type * as Mtproto from '../../src/tl/generated/mtproto-types';
import { decodeMtproto, encodeMtproto } from '../../src/tl/tl-codec';
import type { TlCombinator } from '../../src/tl/schema/tl-ast';
import { apiModel, mtprotoModel } from './tl-schemas';
import { SeededRandom, TlValueGenerator } from './tl-value-generator';

const SEEDS_PER_COMBINATOR = 4;

const apiGenerator: TlValueGenerator = new TlValueGenerator(apiModel, {
  anyMethod: (random, depth) => {
    // A wrapped query: sometimes a plain method, sometimes a method with fields.
    const method =
      depth > 4
        ? apiModel.methods.find((entry) => entry.name === 'help.getConfig')!
        : random.pick(apiModel.methods);
    return apiGenerator.combinator(method, random, depth + 1);
  },
});

const mtprotoGenerator: TlValueGenerator = new TlValueGenerator(mtprotoModel, {
  // `Object` fields carry either schema's objects.
  anyObject: (random) =>
    random.chance(0.5)
      ? mtprotoGenerator.combinator(
          mtprotoModel.constructors.find((entry) => entry.name === 'pong')!,
          random,
        )
      : apiGenerator.combinator(random.pick(apiModel.constructors), random, 2),
});

function encodeWith(write: (writer: TlWriter) => void): Uint8Array {
  const writer = new TlWriter(64);
  write(writer);
  return writer.finish();
}

interface Codec {
  write(writer: TlWriter, value: unknown): void;
  read(reader: TlReader): unknown;
}

const apiCodec: Codec = {
  write: (writer, value) => writeApiObject(writer, value as Api.TlAnyObject),
  read: readApiAnyObject,
};
const mtprotoCodec: Codec = {
  write: (writer, value) => writeMtprotoObject(writer, value as Mtproto.TlAnyObject),
  read: readMtprotoAnyObject,
};

/** Encode, decode, encode again; returns a description of the first mismatch, or undefined. */
function roundTrip(
  codec: Codec,
  combinator: TlCombinator,
  value: Record<string, unknown>,
): string | undefined {
  const bytes = encodeWith((writer) => codec.write(writer, value));
  const reader = new TlReader(bytes);
  const decoded = codec.read(reader);
  if (reader.position !== bytes.length)
    return `${combinator.name}: ${bytes.length - reader.position} bytes left over`;
  const again = encodeWith((writer) => codec.write(writer, decoded));
  if (Buffer.compare(Buffer.from(again), Buffer.from(bytes)) !== 0)
    return `${combinator.name}: re-encoding differs`;
  try {
    expect(decoded).toEqual(value);
  } catch {
    return `${combinator.name}: decoded value differs from the original`;
  }
  if (new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true) !== combinator.id) {
    return `${combinator.name}: does not start with its id`;
  }
  return undefined;
}

function roundTripAll(
  codec: Codec,
  generator: TlValueGenerator,
  combinators: readonly TlCombinator[],
): string[] {
  const failures: string[] = [];
  for (const combinator of combinators) {
    for (let seed = 1; seed <= SEEDS_PER_COMBINATOR; seed++) {
      const random = new SeededRandom(combinator.id ^ (seed * 0x9e3779b9));
      let failure: string | undefined;
      try {
        failure = roundTrip(codec, combinator, generator.combinator(combinator, random));
      } catch (error) {
        failure = `${combinator.name}: ${(error as Error).message}`;
      }
      if (failure !== undefined) {
        failures.push(`${failure} (seed ${seed})`);
        break;
      }
    }
  }
  return failures;
}

describe('round trip of every combinator', () => {
  it('covers the whole API schema, constructors and methods', () => {
    expect(apiModel.constructors.length).toBeGreaterThan(1000);
    expect(apiModel.methods.length).toBeGreaterThan(500);
    expect(roundTripAll(apiCodec, apiGenerator, [...apiModel.constructors, ...apiModel.methods])).toEqual([]);
  });

  it('covers the whole MTProto schema (gzip_packed, which decodes to its content, apart)', () => {
    const combinators = [...mtprotoModel.constructors, ...mtprotoModel.methods].filter(
      (combinator) => combinator.name !== 'gzip_packed',
    );
    expect(combinators.length).toBeGreaterThan(40);
    expect(roundTripAll(mtprotoCodec, mtprotoGenerator, combinators)).toEqual([]);
  });

  it('sets optional fields in some values and leaves them out in others', () => {
    // Guards the generator itself: a round trip of values without flags would prove little.
    const message = apiModel.constructors.find((entry) => entry.name === 'message')!;
    const seen = new Set<boolean>();
    for (let seed = 1; seed <= 20; seed++) {
      const value = apiGenerator.combinator(message, new SeededRandom(seed));
      seen.add(value.reply_to !== undefined);
    }
    expect([...seen].sort()).toEqual([false, true]);
  });

  it('encodes gzip_packed as given and decodes it to the packed object', () => {
    const pong: Mtproto.Pong = { _: 'pong', msg_id: 5n, ping_id: -7n };
    const packed = encodeMtproto({
      _: 'gzip_packed',
      packed_data: new Uint8Array(gzipSync(encodeMtproto(pong))),
    });
    expect(Buffer.from(packed.subarray(0, 4)).toString('hex')).toBe('a1cf7230');
    expect(decodeMtproto(packed)).toEqual(pong);
  });
});
