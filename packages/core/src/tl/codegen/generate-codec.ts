/**
 * Generates the encoders and decoders of a schema as straight-line code: one decoder and one encoder
 * per constructor and method, a switch on the constructor id per boxed type (a binary search written
 * out as nested ifs for types with many constructors), a helper per vector type, and tables for "any
 * object" and method results. Nothing inspects the schema at run time.
 *
 * Decoders build each object with one literal listing every field in schema order (`undefined` for an
 * absent optional one), so all objects of a constructor share one hidden class and the code reading
 * them stays monomorphic. Pure: model in, source out.
 */
import type { TlCombinator, TlParam, TlTypeExpr } from '../schema/tl-ast';
import { generatedHeader, genericQueryParam } from './generate-types';
import {
  constructorTypeName,
  hexId,
  identifierPart,
  localName,
  methodTypeName,
  propertyKey,
  unionTypeName,
} from './tl-names';
import { ANY_OBJECT_TYPE, RUNTIME_DECODED_CONSTRUCTORS, type TlSchemaModel } from './tl-schema-model';

/** Options of {@link generateCodecSource}. */
export interface GenerateCodecOptions {
  readonly schemaFile: string;
  readonly description: string;
  /** Prefix of the exported names: `Api` gives `readApiObject`, `writeApiObject`, ... */
  readonly exportPrefix: string;
  /** The generated types module of this schema: `./api-types`. */
  readonly typesModule: string;
  /**
   * Another generated codec whose objects an `Object` field may also hold, with its export prefix:
   * the MTProto codec falls back to the API codec.
   */
  readonly outer?: {
    readonly codecModule: string;
    readonly typesModule: string;
    readonly exportPrefix: string;
  };
}

/**
 * Types with more constructors than this decode through a binary search on the id rather than a
 * switch, which tests its cases one after another. Both call the decoders directly, so the
 * optimizing compiler can inline them (through a Map of functions it could not). Encoders of such
 * types look the name up in a Map.
 */
const SWITCH_LIMIT = 16;

/** A binary search stops splitting at this many ids and compares them in turn. */
const SEARCH_LEAF_SIZE = 4;

/**
 * Vectors of up to this many elements get an array of their length up front; longer ones grow as
 * they are read, so that a count the input only claims (each element is checked as it is read)
 * never reserves more than this, and V8 keeps the array in fast mode.
 */
const PREALLOCATED_ELEMENTS = 1024;

type VectorExpr = Extract<TlTypeExpr, { kind: 'vector' }>;

/** What the emitted code refers to, so that only helpers something calls are generated. */
interface Emitter {
  readonly model: TlSchemaModel;
  readonly decodedVectors: Map<string, VectorExpr>;
  readonly encodedVectors: Map<string, VectorExpr>;
  readonly decodedTypes: Set<string>;
  readonly encodedTypes: Set<string>;
}

function typeRef(model: TlSchemaModel, expr: TlTypeExpr): string {
  switch (expr.kind) {
    case 'flags':
      return 'number';
    case 'true':
      return 'boolean';
    case 'primitive':
      return expr.name === 'long'
        ? 'bigint'
        : expr.name === 'string'
          ? 'string'
          : expr.name === 'Bool'
            ? 'boolean'
            : expr.name === 'int' || expr.name === 'double'
              ? 'number'
              : 'Uint8Array';
    case 'vector':
      return `${typeRef(model, expr.element)}[]`;
    case 'named':
      if (expr.boxed)
        return expr.name === ANY_OBJECT_TYPE ? 'T.TlAnyObject' : `T.${unionTypeName(expr.name)}`;
      return `T.${constructorTypeName(model.bareConstructor(expr).name)}`;
    case 'generic':
      return 'T.TlMethod';
  }
}

/** A name for a vector type usable in identifiers: `Vector<long>` → `Vlong`, `vector<%Message>` → `vc$message`. */
function vectorKey(expr: VectorExpr, model: TlSchemaModel): string {
  return `${expr.boxed ? 'V' : 'v'}${elementKey(expr.element, model)}`;
}

