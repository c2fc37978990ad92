import { TlDecodeError } from '../../src/errors/tl-decode-error';
import { TlReader } from '../../src/tl/binary/tl-reader';
import { readApiAnyObject } from '../../src/tl/generated/api-codec';
import type * as Api from '../../src/tl/generated/api-types';
import { decodeApi, decodeMtproto, encodeApi, encodeMtproto } from '../../src/tl/tl-codec';
import { apiModel } from './tl-schemas';
import { SeededRandom, TlValueGenerator } from './tl-value-generator';

const ITERATIONS = 20_000;

const generator: TlValueGenerator = new TlValueGenerator(apiModel, {
  maxDepth: 2,
  anyMethod: (random, depth) => generator.combinator(random.pick(apiModel.methods), random, depth + 1),
});

/** Valid encodings to mutate: a sample of constructors and methods with random contents. */
function corpus(random: SeededRandom): Uint8Array[] {
  const all = [...apiModel.constructors, ...apiModel.methods];
  return Array.from({ length: 300 }, () =>
    encodeApi(generator.combinator(random.pick(all), random) as unknown as Api.TlAnyObject),
  );
}

function mutate(input: Uint8Array, random: SeededRandom): Uint8Array {
  const output = input.slice();
  switch (random.below(5)) {
    case 0: {
      const flips = 1 + random.below(4);
      for (let flip = 0; flip < flips && output.length > 0; flip++)
        output[random.below(output.length)] ^= 1 << random.below(8);
      return output;
    }
    case 1:
      return output.subarray(0, random.below(output.length + 1));
    case 2: {
      // A length or count set huge: overwrite an aligned word with a large value.
      if (output.length >= 8) {
        const at = (random.below(output.length / 4 - 1) + 1) * 4;
        new DataView(output.buffer).setUint32(
          at,
          random.pick([0x7fffffff, 0xffffffff, 0xfeffffff, 0x40000000]),
          true,
        );
      }
      return output;
    }
    case 3: {
      // A string/bytes prefix in its long form with a huge length.
      if (output.length >= 8) {
        const at = (random.below(output.length / 4 - 1) + 1) * 4;
        output.set([0xfe, 0xff, 0xff, 0x7f], at);
      }
      return output;
    }
    default:
      return random.bytes(random.below(64));
  }
}

describe('decoder fuzzing', () => {
  it(`throws only TlDecodeError on ${ITERATIONS} random and mutated inputs`, () => {
    const random = new SeededRandom(20261125);
    const valid = corpus(random);
    const unexpected: string[] = [];
    let rejected = 0;
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const input = mutate(random.pick(valid), random);
      for (const decode of [
        decodeApi,
        decodeMtproto,
        (bytes: Uint8Array) => readApiAnyObject(new TlReader(bytes)),
      ]) {
        try {
          decode(input);
        } catch (error) {
          if (error instanceof TlDecodeError) rejected++;
          else if (unexpected.length < 5)
            unexpected.push(`${Buffer.from(input).toString('hex')}: ${String(error)}`);
        }
      }
    }
    expect(unexpected).toEqual([]);
    // Most mutations must actually be caught, or the fuzzing proves nothing.
    expect(rejected).toBeGreaterThan(ITERATIONS);
  });

  it('rejects a gzip_packed whose data is not gzip, or inflates past the cap', () => {
    const random = new SeededRandom(7);
    for (let iteration = 0; iteration < 200; iteration++) {
      const packed = encodeMtproto({ _: 'gzip_packed', packed_data: random.bytes(random.below(100)) });
      expect(() => decodeApi(packed)).toThrow(TlDecodeError);
    }
  });
});
