import { attachTlDocs } from '../../../src/tl/schema/attach-tl-docs';
import { parseTlSchema } from '../../../src/tl/schema/parse-tl-schema';

describe('attachTlDocs', () => {
  const schema = parseTlSchema(
    [
      'true#3fedd339 = True;',
      'null#56730bcc = Null;',
      '---functions---',
      'ping#7abe77ec ping_id:long = Pong;',
    ].join('\n'),
  );

  it('matches constructors and functions by section and name, leaving the input untouched', () => {
    const documented = attachTlDocs(schema, {
      constructors: { true: { description: 'Boolean true' }, ping: { description: 'not a constructor' } },
      functions: {
        ping: { description: 'Checks the connection', params: { ping_id: 'Echoed back' }, usableBy: 'both' },
      },
    });
    expect(documented.combinators.map((combinator) => combinator.doc?.description)).toEqual([
      'Boolean true',
      undefined,
      'Checks the connection',
    ]);
    expect(documented.combinators[2].doc?.params).toEqual({ ping_id: 'Echoed back' });
    expect(schema.combinators.every((combinator) => combinator.doc === undefined)).toBe(true);
  });

  it('ignores names inherited from Object.prototype', () => {
    const named = parseTlSchema('toString = ToString;');
    expect(attachTlDocs(named, { constructors: {}, functions: {} }).combinators[0].doc).toBeUndefined();
  });
});
