import { escapeHtml, escapeMarkdown } from '../../src/format/escape';
import { parseHtml } from '../../src/format/html';
import { parseMarkdown } from '../../src/format/markdown';
import { seededIntegers } from '../concurrency/seeded-random';

/** Random strings over every ASCII character plus a few non-BMP and combining ones. */
function randomStrings(seed: string, count: number): string[] {
  const random = seededIntegers(seed);
  const alphabet = [
    ...Array.from({ length: 127 }, (_, code) => String.fromCharCode(code)),
    '👍🏽',
    '漢',
    'é',
    '\u05d0',
  ];
  return Array.from({ length: count }, () => {
    let text = '';
    for (let length = random(40); length > 0; length--) text += alphabet[random(alphabet.length)];
    return text;
  });
}

describe('escapeHtml', () => {
  it('writes &, <, > and " as entities', () => {
    expect(escapeHtml('<b>"Tom" & Jerry</b>')).toBe('&lt;b&gt;&quot;Tom&quot; &amp; Jerry&lt;/b&gt;');
    expect(escapeHtml('plain 👍')).toBe('plain 👍');
  });

  it('gives any text back through parseHtml, in text and in attributes', () => {
    for (const text of randomStrings('escape-html', 500)) {
      expect(parseHtml(escapeHtml(text))).toEqual({ text, entities: [] });
      if (text === '') continue;
      expect(parseHtml(`<a href="${escapeHtml(text)}">x</a>`).entities[0]).toMatchObject({ url: text });
    }
  });
});

describe('escapeMarkdown', () => {
  it('escapes every reserved character and the backslash', () => {
    expect(escapeMarkdown('_*[]()~`>#+-=|{}.!\\')).toBe(
      '\\_\\*\\[\\]\\(\\)\\~\\`\\>\\#\\+\\-\\=\\|\\{\\}\\.\\!\\\\',
    );
    expect(escapeMarkdown('Hi, 👍 you')).toBe('Hi, 👍 you');
  });

  it('gives any text back through parseMarkdown, in text, code, pre and URLs', () => {
    for (const text of randomStrings('escape-markdown', 500)) {
      const escaped = escapeMarkdown(text);
      expect(parseMarkdown(escaped)).toEqual({ text, entities: [] });
      if (text === '') continue;
      expect(parseMarkdown(`\`${escaped}\``).text).toBe(text);
      expect(parseMarkdown(`[x](${escaped})`).entities[0]).toMatchObject({ url: text });
    }
  });
});
