/**
 * A small fixed schema exercising what the generator must get right: flags with several optional
 * fields, a `true` flag, two fields sharing a bit, a second flags field, nested and bare vectors, a
 * type with a single constructor used bare, a type with too many constructors for a switch (decoded
 * by a binary search on the id), and a generic method. Its generated code is compiled and
 * run by the tests, so exact bytes can be asserted for shapes Telegram's schema lacks.
 */
import { transformSync } from '@swc/core';
import * as reader from '../../../src/tl/binary/tl-reader';
import * as writer from '../../../src/tl/binary/tl-writer';
import { generateCodecSource } from '../../../src/tl/codegen/generate-codec';
import { generateTypesSource } from '../../../src/tl/codegen/generate-types';
import { buildTlSchemaModel } from '../../../src/tl/codegen/tl-schema-model';
import { parseTlSchema } from '../../../src/tl/schema/parse-tl-schema';

export const SMALL_SCHEMA = `
boolFalse#bc799737 = Bool;
boolTrue#997275b5 = Bool;
vector#1cb5c415 {t:Type} # [ t ] = Vector t;

point x:int y:int = Point;
emptyShape = Shape;
circle center:Point radius:double = Shape;
label flags:# bold:flags.0?true text:flags.1?string size:flags.1?int flags2:# color:flags2.3?long = Label;
grid rows:Vector<Vector<int>> points:vector<%Point> shapes:Vector<Shape> = Grid;
tone0 = Tone;
tone1 = Tone;
tone2 = Tone;
tone3 = Tone;
tone4 = Tone;
tone5 = Tone;
tone6 = Tone;
tone7 = Tone;
tone8 = Tone;
tone9 = Tone;
tone10 = Tone;
tone11 = Tone;
tone12 = Tone;
tone13 = Tone;
tone14 = Tone;
tone15 = Tone;
toneNamed name:string = Tone;
chord tones:Vector<Tone> = Chord;

---functions---

getGrid id:long = Grid;
getIds = Vector<long>;
wrap {X:Type} query:!X = X;
`;

export const smallModel = buildTlSchemaModel(parseTlSchema(SMALL_SCHEMA));

export const smallTypesSource = generateTypesSource(smallModel, {
  schemaFile: 'schema/small.tl',
  description: 'a test schema',
});

export const smallCodecSource = generateCodecSource(smallModel, {
  schemaFile: 'schema/small.tl',
  description: 'a test schema',
  exportPrefix: 'Small',
  typesModule: './small-types',
});

/** The small codec's exports, typed loosely: tests check its behaviour, not its types. */
export interface SmallCodec {
  SMALL_CONSTRUCTOR_DECODERS: Map<number, unknown>;
  readSmallAnyObject(reader: reader.TlReader): Record<string, unknown>;
  writeSmallObject(writer: writer.TlWriter, value: unknown): void;
  readSmallResult(reader: reader.TlReader, request: unknown): unknown;
}

/** Compiles the generated codec with the same SWC transform as the tests and loads it. */
export function loadSmallCodec(): SmallCodec {
  const { code } = transformSync(smallCodecSource, {
    filename: 'small-codec.ts',
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  });
  const modules: Record<string, unknown> = { '../binary/tl-reader': reader, '../binary/tl-writer': writer };
  const exports: Record<string, unknown> = {};
  const load = new Function('require', 'exports', 'module', code) as (
    require: (name: string) => unknown,
    exports: Record<string, unknown>,
    module: { exports: Record<string, unknown> },
  ) => void;
  load(
    (name) => {
      if (!(name in modules)) throw new Error(`generated code imports unexpected module ${name}`);
      return modules[name];
    },
    exports,
    { exports },
  );
  return exports as unknown as SmallCodec;
}
