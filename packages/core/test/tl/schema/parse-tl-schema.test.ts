import { TlSchemaError } from '../../../src/errors/tl-schema-error';
import { parseTlSchema } from '../../../src/tl/schema/parse-tl-schema';
import type { TlCombinator } from '../../../src/tl/schema/tl-ast';

function parseOne(line: string, section: 'types' | 'functions' = 'types'): TlCombinator {
  const schema = parseTlSchema(section === 'functions' ? `---functions---\n${line}` : line);
  expect(schema.combinators).toHaveLength(1);
  return schema.combinators[0];
}

function schemaError(text: string): TlSchemaError {
  try {
    parseTlSchema(text);
  } catch (error) {
    if (TlSchemaError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a TlSchemaError');
}

describe('parseTlSchema: combinators', () => {
  it('parses flags, flags2, true flags and conditional vectors', () => {
    const combinator = parseOne(
      'inputMediaUploadedPhoto#7d8375da flags:# spoiler:flags.2?true live_photo:flags.3?true file:InputFile ' +
        'stickers:flags.0?Vector<InputDocument> ttl_seconds:flags.1?int video:flags.3?InputDocument = InputMedia;',
    );
    expect(combinator.name).toBe('inputMediaUploadedPhoto');
    expect(combinator.id).toBe(0x7d8375da);
    expect(combinator.section).toBe('types');
    expect(combinator.params).toEqual([
      { name: 'flags', type: { kind: 'flags' } },
      { name: 'spoiler', type: { kind: 'true' }, condition: { field: 'flags', bit: 2 } },
      { name: 'live_photo', type: { kind: 'true' }, condition: { field: 'flags', bit: 3 } },
      { name: 'file', type: { kind: 'named', name: 'InputFile', boxed: true } },
      {
        name: 'stickers',
        type: { kind: 'vector', boxed: true, element: { kind: 'named', name: 'InputDocument', boxed: true } },
        condition: { field: 'flags', bit: 0 },
      },
      {
        name: 'ttl_seconds',
        type: { kind: 'primitive', name: 'int' },
        condition: { field: 'flags', bit: 1 },
      },
      {
        name: 'video',
        type: { kind: 'named', name: 'InputDocument', boxed: true },
        condition: { field: 'flags', bit: 3 },
      },
    ]);
    expect(combinator.result).toEqual({ kind: 'named', name: 'InputMedia', boxed: true });
  });

  it('parses a second flags field and keeps each condition on its own field', () => {
    // Built from the rules, id left out: the parser computes it.
    const combinator = parseOne('x.thing flags:# a:flags.0?true flags2:# b:flags2.31?string = x.Thing;');
    expect(combinator.params[3]).toEqual({
      name: 'b',
      type: { kind: 'primitive', name: 'string' },
      condition: { field: 'flags2', bit: 31 },
    });
    expect(combinator.name).toBe('x.thing');
    expect(combinator.result).toEqual({ kind: 'named', name: 'x.Thing', boxed: true });
  });

  it('parses generics, !X and a generic result', () => {
    const combinator = parseOne('invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;', 'functions');
    expect(combinator.section).toBe('functions');
    expect(combinator.generics).toEqual([{ name: 'X', bound: 'Type' }]);
    expect(combinator.params[1]).toEqual({ name: 'query', type: { kind: 'generic', name: 'X', bang: true } });
    expect(combinator.result).toEqual({ kind: 'generic', name: 'X', bang: false });
  });

  it('parses bare vectors of bare constructors and nested vectors', () => {
    const salts = parseOne(
      'future_salts#ae500895 req_msg_id:long now:int salts:vector<future_salt> = FutureSalts;',
    );
    expect(salts.params[2].type).toEqual({
      kind: 'vector',
      boxed: false,
      element: { kind: 'named', name: 'future_salt', boxed: false },
    });
    const nested = parseOne('grid rows:Vector<Vector<%Cell>> = Grid;');
    expect(nested.params[0].type).toEqual({
      kind: 'vector',
      boxed: true,
      element: { kind: 'vector', boxed: true, element: { kind: 'named', name: 'Cell', boxed: false } },
    });
  });

  it('parses every primitive and a function returning a vector of longs', () => {
    const combinator = parseOne(
      'all a:int b:long c:double d:string e:bytes f:int128 g:int256 h:Bool = Vector<long>;',
      'functions',
    );
    expect(combinator.params.map((param) => param.type)).toEqual(
      ['int', 'long', 'double', 'string', 'bytes', 'int128', 'int256', 'Bool'].map((name) => ({
        kind: 'primitive',
        name,
      })),
    );
    expect(combinator.result).toEqual({
      kind: 'vector',
      boxed: true,
      element: { kind: 'primitive', name: 'long' },
    });
  });
});

describe('parseTlSchema: constructor ids', () => {
  it('accepts ids that are the CRC32 of their line, including true flags, bytes and Vector<bytes>', () => {
    const schema = parseTlSchema(
      [
        'inputPeerUser#dde8a54c user_id:long access_hash:long = InputPeer;',
        'updateMessagePollVote#7699f014 poll_id:long peer:Peer options:Vector<bytes> positions:Vector<int> qts:int = Update;',
        'msg_container#73f1f8dc messages:vector<message> = MessageContainer;',
        'gzip_packed#3072cfa1 packed_data:bytes = Object;',
      ].join('\n'),
    );
    expect(schema.combinators.map((combinator) => combinator.id)).toEqual([
      0xdde8a54c, 0x7699f014, 0x73f1f8dc, 0x3072cfa1,
    ]);
  });

  it('computes the id of a line written without one', () => {
    // Telegram's published id of `message`, which the spec page writes without #id.
    const message = parseOne('message msg_id:long seqno:int bytes:int body:Object = Message;');
    expect(message.id).toBe(0x5bb8e511);
    expect(parseOne('boolFalse = Bool;').id).toBe(0xbc799737);
  });

  it('rejects a tampered id, naming the line number and text', () => {
    const text = ['// header', 'boolFalse#bc799737 = Bool;', '', 'boolTrue#997275b6 = Bool;'].join('\n');
    const error = schemaError(text);
    expect(error.line).toBe(4);
    expect(error.lineText).toBe('boolTrue#997275b6 = Bool;');
    expect(error.message).toContain('line 4');
    expect(error.message).toContain('#997275b5');
    expect(error.name).toBe('TlSchemaError');
  });

  it('rejects a changed parameter under an unchanged id', () => {
    const error = schemaError('ping#7abe77ec ping_id:int = Pong;');
    expect(error.line).toBe(1);
    expect(error.message).toContain('ping ping_id:int = Pong');
  });

  it('skips the check only when asked', () => {
    const schema = parseTlSchema('ping#00000001 ping_id:long = Pong;', { verifyIds: false });
    expect(schema.combinators[0].id).toBe(1);
  });

  it('rejects two combinators with one id', () => {
    const error = schemaError('boolFalse#bc799737 = Bool;\nboolFalse = Bool;');
    expect(error.line).toBe(2);
    expect(error.message).toContain('line 1');
  });
});

describe('parseTlSchema: structure', () => {
  it('skips builtins, comments and blank lines, and records sections and the layer', () => {
    const schema = parseTlSchema(
      [
        'int ? = Int;',
        'string ? = String;',
        'vector {t:Type} # [ t ] = Vector t;',
        'int128 4*[ int ] = Int128;',
        'vector#1cb5c415 {t:Type} # [ t ] = Vector t;',
        '',
        '// a comment',
        '---types---',
        'true#3fedd339 = True; // trailing comment',
        '---functions---',
        'ping#7abe77ec ping_id:long = Pong;',
        '// LAYER 227',
      ].join('\r\n'),
    );
    expect(schema.layer).toBe(227);
    expect(schema.builtins.map((builtin) => [builtin.name, builtin.id, builtin.line])).toEqual([
      ['int', undefined, 1],
      ['string', undefined, 2],
      ['vector', undefined, 3],
      ['int128', undefined, 4],
      ['vector', 0x1cb5c415, 5],
    ]);
    expect(
      schema.combinators.map((combinator) => [combinator.section, combinator.name, combinator.line]),
    ).toEqual([
      ['types', 'true', 9],
      ['functions', 'ping', 11],
    ]);
  });

  it('checks the id of a builtin that carries one', () => {
    expect(schemaError('vector#1cb5c416 {t:Type} # [ t ] = Vector t;').line).toBe(1);
  });

  it('has no layer when none is recorded', () => {
    expect(parseTlSchema('true#3fedd339 = True;').layer).toBeUndefined();
  });
});

describe('parseTlSchema: syntax errors', () => {
  const cases: Array<[string, string, string]> = [
    ['missing semicolon', 'ping#7abe77ec ping_id:long = Pong', 'ends with ";"'],
    ['no equals sign', 'ping#7abe77ec ping_id:long Pong;', 'exactly one "="'],
    ['two equals signs', 'ping = a:int = Pong;', 'exactly one "="'],
    ['missing result', 'ping ping_id:long = ;', 'missing result'],
    ['bad id', 'ping#xyz ping_id:long = Pong;', 'not a combinator name'],
    ['parameter without type', 'ping ping_id = Pong;', 'not a parameter'],
    ['flag on an unknown field', 'a x:flags.0?int = A;', 'not an earlier # parameter'],
    ['flag before its field', 'a x:flags.0?int flags:# = A;', 'not an earlier # parameter'],
    ['flag bit out of range', 'a flags:# x:flags.32?int = A;', 'bits 0 to 31'],
    ['unconditional true', 'a x:true = A;', 'only meaningful under a flag'],
    ['unknown generic', 'a q:!Y = A;', 'names no {Y:Type}'],
    ['generic after parameters', 'a q:int {X:Type} = X;', 'must come before'],
    ['unbalanced vector', 'a q:Vector<int = A;', 'unbalanced'],
    ['type argument on a non-vector', 'a q:List<int> = A;', 'only Vector<T>'],
    ['percent on a constructor', 'a q:%message = A;', 'applies to a type name'],
    ['duplicate parameter', 'a x:int x:long = A;', 'appears twice'],
    ['bare constructor as a constructor result', 'a x:int = b;', 'boxed type name'],
    ['unknown section', '---methods---', 'unknown section'],
    ['bad type name', 'a x:9lives = A;', 'is not a type'],
  ];

  it.each(cases)('%s is a TlSchemaError naming the line', (_label, badLine, expected) => {
    const error = schemaError(`true#3fedd339 = True;\n\n${badLine}\nnull#56730bcc = Null;`);
    expect(error.line).toBe(3);
    expect(error.lineText).toBe(badLine);
    expect(error.message).toContain(expected);
  });
});