function elementKey(expr: TlTypeExpr, model: TlSchemaModel): string {
  switch (expr.kind) {
    case 'primitive':
      return expr.name;
    case 'vector':
      return vectorKey(expr, model);
    case 'named':
      if (expr.boxed) return expr.name === ANY_OBJECT_TYPE ? 'o' : `b$${identifierPart(expr.name)}`;
      return `c$${identifierPart(model.bareConstructor(expr).name)}`;
    case 'generic':
      return 'm';
    default:
      throw new Error(`${expr.kind} cannot be a vector element`);
  }
}

const PRIMITIVE_READ: Record<string, string> = {
  int: 'readInt32',
  long: 'readInt64',
  double: 'readDouble',
  string: 'readString',
  bytes: 'readBytes',
  int128: 'readInt128',
  int256: 'readInt256',
  Bool: 'readBool',
};

const PRIMITIVE_WRITE: Record<string, string> = {
  int: 'writeInt32',
  long: 'writeInt64',
  double: 'writeDouble',
  string: 'writeString',
  bytes: 'writeBytes',
  int128: 'writeInt128',
  int256: 'writeInt256',
  Bool: 'writeBool',
};

function readExpr(emitter: Emitter, expr: TlTypeExpr): string {
  switch (expr.kind) {
    case 'primitive':
      return `reader.${PRIMITIVE_READ[expr.name]}()`;
    case 'vector': {
      const key = vectorKey(expr, emitter.model);
      emitter.decodedVectors.set(key, expr);
      return `dv_${key}(reader)`;
    }
    case 'named':
      if (expr.boxed) {
        if (expr.name === ANY_OBJECT_TYPE) return 'readAny(reader)';
        emitter.decodedTypes.add(expr.name);
        return `db_${identifierPart(expr.name)}(reader)`;
      }
      return `dc_${identifierPart(emitter.model.bareConstructor(expr).name)}(reader)`;
    case 'generic':
      return 'readMethod(reader)';
    default:
      throw new Error(`${expr.kind} is not read as a value`);
  }
}

function writeStatement(emitter: Emitter, expr: TlTypeExpr, value: string): string {
  switch (expr.kind) {
    case 'primitive':
      return `writer.${PRIMITIVE_WRITE[expr.name]}(${value});`;
    case 'vector': {
      const key = vectorKey(expr, emitter.model);
      emitter.encodedVectors.set(key, expr);
      return `ev_${key}(writer, ${value});`;
    }
    case 'named':
      if (expr.boxed) {
        if (expr.name === ANY_OBJECT_TYPE) return `writeAny(writer, ${value});`;
        emitter.encodedTypes.add(expr.name);
        return `eb_${identifierPart(expr.name)}(writer, ${value});`;
      }
      return `ec_${identifierPart(emitter.model.bareConstructor(expr).name)}(writer, ${value});`;
    case 'generic':
      return `writeAny(writer, ${value});`;
    default:
      throw new Error(`${expr.kind} is not written as a value`);
  }
}

function bitMask(bit: number): string {
  return `0x${((1 << bit) >>> 0).toString(16)}`;
}

function interfaceRef(combinator: TlCombinator): string {
  return `T.${combinator.section === 'functions' ? methodTypeName(combinator.name) : constructorTypeName(combinator.name)}`;
}

function valueFields(combinator: TlCombinator): TlParam[] {
  return combinator.params.filter((param) => param.type.kind !== 'flags');
}

