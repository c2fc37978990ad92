import type { Api } from 'telegram-mtproto-core';
import type { FormattedText } from '../../src/format/formatted-text';

/** Pieces of text that stress offsets and escaping: non-BMP, combining, ZWJ, CJK, RTL, markup. */
const PIECES = [
  'a',
  'Z',
  ' ',
  '  ',
  '\n',
  '\t',
  '<',
  '>',
  '&',
  '"',
  "'",
  '&amp;',
  '*',
  '_',
  '\\',
  '.',
  '!',
  '👍',
  '👍🏽',
  '👨‍👩‍👧',
  'e\u0301',
  '漢字',
  'שלום',
  '𝐀',
  '🇺🇦',
  '1️⃣',
];

type Random = (bound: number) => number;

/**
 * A random document of properly nested entities, built directly (not through a parser): entities come
 * in the order the parsers give them (by offset, parent first) and none is empty. Code, pre and custom
 * emoji hold plain text; quotations only stand at the top; links hold no links, as Telegram wants.
 */
export function randomDocument(random: Random): FormattedText {
  const entities: Api.TypeMessageEntity[] = [];
  let text = '';

  const plain = () => {
    let piece = '';
    for (let count = 1 + random(3); count > 0; count--) piece += PIECES[random(PIECES.length)];
    text += piece;
  };

  const node = (depth: number, inLink: boolean, top: boolean): void => {
    const kinds = ['bold', 'italic', 'underline', 'strike', 'spoiler', 'code', 'pre', 'emoji'];
    if (!inLink) kinds.push('link', 'mention');
    if (top) kinds.push('quote');
    const kind = kinds[random(kinds.length)]!;
    const offset = text.length;
    const entity = open(kind, offset, random);
    entities.push(entity);
    if (kind === 'code' || kind === 'pre') plain();
    else if (kind === 'emoji') text += '👍';
    else children(depth + 1, inLink || kind === 'link' || kind === 'mention');
    if (text.length === offset) text += 'x';
    entity.length = text.length - offset;
  };

  const children = (depth: number, inLink: boolean, top = false): void => {
    for (let count = 1 + random(3); count > 0; count--) {
      if (depth < 4 && random(2) === 0) node(depth, inLink, top);
      else plain();
    }
  };

  children(0, false, true);
  return { text, entities };
}

function open(kind: string, offset: number, random: Random): Api.TypeMessageEntity {
  const at = { offset, length: 0 };
  switch (kind) {
    case 'bold':
      return { _: 'messageEntityBold', ...at };
    case 'italic':
      return { _: 'messageEntityItalic', ...at };
    case 'underline':
      return { _: 'messageEntityUnderline', ...at };
    case 'strike':
      return { _: 'messageEntityStrike', ...at };
    case 'spoiler':
      return { _: 'messageEntitySpoiler', ...at };
    case 'code':
      return { _: 'messageEntityCode', ...at };
    case 'pre':
      return { _: 'messageEntityPre', ...at, language: ['', 'ts', 'c++', 'x"<y>'][random(4)]! };
    case 'emoji':
      return {
        _: 'messageEntityCustomEmoji',
        ...at,
        document_id: 5368324170671202286n + BigInt(random(1000)),
      };
    case 'link':
      return {
        _: 'messageEntityTextUrl',
        ...at,
        url: ['https://example.com/?a=1&b="2"<>', 'http://t.me/x'][random(2)]!,
      };
    case 'mention':
      return { _: 'messageEntityMentionName', ...at, user_id: BigInt(1 + random(1_000_000_000)) };
    default:
      return random(2) === 0
        ? { _: 'messageEntityBlockquote', ...at }
        : { _: 'messageEntityBlockquote', collapsed: true, ...at };
  }
}
