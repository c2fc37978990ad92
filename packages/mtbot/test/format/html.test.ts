import { FormatError } from '../../src/format/format-error';
import { parseHtml } from '../../src/format/html';
import { formatErrorOf } from './format-error-of';

const bold = (offset: number, length: number) => ({ _: 'messageEntityBold', offset, length });
const italic = (offset: number, length: number) => ({ _: 'messageEntityItalic', offset, length });

describe('parseHtml', () => {
  it('turns every tag into its entity', () => {
    const cases: [string, object][] = [
      ['<b>x</b>', { _: 'messageEntityBold' }],
      ['<strong>x</strong>', { _: 'messageEntityBold' }],
      ['<i>x</i>', { _: 'messageEntityItalic' }],
      ['<em>x</em>', { _: 'messageEntityItalic' }],
      ['<u>x</u>', { _: 'messageEntityUnderline' }],
      ['<ins>x</ins>', { _: 'messageEntityUnderline' }],
      ['<s>x</s>', { _: 'messageEntityStrike' }],
      ['<strike>x</strike>', { _: 'messageEntityStrike' }],
      ['<del>x</del>', { _: 'messageEntityStrike' }],
      ['<tg-spoiler>x</tg-spoiler>', { _: 'messageEntitySpoiler' }],
      ['<span class="tg-spoiler">x</span>', { _: 'messageEntitySpoiler' }],
      ['<code>x</code>', { _: 'messageEntityCode' }],
      ['<pre>x</pre>', { _: 'messageEntityPre', language: '' }],
      ['<pre><code class="language-python">x</code></pre>', { _: 'messageEntityPre', language: 'python' }],
      ['<pre><code>x</code></pre>', { _: 'messageEntityPre', language: '' }],
      ['<a href="https://example.com/">x</a>', { _: 'messageEntityTextUrl', url: 'https://example.com/' }],
      ['<a href="tg://user?id=123456789">x</a>', { _: 'messageEntityMentionName', user_id: 123456789n }],
      ['<blockquote>x</blockquote>', { _: 'messageEntityBlockquote' }],
      ['<blockquote expandable>x</blockquote>', { _: 'messageEntityBlockquote', collapsed: true }],
      [
        '<tg-emoji emoji-id="5368324170671202286">x</tg-emoji>',
        { _: 'messageEntityCustomEmoji', document_id: 5368324170671202286n },
      ],
    ];
    for (const [html, entity] of cases) {
      expect(parseHtml(html)).toEqual({ text: 'x', entities: [{ ...entity, offset: 0, length: 1 }] });
    }
  });

  it('counts offsets in UTF-16 code units', () => {
    // 👍🏽 is a thumbs up (2 units) and a skin tone modifier (2 units).
    expect(parseHtml('👍🏽 <b>x</b>')).toEqual({ text: '👍🏽 x', entities: [bold(5, 1)] });
    expect(parseHtml('<b>👍</b>')).toEqual({ text: '👍', entities: [bold(0, 2)] });
    // Family: man ZWJ woman ZWJ girl: 8 units.
    expect(parseHtml('👨‍👩‍👧<i>a</i>')).toEqual({ text: '👨‍👩‍👧a', entities: [italic(8, 1)] });
    // e + combining acute accent: 2 units.
    expect(parseHtml('e\u0301<b>é</b>')).toEqual({ text: 'e\u0301é', entities: [bold(2, 1)] });
    expect(parseHtml('漢字<b>かな</b>')).toEqual({ text: '漢字かな', entities: [bold(2, 2)] });
    expect(parseHtml('שלום <b>עולם</b>')).toEqual({ text: 'שלום עולם', entities: [bold(5, 4)] });
    // A flag (two regional indicators) and a keycap sequence.
    expect(parseHtml('🇺🇦1️⃣<u>z</u>')).toEqual({
      text: '🇺🇦1️⃣z',
      entities: [{ _: 'messageEntityUnderline', offset: 7, length: 1 }],
    });
    // Mathematical bold letters are outside the BMP.
    expect(parseHtml('<b>𝐀𝐁</b>c')).toEqual({ text: '𝐀𝐁c', entities: [bold(0, 4)] });
  });

  it('nests entities, parent before child, and sorts by offset', () => {
    expect(parseHtml('<b>bold <i>italic bold <s>all three</s></i> <u>under</u></b> end')).toEqual({
      text: 'bold italic bold all three under end',
      entities: [
        bold(0, 32),
        italic(5, 21),
        { _: 'messageEntityStrike', offset: 17, length: 9 },
        { _: 'messageEntityUnderline', offset: 27, length: 5 },
      ],
    });
    // Same range: the outer tag comes first.
    expect(parseHtml('<i><b>x</b></i>').entities).toEqual([italic(0, 1), bold(0, 1)]);
    expect(parseHtml('<b><i>x</i></b>').entities).toEqual([bold(0, 1), italic(0, 1)]);
    // A link with formatting inside and emoji before.
    expect(parseHtml('🙂<a href="https://t.me/"><b>t</b>.me</a>')).toEqual({
      text: '🙂t.me',
      entities: [{ _: 'messageEntityTextUrl', offset: 2, length: 4, url: 'https://t.me/' }, bold(2, 1)],
    });
  });

  it('drops empty entities', () => {
    expect(parseHtml('a<b></b>b<i><u></u></i>')).toEqual({ text: 'ab', entities: [] });
  });

  it('decodes the named and numeric entities', () => {
    expect(parseHtml('&lt;&gt;&amp;&quot; &#65;&#x42;&#X43;&#128077;&#x1f44d;')).toEqual({
      text: '<>&" ABC👍👍',
      entities: [],
    });
    expect(parseHtml('<b>&lt;tag&gt;</b>')).toEqual({ text: '<tag>', entities: [bold(0, 5)] });
    // A lone '&' or '>' is plain text, as Telegram takes it.
    expect(parseHtml('Tom & Jerry > 1 &x')).toEqual({ text: 'Tom & Jerry > 1 &x', entities: [] });
  });

  it('keeps text outside tags and whitespace as given', () => {
    expect(parseHtml('  lead\n<b> mid \n</b>\t trail  \n')).toEqual({
      text: '  lead\n mid \n\t trail  \n',
      entities: [bold(7, 6)],
    });
    expect(parseHtml('')).toEqual({ text: '', entities: [] });
    expect(parseHtml('<pre>  line 1\n    line 2\n</pre>').text).toBe('  line 1\n    line 2\n');
  });

  it('reads tag and attribute spellings as HTML allows', () => {
    expect(parseHtml('<B>x</B>').entities).toEqual([bold(0, 1)]);
    expect(parseHtml("<a href='https://a.b/?x=1&amp;y=2'>x</a>").entities).toEqual([
      { _: 'messageEntityTextUrl', offset: 0, length: 1, url: 'https://a.b/?x=1&y=2' },
    ]);
    expect(parseHtml('<a href=https://a.b/>x</a>').entities[0]).toMatchObject({ url: 'https://a.b/' });
    expect(parseHtml('<a  target="_blank"  href = "https://a.b/" >x</a >').entities[0]).toMatchObject({
      url: 'https://a.b/',
    });
    expect(parseHtml('<blockquote expandable="">x</blockquote>').entities[0]).toMatchObject({
      collapsed: true,
    });
    expect(parseHtml('<code class="language-ts">x</code>').entities).toEqual([
      { _: 'messageEntityCode', offset: 0, length: 1 },
    ]);
    // A link without href links its own text.
    expect(parseHtml('<a>https://a.b/</a>').entities[0]).toMatchObject({ url: 'https://a.b/' });
    expect(parseHtml('<a>tg://user?id=7</a>').entities[0]).toMatchObject({
      _: 'messageEntityMentionName',
      user_id: 7n,
    });
  });

  it('takes a pre language only from a code directly inside the pre', () => {
    expect(parseHtml('<pre>a<code class="language-go">b</code>c</pre>')).toEqual({
      text: 'abc',
      entities: [{ _: 'messageEntityPre', offset: 0, length: 3, language: 'go' }],
    });
    expect(parseHtml('<pre><b><code class="language-go">b</code></b></pre>').entities).toEqual([
      { _: 'messageEntityPre', offset: 0, length: 1, language: '' },
      bold(0, 1),
      { _: 'messageEntityCode', offset: 0, length: 1 },
    ]);
  });

  it('names the position and the problem of bad input', () => {
    const cases: [string, number, string][] = [
      ['<b>x', 0, 'unclosed <b>'],
      ['ab<b>x<i>y</i>', 2, 'unclosed <b>'],
      ['<b>x</i>', 4, '</i> does not match <b> opened at position 0'],
      ['<b>x</strong>', 4, '</strong> does not match <b> opened at position 0'],
      ['x</b>', 1, '</b> closes nothing'],
      ['<b>x</b', 4, "malformed end tag: expected '</name>'"],
      ['<b>x</>', 4, "malformed end tag: expected '</name>'"],
      ['<foo>x</foo>', 0, 'unsupported tag <foo>'],
      ['<br/>', 0, 'unsupported tag <br>'],
      ['a < b', 2, "'<' starts no tag: write it as &lt;"],
      ['a <', 2, "'<' starts no tag: write it as &lt;"],
      ['<!-- c -->', 0, "'<' starts no tag: write it as &lt;"],
      ['<b', 2, "<b> is not closed by '>'"],
      ['<b/>', 2, 'unexpected "/" in <b>'],
      ['<a href="x>y</a>', 8, 'attribute href of <a> has no closing "'],
      ["<a href='x>y</a>", 8, "attribute href of <a> has no closing '"],
      ['<a href=>y</a>', 8, "attribute href of <a> has no value after '='"],
      ['<a href="x"y>', 11, 'unexpected "y" in <a>'],
      ['<span>x</span>', 0, '<span> needs class="tg-spoiler" (the only span Telegram knows)'],
      ['<span class="x">x</span>', 0, '<span> needs class="tg-spoiler" (the only span Telegram knows)'],
      ['<tg-emoji>x</tg-emoji>', 0, '<tg-emoji> needs emoji-id="N" with N a custom emoji id, got null'],
      [
        '<tg-emoji emoji-id="abc">x</tg-emoji>',
        0,
        '<tg-emoji> needs emoji-id="N" with N a custom emoji id, got "abc"',
      ],
      [
        '<tg-emoji emoji-id="0">x</tg-emoji>',
        0,
        '<tg-emoji> needs emoji-id="N" with N a custom emoji id, got "0"',
      ],
      ['ok &nbsp;', 3, 'unsupported entity &nbsp; (only &lt; &gt; &amp; &quot; and numeric ones)'],
      ['&#0;', 0, 'bad numeric entity &#0; (not a Unicode scalar value)'],
      ['&#xD800;', 0, 'bad numeric entity &#xD800; (not a Unicode scalar value)'],
      ['&#x110000;', 0, 'bad numeric entity &#x110000; (not a Unicode scalar value)'],
      ['&#12a;', 0, 'bad numeric entity &#12a; (not a Unicode scalar value)'],
      [
        '<a href="&bogus;">x</a>',
        9,
        'unsupported entity &bogus; (only &lt; &gt; &amp; &quot; and numeric ones)',
      ],
      ['👍<b>x', 2, 'unclosed <b>'],
    ];
    for (const [html, position, problem] of cases) {
      const error = formatErrorOf(() => parseHtml(html));
      expect({ html, position: error.position, problem: error.problem }).toEqual({ html, position, problem });
      expect(error.syntax).toBe('HTML');
      expect(error.message).toBe(`cannot parse HTML at position ${position}: ${problem}`);
      expect(error).toBeInstanceOf(FormatError);
    }
  });

  it('fails with a FormatError, never a crash, on random tag soup', () => {
    const pieces = [
      '<b>',
      '</b>',
      '<i>',
      '</i>',
      '<a href="',
      '">',
      '</a>',
      '&',
      '&amp;',
      '&#',
      ';',
      '<',
      '>',
      '"',
      'x',
      '👍',
      '\n',
      '<pre>',
      '<code class="language-',
      '</code>',
      '</pre>',
    ];
    let seed = 7;
    const next = (bound: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % bound;
    };
    for (let round = 0; round < 2000; round++) {
      let html = '';
      for (let count = next(12); count > 0; count--) html += pieces[next(pieces.length)];
      try {
        const { text, entities } = parseHtml(html);
        for (const entity of entities) {
          expect(entity.length).toBeGreaterThan(0);
          expect(entity.offset + entity.length).toBeLessThanOrEqual(text.length);
        }
      } catch (error) {
        expect(FormatError.isInstance(error)).toBe(true);
      }
    }
  });
});