function emitDecoder(emitter: Emitter, combinator: TlCombinator, out: string[]): void {
  const name = identifierPart(combinator.name);
  const reader = combinator.params.length === 0 ? '_reader' : 'reader';
  out.push(`function dc_${name}(${reader}: TlReader): ${interfaceRef(combinator)} {`);
  const fields = valueFields(combinator);
  const literal = [`_: '${combinator.name}'`];
  for (const param of fields) {
    const local = localName(param.name);
    literal.push(local === param.name ? propertyKey(param.name) : `${propertyKey(param.name)}: ${local}`);
  }
  if (combinator.params.length === 0) {
    out.push(`  return { ${literal.join(', ')} };`, '}', '');
    return;
  }
  out.push('  try {');
  for (const param of combinator.params) {
    const local = localName(param.name);
    const condition = param.condition;
    if (param.type.kind === 'flags') {
      const used = combinator.params.some((member) => member.condition?.field === param.name);
      out.push(used ? `    const ${local} = reader.readInt32();` : '    reader.readInt32();');
    } else if (condition === undefined) {
      out.push(`    const ${local} = ${readExpr(emitter, param.type)};`);
    } else {
      const test = `(${localName(condition.field)} & ${bitMask(condition.bit)}) !== 0`;
      if (param.type.kind === 'true') out.push(`    const ${local} = ${test};`);
      else out.push(`    const ${local} = ${test} ? ${readExpr(emitter, param.type)} : undefined;`);
    }
  }
  out.push(`    return { ${literal.join(', ')} };`);
  out.push(
    '  } catch (error) {',
    `    throw nameDecodeFailure(error, '${combinator.name}');`,
    '  }',
    '}',
    '',
  );
}

function emitEncoder(emitter: Emitter, combinator: TlCombinator, out: string[]): void {
  const name = identifierPart(combinator.name);
  const usesValue = valueFields(combinator).length > 0;
  out.push(
    `function ec_${name}(${combinator.params.length === 0 ? '_' : ''}writer: TlWriter, ${usesValue ? '' : '_'}value: ${interfaceRef(combinator)}): void {`,
  );
  if (combinator.params.length === 0) {
    out.push('}', '');
    return;
  }
  out.push('  try {');
  for (const param of combinator.params) {
    const access = `value.${param.name}`;
    const condition = param.condition;
    if (param.type.kind === 'flags') {
      const local = localName(param.name);
      out.push(`    let ${local} = 0;`);
      for (const member of combinator.params) {
        if (member.condition?.field !== param.name) continue;
        const test =
          member.type.kind === 'true' ? `value.${member.name}` : `value.${member.name} !== undefined`;
        out.push(`    if (${test}) ${local} |= ${bitMask(member.condition.bit)};`);
      }
      out.push(`    writer.writeInt32(${local});`);
    } else if (param.type.kind === 'true') {
      continue;
    } else if (condition === undefined) {
      out.push(`    ${writeStatement(emitter, param.type, access)}`);
    } else {
      // The bit decides, not this field alone: when several fields share a bit, a missing one is an
      // error (the writer rejects undefined) rather than silently shorter output.
      const test = `(${localName(condition.field)} & ${bitMask(condition.bit)}) !== 0`;
      out.push(`    if (${test}) ${writeStatement(emitter, param.type, `${access}!`)}`);
    }
  }
  out.push(
    '  } catch (error) {',
    `    throw nameEncodeFailure(error, '${combinator.name}');`,
    '  }',
    '}',
    '',
  );
}

/**
 * Emits a binary search over `byId` (sorted by unsigned id) that returns the decoded value when `id`
 * is one of them and falls through otherwise: about log2(n) comparisons, 8 for Update's 160-odd.
 */
function emitIdSearch(byId: readonly TlCombinator[], indent: string, out: string[]): void {
  if (byId.length <= SEARCH_LEAF_SIZE) {
    for (const member of byId) {
      out.push(`${indent}if (id === ${hexId(member.id)}) return dc_${identifierPart(member.name)}(reader);`);
    }
    return;
  }
  const middle = byId.length >> 1;
  out.push(`${indent}if (id < ${hexId(byId[middle].id)}) {`);
  emitIdSearch(byId.slice(0, middle), `${indent}  `, out);
  out.push(`${indent}} else {`);
  emitIdSearch(byId.slice(middle), `${indent}  `, out);
  out.push(`${indent}}`);
}

