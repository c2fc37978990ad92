import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseTlSchema } from '../../../src/tl/schema/parse-tl-schema';
import type { TlSchema } from '../../../src/tl/schema/tl-ast';

const SCHEMA_DIRECTORY = join(__dirname, '..', '..', '..', 'schema');
const read = (name: string): string => readFileSync(join(SCHEMA_DIRECTORY, name), 'utf8');

/** Lines that declare something: not blank, not a comment, not a section marker. */
function declarationLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//') && !line.startsWith('---'));
}

function countBy(schema: TlSchema, section: 'types' | 'functions'): number {
  return schema.combinators.filter((combinator) => combinator.section === section).length;
}

describe('committed schemas', () => {
  // Parsing throws on the first line whose id is not the CRC32 of its text, so a pass here means every
  // line of both files carries Telegram's id.
  const apiText = read('api.tl');
  const mtprotoText = read('mtproto.tl');
  const api = parseTlSchema(apiText);
  const mtproto = parseTlSchema(mtprotoText);

  it('api.tl: every declaration parses and passes its CRC, at the recorded layer', () => {
    const layer = JSON.parse(read('layer.json')) as { layer: number; source: string };
    expect(api.layer).toBe(227);
    expect(layer.layer).toBe(api.layer);
    expect(api.combinators.length + api.builtins.length).toBe(declarationLines(apiText).length);
    expect(countBy(api, 'types')).toBe(1621);
    expect(countBy(api, 'functions')).toBe(798);
    expect(api.builtins.map((builtin) => builtin.name)).toEqual([
      'int',
      'long',
      'double',
      'string',
      'vector',
      'int128',
      'int256',
      'vector',
    ]);
  });

  it('mtproto.tl: every declaration parses and passes its CRC', () => {
    expect(mtproto.combinators.length + mtproto.builtins.length).toBe(declarationLines(mtprotoText).length);
    expect(countBy(mtproto, 'types')).toBe(39);
    expect(countBy(mtproto, 'functions')).toBe(9);
  });

  it('mtproto.tl has what the session and key exchange need, under Telegram names', () => {
    const idOf = new Map(mtproto.combinators.map((combinator) => [combinator.name, combinator.id]));
    const expected: Array<[string, number]> = [
      ['resPQ', 0x05162463],
      ['p_q_inner_data_dc', 0xa9f55f95],
      ['server_DH_params_fail', 0x79cb045d],
      ['rpc_result', 0xf35c6d01],
      ['rpc_error', 0x2144ca19],
      ['msg_container', 0x73f1f8dc],
      ['message', 0x5bb8e511],
      ['msg_copy', 0xe06046b2],
      ['gzip_packed', 0x3072cfa1],
      ['msgs_ack', 0x62d6b459],
      ['bad_server_salt', 0xedab447b],
      ['new_session_created', 0x9ec20908],
      ['req_pq_multi', 0xbe7e8ef1],
      ['ping_delay_disconnect', 0xf3427b8c],
    ];
    for (const [name, id] of expected) expect([name, idOf.get(name)]).toEqual([name, id]);
    expect(mtproto.combinators.some((combinator) => combinator.name.startsWith('mt_'))).toBe(false);
  });

  it('api.tl keeps the real wire types and none of the source library additions', () => {
    const byName = new Map(api.combinators.map((combinator) => [combinator.name, combinator]));
    // mtcute calls some of these fields int53; on the wire they are long.
    expect(byName.get('inputPeerUser')?.params[0]).toEqual({
      name: 'user_id',
      type: { kind: 'primitive', name: 'long' },
    });
    expect(byName.get('boolTrue')?.id).toBe(0x997275b5);
    expect(byName.get('invokeWithLayer')?.generics).toEqual([{ name: 'X', bound: 'Type' }]);
    expect([...byName.keys()].filter((name) => name.startsWith('mtcute.'))).toEqual([]);
    const names = new Set(byName.keys());
    expect(names.size).toBe(api.combinators.length);
  });

  it('the data files hold errors and docs', () => {
    const errors = JSON.parse(read('errors.json')) as {
      errors: Array<{ name: string; code: number; description: string }>;
    };
    const flood = errors.errors.find((error) => error.name === 'FLOOD_WAIT_%d');
    expect(flood?.code).toBe(420);
    const names = errors.errors.map((error) => error.name);
    expect([...names].sort()).toEqual(names);

    const docs = JSON.parse(read('api-docs.json')) as {
      functions: Record<string, { description?: string; usableBy: string; params: Record<string, string> }>;
    };
    const sendMessage = docs.functions['messages.sendMessage'];
    expect(sendMessage.usableBy).toBe('both');
    expect(Object.keys(sendMessage.params)).toContain('peer');
  });
});
