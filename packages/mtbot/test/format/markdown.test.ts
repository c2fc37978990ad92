import { parseMarkdown } from '../../src/format/markdown';
import { formatErrorOf } from './format-error-of';

const bold = (offset: number, length: number) => ({ _: 'messageEntityBold', offset, length });
const italic = (offset: number, length: number) => ({ _: 'messageEntityItalic', offset, length });
const underline = (offset: number, length: number) => ({ _: 'messageEntityUnderline', offset, length });
const quote = (offset: number, length: number, collapsed?: true) => ({
  _: 'messageEntityBlockquote',
  offset,
  length,
  ...(collapsed ? { collapsed } : {}),
});

describe('parseMarkdown', () => {
  it('turns every marker into its entity', () => {
    const cases: [string, object][] = [
      ['*x*', { _: 'messageEntityBold' }],
      ['_x_', { _: 'messageEntityItalic' }],
      ['__x__', { _: 'messageEntityUnderline' }],
      ['~x~', { _: 'messageEntityStrike' }],
      ['||x||', { _: 'messageEntitySpoiler' }],
      ['`x`', { _: 'messageEntityCode' }],
      ['```x```', { _: 'messageEntityPre', language: '' }],
      ['```\nx```', { _: 'messageEntityPre', language: '' }],
      ['```python\nx```', { _: 'messageEntityPre', language: 'python' }],
      ['[x](http://www.example.com/)', { _: 'messageEntityTextUrl', url: 'http://www.example.com/' }],
      ['[x](tg://user?id=123456789)', { _: 'messageEntityMentionName', user_id: 123456789n }],
      ['>x', { _: 'messageEntityBlockquote' }],
      ['**>x', { _: 'messageEntityBlockquote' }],
      ['>x||', { _: 'messageEntityBlockquote', collapsed: true }],
    ];
    for (const [markdown, entity] of cases) {
      expect({ markdown, ...parseMarkdown(markdown) }).toEqual({
        markdown,
        text: 'x',
        entities: [{ ...entity, offset: 0, length: 1 }],
      });
    }
    expect(parseMarkdown('![👍](tg://emoji?id=5368324170671202286)')).toEqual({
      text: '👍',
      entities: [{ _: 'messageEntityCustomEmoji', offset: 0, length: 2, document_id: 5368324170671202286n }],
    });
  });

  it('parses the example of the Bot API page', () => {
    const markdown =
      '*bold _italic bold ~italic bold strikethrough ||italic bold strikethrough spoiler||~ __underline italic bold___ bold*';
    expect(parseMarkdown(markdown)).toEqual({
      text: 'bold italic bold italic bold strikethrough italic bold strikethrough spoiler underline italic bold bold',
      entities: [
        bold(0, 103),
        italic(5, 93),
        { _: 'messageEntityStrike', offset: 17, length: 59 },
        { _: 'messageEntitySpoiler', offset: 43, length: 33 },
        underline(77, 21),
      ],
    });
  });

  it('counts offsets in UTF-16 code units', () => {
    expect(parseMarkdown('👍🏽 *x*')).toEqual({ text: '👍🏽 x', entities: [bold(5, 1)] });
    expect(parseMarkdown('👨‍👩‍👧_a_')).toEqual({ text: '👨‍👩‍👧a', entities: [italic(8, 1)] });
    expect(parseMarkdown('*👍*漢_字_')).toEqual({ text: '👍漢字', entities: [bold(0, 2), italic(3, 1)] });
    expect(parseMarkdown('שלום *עולם*')).toEqual({ text: 'שלום עולם', entities: [bold(5, 4)] });
    expect(parseMarkdown('e\u0301*𝐀*')).toEqual({ text: 'e\u0301𝐀', entities: [bold(2, 2)] });
    // A non-ASCII character after '\' is not escaped: the '\' stays.
    expect(parseMarkdown('\\👍*x*')).toEqual({ text: '\\👍x', entities: [bold(3, 1)] });
  });

  it('takes escapes of any ASCII character', () => {
    const reserved = '_*[]()~`>#+-=|{}.!\\';
    const escaped = [...reserved].map((char) => `\\${char}`).join('');
    expect(parseMarkdown(escaped)).toEqual({ text: reserved, entities: [] });
    expect(parseMarkdown('\\a\\ \\1')).toEqual({ text: 'a 1', entities: [] });
    expect(parseMarkdown('*bold \\*text*')).toEqual({ text: 'bold *text', entities: [bold(0, 10)] });
    // A '\' at the end is itself.
    expect(parseMarkdown('a\\')).toEqual({ text: 'a\\', entities: [] });
  });

  it('reads code and pre with only ` and \\ as markup', () => {
    expect(parseMarkdown('`*a_ \\` \\\\ b`')).toEqual({
      text: '*a_ ` \\ b',
      entities: [{ _: 'messageEntityCode', offset: 0, length: 9 }],
    });
    expect(parseMarkdown('```js\nlet a = [1] > *b*;\n```')).toEqual({
      text: 'let a = [1] > *b*;\n',
      entities: [{ _: 'messageEntityPre', offset: 0, length: 19, language: 'js' }],
    });
    // The word right after ``` is the language when a space or line break follows.
    expect(parseMarkdown('```a b\nc```')).toEqual({
      text: ' b\nc',
      entities: [{ _: 'messageEntityPre', offset: 0, length: 4, language: 'a' }],
    });
    expect(parseMarkdown('```abc```').entities[0]).toMatchObject({ language: '', length: 3 });
    expect(parseMarkdown('```\r\nx\n```').text).toBe('x\n');
  });

  it('reads links with escapes in the URL and formatting in the text', () => {
    // [text] without (url) links its own text.
    expect(parseMarkdown('[https://t\\.me/x]')).toEqual({
      text: 'https://t.me/x',
      entities: [{ _: 'messageEntityTextUrl', offset: 0, length: 14, url: 'https://t.me/x' }],
    });
    expect(parseMarkdown('[*b* \\] t](https://a.b/\\)x\\\\y)')).toEqual({
      text: 'b ] t',
      entities: [{ _: 'messageEntityTextUrl', offset: 0, length: 5, url: 'https://a.b/)x\\y' }, bold(0, 1)],
    });
    // Reserved characters other than ')' and '\' need no escape inside the URL.
    expect(parseMarkdown('[x](https://a.b/?q=1&r=_*.)').entities[0]).toMatchObject({
      url: 'https://a.b/?q=1&r=_*.',
    });
  });

  it('greedily reads __ as underline and lets an empty bold separate', () => {
    expect(parseMarkdown('___italic underline_**__')).toEqual({
      text: 'italic underline',
      entities: [underline(0, 16), italic(0, 16)],
    });
    expect(parseMarkdown('_a__b___')).toEqual({ text: 'ab', entities: [italic(0, 2), underline(1, 1)] });
  });

  it('reads block quotations line by line, the line break that ends one included', () => {
    expect(parseMarkdown('>one\n>two\nafter')).toEqual({ text: 'one\ntwo\nafter', entities: [quote(0, 8)] });
    expect(parseMarkdown('before\n>*q*\n\n>again')).toEqual({
      text: 'before\nq\n\nagain',
      entities: [quote(7, 2), bold(7, 1), quote(10, 5)],
    });
    // Markers may stand before the '>': '**' is an empty bold separating two quotations.
    expect(parseMarkdown('>plain\n**>hidden\n>more||\nout')).toEqual({
      text: 'plain\nhidden\nmore\nout',
      entities: [quote(0, 6), quote(6, 12, true)],
    });
    expect(parseMarkdown('>a\n>b||')).toEqual({ text: 'a\nb', entities: [quote(0, 3, true)] });
    // A spoiler that is closed is a spoiler, not the expandability mark.
    expect(parseMarkdown('>||s||')).toEqual({
      text: 's',
      entities: [quote(0, 1), { _: 'messageEntitySpoiler', offset: 0, length: 1 }],
    });
    // Entities may span the lines of one quotation.
    expect(parseMarkdown('>*a\n>b*')).toEqual({ text: 'a\nb', entities: [quote(0, 3), bold(0, 3)] });
    // After text on the line, '>' is a reserved character; an escaped line break starts a line.
    expect(parseMarkdown('a\\\n>q')).toEqual({ text: 'a\nq', entities: [quote(2, 1)] });
    expect(parseMarkdown('**x')).toEqual({ text: 'x', entities: [] });
  });

  it('drops empty entities', () => {
    expect(parseMarkdown('a**b____~~||||``')).toEqual({ text: 'ab', entities: [] });
  });

  it('keeps whitespace as given', () => {
    expect(parseMarkdown('  *a \n b*  \n')).toEqual({ text: '  a \n b  \n', entities: [bold(2, 5)] });
  });

  it('names the position and the problem of bad input', () => {
    const cases: [string, number, string][] = [
      ['*x', 0, 'unclosed bold (*)'],
      ['ok _x', 3, 'unclosed italic (_)'],
      ['__x', 0, 'unclosed underline (__)'],
      ['~x', 0, 'unclosed strikethrough (~)'],
      ['||x', 0, 'unclosed spoiler (||)'],
      ['`x', 0, 'unclosed code (`)'],
      ['```x', 0, 'unclosed pre (```)'],
      ['[x', 0, 'unclosed link ([)'],
      ['![x', 0, 'unclosed custom emoji (![)'],
      ['>*x\ny*', 1, 'unclosed bold (*)'],
      ['👍*x', 2, 'unclosed bold (*)'],
      [
        '*a _b* c_',
        5,
        "'*' would close bold (*) opened at position 0, but italic (_) opened at position 3 is still open",
      ],
      [
        '___x___',
        4,
        "'__' would close underline (__) opened at position 0, but italic (_) opened at position 2 is still open",
      ],
      [
        '[a *b](u)*',
        5,
        "']' would close link ([) opened at position 0, but bold (*) opened at position 3 is still open",
      ],
      ['a.b', 1, "character '.' is reserved: escape it as '\\.'"],
      ['1+1=2', 1, "character '+' is reserved: escape it as '\\+'"],
      ['Hi!', 2, "character '!' is reserved: escape it as '\\!'"],
      ['a|b', 1, "character '|' is reserved: escape it as '\\|'"],
      ['x > y', 2, "character '>' is reserved: escape it as '\\>'"],
      ['#tag', 0, "character '#' is reserved: escape it as '\\#'"],
      ['(x)', 0, "character '(' is reserved: escape it as '\\('"],
      ['x]', 1, "character ']' is reserved: escape it as '\\]'"],
      ['{}', 0, "character '{' is reserved: escape it as '\\{'"],
      ['a-b', 1, "character '-' is reserved: escape it as '\\-'"],
      ['![x]', 3, "expected '(' and tg://emoji?id=N after ']'"],
      ['>a||\n>b', 2, 'unclosed spoiler (||)'],
      ['>a *b\nc*', 3, 'unclosed bold (*)'],
      ['[x](y', 3, "unclosed '(': the URL has no ')'"],
      ['[x]()', 4, 'empty URL'],
      ['![x](https://a.b/)', 5, 'a custom emoji needs tg://emoji?id=N, got "https://a.b/"'],
      ['![x](tg://emoji?id=0)', 5, 'a custom emoji needs tg://emoji?id=N, got "tg://emoji?id=0"'],
      ['```\na`b```', 5, "'`' inside a pre block must be escaped as '\\`'"],
    ];
    for (const [markdown, position, problem] of cases) {
      const error = formatErrorOf(() => parseMarkdown(markdown));
      expect({ markdown, position: error.position, problem: error.problem }).toEqual({
        markdown,
        position,
        problem,
      });
      expect(error.syntax).toBe('MarkdownV2');
    }
  });

  it('fails with a FormatError, never a crash, on random markup soup', () => {
    const pieces = [
      '*',
      '_',
      '__',
      '~',
      '||',
      '`',
      '```',
      '[',
      '](',
      ')',
      '![',
      '>',
      '**>',
      '\\',
      '\n',
      'x',
      '👍',
      '.',
      ' ',
    ];
    let seed = 11;
    const next = (bound: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % bound;
    };
    let parsed = 0;
    for (let round = 0; round < 3000; round++) {
      let markdown = '';
      for (let count = next(10); count > 0; count--) markdown += pieces[next(pieces.length)];
      try {
        const { text, entities } = parseMarkdown(markdown);
        parsed++;
        for (const entity of entities) {
          expect(entity.length).toBeGreaterThan(0);
          expect(entity.offset + entity.length).toBeLessThanOrEqual(text.length);
        }
      } catch (error) {
        expect(
          formatErrorOf(() => {
            throw error;
          }).syntax,
        ).toBe('MarkdownV2');
      }
    }
    expect(parsed).toBeGreaterThan(100);
  });
});