function emitBoxedDecoder(typeName: string, members: readonly TlCombinator[], out: string[]): void {
  const name = identifierPart(typeName);
  const union = `T.${unionTypeName(typeName)}`;
  const decodable = members.filter((member) => !RUNTIME_DECODED_CONSTRUCTORS.has(member.name));
  if (decodable.length > SWITCH_LIMIT) {
    const byId = [...decodable].sort((left, right) => (left.id >>> 0) - (right.id >>> 0));
    out.push(`function db_${name}(reader: TlReader): ${union} {`, '  const id = reader.readUint32();');
    emitIdSearch(byId, '  ', out);
    out.push(`  return reader.unexpectedConstructor(id, '${typeName}', db_${name});`, '}', '');
    return;
  }
  out.push(
    `function db_${name}(reader: TlReader): ${union} {`,
    '  const id = reader.readUint32();',
    '  switch (id) {',
  );
  for (const member of decodable) {
    out.push(`    case ${hexId(member.id)}:`, `      return dc_${identifierPart(member.name)}(reader);`);
  }
  out.push(
    '    default:',
    `      return reader.unexpectedConstructor(id, '${typeName}', db_${name});`,
    '  }',
    '}',
    '',
  );
}

function emitBoxedEncoder(typeName: string, members: readonly TlCombinator[], out: string[]): void {
  const name = identifierPart(typeName);
  out.push(`function eb_${name}(writer: TlWriter, value: T.${unionTypeName(typeName)}): void {`);
  if (members.length > SWITCH_LIMIT) {
    // A long chain of string comparisons would cost more than one Map lookup by name.
    out.push('  writeAny(writer, value);', '}', '');
    return;
  }
  out.push('  switch (value._) {');
  for (const member of members) {
    out.push(`    case '${member.name}':`, `      writer.writeUint32(${hexId(member.id)});`);
    out.push(`      ec_${identifierPart(member.name)}(writer, value);`, '      return;');
  }
  out.push('    default:', `      throw unknownConstructorName(value, '${typeName}');`, '  }', '}', '');
}

function emitVectors(emitter: Emitter, out: string[]): void {
  // A helper's element can be another vector, registered while emitting: loop until nothing is new.
  const decoded = new Set<string>();
  const encoded = new Set<string>();
  for (;;) {
    const decode = [...emitter.decodedVectors.keys()].filter((key) => !decoded.has(key)).sort();
    const encode = [...emitter.encodedVectors.keys()].filter((key) => !encoded.has(key)).sort();
    if (decode.length === 0 && encode.length === 0) return;
    for (const key of decode) {
      decoded.add(key);
      const expr = emitter.decodedVectors.get(key)!;
      const element = typeRef(emitter.model, expr.element);
      const size = Math.max(emitter.model.minSize(expr.element), 1);
      out.push(`function dv_${key}(reader: TlReader): ${element}[] {`);
      if (expr.boxed) {
        out.push(
          `  const count = reader.readVectorCount(${size});`,
          `  if (count < 0) return reader.readGzipped(dv_${key});`,
        );
      } else {
        out.push(`  const count = reader.readBareVectorCount(${size});`);
      }
      out.push(
        `  const list: ${element}[] = count <= ${PREALLOCATED_ELEMENTS} ? new Array<${element}>(count) : [];`,
      );
      out.push(
        `  for (let index = 0; index < count; index++) list[index] = ${readExpr(emitter, expr.element)};`,
      );
      out.push('  return list;', '}', '');
    }
    for (const key of encode) {
      encoded.add(key);
      const expr = emitter.encodedVectors.get(key)!;
      const element = typeRef(emitter.model, expr.element);
      out.push(`function ev_${key}(writer: TlWriter, list: readonly ${element}[]): void {`);
      out.push(expr.boxed ? '  writer.writeVectorHeader(list.length);' : '  writer.writeInt32(list.length);');
      out.push(
        `  for (let index = 0; index < list.length; index++) ${writeStatement(emitter, expr.element, 'list[index]')}`,
      );
      out.push('}', '');
    }
  }
}

function resultDecoder(emitter: Emitter, method: TlCombinator): string {
  const query = genericQueryParam(method);
  if (query !== undefined) {
    return `(reader, request) => readResult(reader, (request as ${interfaceRef(method)}).${query.name})`;
  }
  if (method.result.kind === 'generic') return '(reader) => readAny(reader)';
  return `(reader) => ${readExpr(emitter, method.result)}`;
}

