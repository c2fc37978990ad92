import { parseHtml } from '../../src/format/html';
import { toHtml } from '../../src/format/to-html';
import { seededIntegers } from '../concurrency/seeded-random';
import { randomDocument } from './random-document';

describe('toHtml', () => {
  it('writes every entity HTML has as its tag', () => {
    const at = { offset: 0, length: 1 };
    const cases: [object, string][] = [
      [{ _: 'messageEntityBold', ...at }, '<b>x</b>'],
      [{ _: 'messageEntityItalic', ...at }, '<i>x</i>'],
      [{ _: 'messageEntityUnderline', ...at }, '<u>x</u>'],
      [{ _: 'messageEntityStrike', ...at }, '<s>x</s>'],
      [{ _: 'messageEntitySpoiler', ...at }, '<tg-spoiler>x</tg-spoiler>'],
      [{ _: 'messageEntityCode', ...at }, '<code>x</code>'],
      [{ _: 'messageEntityPre', ...at, language: '' }, '<pre>x</pre>'],
      [
        { _: 'messageEntityPre', ...at, language: 'c"' },
        '<pre><code class="language-c&quot;">x</code></pre>',
      ],
      [
        { _: 'messageEntityTextUrl', ...at, url: 'https://a.b/?c=1&d=2' },
        '<a href="https://a.b/?c=1&amp;d=2">x</a>',
      ],
      [{ _: 'messageEntityMentionName', ...at, user_id: 42n }, '<a href="tg://user?id=42">x</a>'],
      [{ _: 'messageEntityCustomEmoji', ...at, document_id: 5n }, '<tg-emoji emoji-id="5">x</tg-emoji>'],
      [{ _: 'messageEntityBlockquote', ...at }, '<blockquote>x</blockquote>'],
      [{ _: 'messageEntityBlockquote', ...at, collapsed: true }, '<blockquote expandable>x</blockquote>'],
    ];
    for (const [entity, html] of cases) {
      expect(toHtml({ text: 'x', entities: [entity as never] })).toBe(html);
    }
  });

  it('escapes the text and keeps what Telegram finds by itself as text', () => {
    expect(
      toHtml({
        text: '<@bot> & #tag https://t.me "q"',
        entities: [
          { _: 'messageEntityMention', offset: 1, length: 4 },
          { _: 'messageEntityHashtag', offset: 9, length: 4 },
          { _: 'messageEntityUrl', offset: 14, length: 14 },
        ],
      }),
    ).toBe('&lt;@bot&gt; &amp; #tag https://t.me &quot;q&quot;');
  });

  it('nests in the order given and splits entities that cross', () => {
    expect(
      toHtml({
        text: '👍🏽 abc',
        entities: [
          { _: 'messageEntityBold', offset: 5, length: 3 },
          { _: 'messageEntityItalic', offset: 5, length: 3 },
          { _: 'messageEntityUnderline', offset: 6, length: 1 },
        ],
      }),
    ).toBe('👍🏽 <b><i>a<u>b</u>c</i></b>');
    const crossing = {
      text: 'abcd',
      entities: [
        { _: 'messageEntityBold' as const, offset: 0, length: 3 },
        { _: 'messageEntityItalic' as const, offset: 2, length: 2 },
      ],
    };
    expect(toHtml(crossing)).toBe('<b>ab<i>c</i></b><i>d</i>');
    expect(parseHtml(toHtml(crossing)).entities).toEqual([
      { _: 'messageEntityBold', offset: 0, length: 3 },
      { _: 'messageEntityItalic', offset: 2, length: 1 },
      { _: 'messageEntityItalic', offset: 3, length: 1 },
    ]);
  });

  it('opens the longest entity first where entities start again, so it is not split', () => {
    const document = {
      text: 'abcdef',
      entities: [
        { _: 'messageEntityBold' as const, offset: 0, length: 3 },
        { _: 'messageEntityItalic' as const, offset: 2, length: 2 },
        { _: 'messageEntityUnderline' as const, offset: 3, length: 3 },
      ],
    };
    expect(toHtml(document)).toBe('<b>ab<i>c</i></b><u><i>d</i>ef</u>');
    expect(parseHtml(toHtml(document)).entities).toEqual([
      { _: 'messageEntityBold', offset: 0, length: 3 },
      { _: 'messageEntityItalic', offset: 2, length: 1 },
      { _: 'messageEntityUnderline', offset: 3, length: 3 },
      { _: 'messageEntityItalic', offset: 3, length: 1 },
    ]);
  });

  it('ignores empty entities and clips those running past the text', () => {
    expect(
      toHtml({
        text: 'ab',
        entities: [
          { _: 'messageEntityBold', offset: 0, length: 0 },
          { _: 'messageEntityItalic', offset: 1, length: 9 },
          { _: 'messageEntityCode', offset: 5, length: 1 },
        ],
      }),
    ).toBe('a<i>b</i>');
  });

  it('round-trips: parseHtml(toHtml(x)) equals x for 2,000 seeded random documents', () => {
    const random = seededIntegers('format-html-round-trip');
    let entityCount = 0;
    for (let round = 0; round < 2000; round++) {
      const document = randomDocument(random);
      entityCount += document.entities.length;
      expect(parseHtml(toHtml(document))).toEqual(document);
    }
    // The documents are not trivially flat.
    expect(entityCount).toBeGreaterThan(4000);
  });
});
