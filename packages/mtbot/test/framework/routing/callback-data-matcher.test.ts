import { CallbackDataMatcher, RouteDefinitionError } from '../../../src/framework';

describe('CallbackDataMatcher', () => {
  it('prefers a literal segment and backtracks to a parameter when the literal branch dead-ends', () => {
    const matcher = new CallbackDataMatcher<string>();
    matcher.add('item/new', 'new item', 'a');
    matcher.add('item/:id/edit', 'edit item', 'b');
    matcher.add('item/:id', 'show item', 'c');
    expect(matcher.match('item/new')).toEqual({ value: 'new item', params: {} });
    expect(matcher.match('item/new/edit')).toEqual({ value: 'edit item', params: { id: 'new' } });
    expect(matcher.match('item/5')).toEqual({ value: 'show item', params: { id: '5' } });
  });

  it('does not match empty parameters, missing or extra segments', () => {
    const matcher = new CallbackDataMatcher<string>();
    matcher.add('item/:id', 'show', 'a');
    expect(matcher.match('item/')).toBeUndefined();
    expect(matcher.match('item')).toBeUndefined();
    expect(matcher.match('item/1/2')).toBeUndefined();
    expect(matcher.match('')).toBeUndefined();
  });

  it('keeps no parameter of a failed branch', () => {
    const matcher = new CallbackDataMatcher<string>();
    matcher.add(':a/x/y', 'first', 'a');
    matcher.add(':a/:b/z', 'second', 'b');
    expect(matcher.match('1/x/z')).toEqual({ value: 'second', params: { a: '1', b: 'x' } });
  });

  it('refuses malformed, duplicate-shaped and oversized patterns', () => {
    const matcher = new CallbackDataMatcher<string>();
    matcher.add('item/:id', 'show', 'first');
    expect(() => matcher.add('item/:key', 'other', 'second')).toThrow(
      'second: callback pattern "item/:key" is already handled by first (same literal segments and parameter positions)',
    );
    expect(() => matcher.add('', 'x', 's')).toThrow(RouteDefinitionError);
    expect(() => matcher.add('a/:1x', 'x', 's')).toThrow(/bad parameter ":1x"/);
    expect(() => matcher.add('a/:id/:id', 'x', 's')).toThrow(/appears twice/);
    expect(() => matcher.add('x'.repeat(65), 'x', 's')).toThrow(/more than 64 bytes/);
  });
});