/** Generates the codec module of `model`. */
export function generateCodecSource(model: TlSchemaModel, options: GenerateCodecOptions): string {
  const emitter: Emitter = {
    model,
    decodedVectors: new Map(),
    encodedVectors: new Map(),
    decodedTypes: new Set(),
    encodedTypes: new Set(),
  };
  const prefix = options.exportPrefix;
  const upper = prefix.toUpperCase();
  const outer = options.outer;
  const body: string[] = [];

  body.push('// Constructors: bare decoders and encoders (the boxed ones add the id).', '');
  for (const combinator of model.constructors) {
    if (!RUNTIME_DECODED_CONSTRUCTORS.has(combinator.name)) emitDecoder(emitter, combinator, body);
    emitEncoder(emitter, combinator, body);
  }
  body.push('// Methods: requests decoded by a server, encoded by a client.', '');
  for (const method of model.methods) {
    emitDecoder(emitter, method, body);
    emitEncoder(emitter, method, body);
  }
  const results: string[] = [];
  for (const method of model.methods)
    results.push(`RESULT_DECODERS.set('${method.name}', ${resultDecoder(emitter, method)});`);
  body.push('// Vectors, a decoder and an encoder per element type in use.', '');
  emitVectors(emitter, body);
  // Last, once every reference is known: only types something refers to get a helper.
  body.push('// Boxed types: dispatch on the constructor id (decoding) or on `_` (encoding).', '');
  for (const [typeName, members] of model.types) {
    if (emitter.decodedTypes.has(typeName)) emitBoxedDecoder(typeName, members, body);
    if (emitter.encodedTypes.has(typeName)) emitBoxedEncoder(typeName, members, body);
  }

  const out: string[] = [generatedHeader(options.schemaFile)];
  out.push(
    '/**',
    ` * Encoders and decoders of ${options.description}${model.layer === undefined ? '' : `, layer ${model.layer}`}.`,
    ' * Use the exported read/write functions; everything else is internal to this module.',
    ' */',
    "import { TlReader, nameDecodeFailure } from '../binary/tl-reader';",
    "import { TlWriter, nameEncodeFailure, unknownConstructorName } from '../binary/tl-writer';",
    `import type * as T from '${options.typesModule}';`,
  );
  if (outer) {
    const outerUpper = outer.exportPrefix.toUpperCase();
    out.push(
      `import { ${outerUpper}_CONSTRUCTOR_DECODERS, ${outerUpper}_ENCODERS, ${outerUpper}_METHOD_DECODERS } from '${outer.codecModule}';`,
    );
  }
  out.push('');
  if (model.layer !== undefined) {
    out.push(
      `/** The layer of the schema this codec was generated from. */`,
      `export const ${upper}_LAYER = ${model.layer};`,
      '',
    );
  }
  out.push(...body);

  out.push('// Tables: any object by id, any object or method by name, method results by name.', '');
  out.push(`/** Decoders of every constructor, by id (gzip_packed is the reader's). */`);
  out.push(
    `export const ${upper}_CONSTRUCTOR_DECODERS = new Map<number, (reader: TlReader) => T.TlObject>();`,
  );
  for (const combinator of model.constructors) {
    if (RUNTIME_DECODED_CONSTRUCTORS.has(combinator.name)) continue;
    out.push(
      `${upper}_CONSTRUCTOR_DECODERS.set(${hexId(combinator.id)}, dc_${identifierPart(combinator.name)});`,
    );
  }
  out.push('');
  out.push(`/** Decoders of every method request, by id. */`);
  out.push(`export const ${upper}_METHOD_DECODERS = new Map<number, (reader: TlReader) => T.TlMethod>();`);
  for (const method of model.methods) {
    out.push(`${upper}_METHOD_DECODERS.set(${hexId(method.id)}, dc_${identifierPart(method.name)});`);
  }
  out.push('');
  out.push(`/** Boxed encoders (id, then fields) of every constructor and method, by name. */`);
  out.push(
    `export const ${upper}_ENCODERS = new Map<string, (writer: TlWriter, value: T.TlAnyObject) => void>();`,
  );
  for (const combinator of [...model.constructors, ...model.methods]) {
    out.push(`${upper}_ENCODERS.set('${combinator.name}', (writer, value) => {`);
    out.push(`  writer.writeUint32(${hexId(combinator.id)});`);
    out.push(`  ec_${identifierPart(combinator.name)}(writer, value as ${interfaceRef(combinator)});`, '});');
  }
  out.push('');
  out.push(
    'const RESULT_DECODERS = new Map<string, (reader: TlReader, request: T.TlMethod) => unknown>();',
    ...results,
    '',
  );

  const outerUpper = outer?.exportPrefix.toUpperCase();
  const fallback = (table: string): string => (outerUpper ? ` ?? ${outerUpper}_${table}.get(id)` : '');
  out.push(
    'function readAny(reader: TlReader): T.TlAnyObject {',
    '  const id = reader.readUint32();',
    `  const decode: ((reader: TlReader) => T.TlAnyObject) | undefined =`,
    `    ${upper}_CONSTRUCTOR_DECODERS.get(id) ?? ${upper}_METHOD_DECODERS.get(id)${fallback('CONSTRUCTOR_DECODERS')}${fallback('METHOD_DECODERS')};`,
    '  if (decode !== undefined) return decode(reader);',
    "  return reader.unexpectedConstructor(id, 'Object', readAny);",
    '}',
    '',
    'function readMethod(reader: TlReader): T.TlMethod {',
    '  const id = reader.readUint32();',
    `  const decode = ${upper}_METHOD_DECODERS.get(id);`,
    '  if (decode !== undefined) return decode(reader);',
    "  return reader.unexpectedConstructor(id, 'a method', readMethod);",
    '}',
    '',
    'function writeAny(writer: TlWriter, value: T.TlAnyObject): void {',
    `  const encode: ((writer: TlWriter, value: never) => void) | undefined = ${upper}_ENCODERS.get(value._)${outerUpper ? ` ?? ${outerUpper}_ENCODERS.get(value._)` : ''};`,
    "  if (encode === undefined) throw unknownConstructorName(value, 'Object');",
    '  encode(writer, value as never);',
    '}',
    '',
    '/** Reads one boxed constructor of this schema (a gzip_packed one is inflated). */',
    `export function read${prefix}Object(reader: TlReader): T.TlObject {`,
    '  const id = reader.readUint32();',
    `  const decode = ${upper}_CONSTRUCTOR_DECODERS.get(id);`,
    '  if (decode !== undefined) return decode(reader);',
    `  return reader.unexpectedConstructor(id, 'an object', read${prefix}Object);`,
    '}',
    '',
    '/** Reads one boxed method request of this schema: what a server does with a request. */',
    `export function read${prefix}Method(reader: TlReader): T.TlMethod {`,
    '  return readMethod(reader);',
    '}',
    '',
    `/** Reads any boxed object or request${outer ? `, of this schema or the ${outer.exportPrefix} one` : ''}. */`,
    `export function read${prefix}AnyObject(reader: TlReader): T.TlAnyObject {`,
    '  return readAny(reader);',
    '}',
    '',
    `/** Writes a boxed constructor or method request${outer ? `, of this schema or the ${outer.exportPrefix} one` : ''}. */`,
    `export function write${prefix}Object(writer: TlWriter, value: T.TlAnyObject): void {`,
    '  writeAny(writer, value);',
    '}',
    '',
    '/**',
    ' * Reads the result of `request`, typed by the method: the only way to decode results that are not',
    ' * objects, such as `Vector<long>`, whose elements say nothing about their type.',
    ' */',
    `export function read${prefix}Result<R extends T.TlMethod>(reader: TlReader, request: R): T.TlResult<R> {`,
    '  return readResult(reader, request) as T.TlResult<R>;',
    '}',
    '',
    // Untyped inside: instantiating TlResult over the union of every method would be too deep.
    'function readResult(reader: TlReader, request: T.TlMethod): unknown {',
    '  const decode = RESULT_DECODERS.get(request._);',
    '  if (decode === undefined) throw reader.fail(`no result decoder for unknown method ${String(request._)}`);',
    '  return decode(reader, request);',
    '}',
    '',
  );
  return out.join('\n');
}
