import type { Api } from 'telegram-mtproto-core';
import { EntityBuilder } from './entity-builder';
import { FormatError } from './format-error';
import type { FormattedText } from './formatted-text';
import { decodeReference } from './html-entities';
import { positiveInt64, userIdOfLink } from './telegram-links';

/*
 * Telegram's HTML style (core.telegram.org/bots/api#html-style, core.telegram.org/api/entities).
 * Only the tags listed there exist; the text between tags is kept exactly as written (whitespace and
 * line breaks included, no trimming: Telegram trims the message itself and moves the entities with it).
 */

type EntityKind =
  'bold' | 'italic' | 'underline' | 'strike' | 'spoiler' | 'code' | 'pre' | 'link' | 'quote' | 'emoji';

const TAGS: Readonly<Record<string, EntityKind>> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strike',
  strike: 'strike',
  del: 'strike',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  code: 'code',
  pre: 'pre',
  a: 'link',
  blockquote: 'quote',
  'tg-emoji': 'emoji',
};

interface OpenTag {
  readonly name: string;
  readonly kind: EntityKind;
  /** Where its '<' is in the input. */
  readonly position: number;
  /** Its entity; none for a <code> inside <pre>, which only names the pre's language. */
  readonly entity?: Api.TypeMessageEntity;
  readonly attributes: ReadonlyMap<string, string>;
}

/**
 * Parses Telegram's HTML formatting into text and entities (offsets in UTF-16 code units).
 *
 * Tags: `<b>`/`<strong>`, `<i>`/`<em>`, `<u>`/`<ins>`, `<s>`/`<strike>`/`<del>`,
 * `<tg-spoiler>`/`<span class="tg-spoiler">`, `<code>`, `<pre>` and `<pre><code class="language-x">`,
 * `<a href="...">` (a `tg://user?id=N` link mentions that user), `<blockquote>` and
 * `<blockquote expandable>`, `<tg-emoji emoji-id="N">`. References: `&lt; &gt; &amp; &quot;` and
 * numeric ones. Attributes Telegram does not use are ignored, as Telegram does.
 *
 * @throws {FormatError} on an unknown, unclosed or mismatched tag, a malformed or invalid attribute
 *   or an unknown entity, naming its position.
 * @example
 * ```ts
 * parseHtml('👍🏽 <b>x</b>');
 * // { text: '👍🏽 x', entities: [{ _: 'messageEntityBold', offset: 5, length: 1 }] }
 * ```
 */
export function parseHtml(html: string): FormattedText {
  return new HtmlParser(html).parse();
}

class HtmlParser {
  private text = '';
  private index = 0;
  private readonly stack: OpenTag[] = [];
  private readonly builder = new EntityBuilder();
  private ampersand = -1;

  constructor(private readonly input: string) {}

  parse(): FormattedText {
    const input = this.input;
    while (this.index < input.length) {
      const next = input.indexOf('<', this.index);
      const stop = next === -1 ? input.length : next;
      this.appendText(stop);
      if (next === -1) break;
      if (input[next + 1] === '/') this.closeTag();
      else this.openTag();
    }
    const unclosed = this.stack[this.stack.length - 1];
    if (unclosed) this.fail(unclosed.position, `unclosed <${unclosed.name}>`);
    return { text: this.text, entities: this.builder.finish() };
  }

  /** Copies input up to `stop` into the text, decoding references. */
  private appendText(stop: number): void {
    this.text += this.decode(this.index, stop);
    this.index = stop;
  }

  /** `input[start..end)` with its references decoded. */
  private decode(start: number, end: number): string {
    let decoded = '';
    let index = start;
    for (;;) {
      const amp = this.nextAmpersand(index);
      if (amp >= end) return decoded + this.input.slice(index, end);
      decoded += this.input.slice(index, amp);
      const reference = decodeReference(this.input, amp, end);
      if (typeof reference === 'string') this.fail(amp, reference);
      decoded += reference ? reference.text : '&';
      index = amp + (reference ? reference.consumed : 1);
    }
  }

  /** Where the first '&' at or after `from` is (input length when none): remembered, so a scan is linear. */
  private nextAmpersand(from: number): number {
    if (this.ampersand < from) {
      const found = this.input.indexOf('&', from);
      this.ampersand = found === -1 ? this.input.length : found;
    }
    return this.ampersand;
  }

  private openTag(): void {
    const start = this.index;
    this.index++;
    const name = this.readName();
    if (name === '') this.fail(start, "'<' starts no tag: write it as &lt;");
    const kind = TAGS[name];
    if (kind === undefined) this.fail(start, `unsupported tag <${name}>`);
    const attributes = this.readAttributes(name);
    this.stack.push({
      name,
      kind,
      position: start,
      attributes,
      ...this.entityOf(kind, name, start, attributes),
    });
  }

  private entityOf(
    kind: EntityKind,
    name: string,
    start: number,
    attributes: ReadonlyMap<string, string>,
  ): { entity?: Api.TypeMessageEntity } {
    const at = { offset: this.text.length, length: 0 };
    switch (kind) {
      case 'bold':
        return { entity: this.builder.open({ _: 'messageEntityBold', ...at }) };
      case 'italic':
        return { entity: this.builder.open({ _: 'messageEntityItalic', ...at }) };
      case 'underline':
        return { entity: this.builder.open({ _: 'messageEntityUnderline', ...at }) };
      case 'strike':
        return { entity: this.builder.open({ _: 'messageEntityStrike', ...at }) };
      case 'spoiler':
        if (name === 'span' && attributes.get('class') !== 'tg-spoiler') {
          this.fail(start, '<span> needs class="tg-spoiler" (the only span Telegram knows)');
        }
        return { entity: this.builder.open({ _: 'messageEntitySpoiler', ...at }) };
      case 'code':
        // <pre><code class="language-x"> names the pre's language; the code adds no entity of its own.
        if (this.stack[this.stack.length - 1]?.kind === 'pre') return {};
        return { entity: this.builder.open({ _: 'messageEntityCode', ...at }) };
      case 'pre':
        return { entity: this.builder.open({ _: 'messageEntityPre', ...at, language: '' }) };
      case 'link':
        // Settled when the tag closes: a link without href links its own text.
        return { entity: this.builder.open({ _: 'messageEntityTextUrl', ...at, url: '' }) };
      case 'quote':
        return {
          entity: this.builder.open({
            _: 'messageEntityBlockquote',
            ...(attributes.has('expandable') ? { collapsed: true } : {}),
            ...at,
          }),
        };
      case 'emoji': {
        const raw = attributes.get('emoji-id');
        const documentId = raw === undefined ? undefined : positiveInt64(raw);
        if (documentId === undefined) {
          this.fail(
            start,
            `<tg-emoji> needs emoji-id="N" with N a custom emoji id, got ${JSON.stringify(raw ?? null)}`,
          );
        }
        return {
          entity: this.builder.open({ _: 'messageEntityCustomEmoji', ...at, document_id: documentId }),
        };
      }
    }
  }

  private closeTag(): void {
    const start = this.index;
    this.index += 2;
    const name = this.readName();
    this.skipSpaces();
    if (name === '' || this.input[this.index] !== '>')
      this.fail(start, "malformed end tag: expected '</name>'");
    this.index++;
    const open = this.stack.pop();
    if (!open) this.fail(start, `</${name}> closes nothing`);
    if (open.name !== name) {
      this.fail(start, `</${name}> does not match <${open.name}> opened at position ${open.position}`);
    }
    this.finishTag(open);
  }

  private finishTag(open: OpenTag): void {
    const end = this.text.length;
    if (open.entity) this.builder.close(open.entity, end);
    if (open.kind === 'code' && !open.entity) {
      const language = /^language-(.+)$/.exec(open.attributes.get('class') ?? '')?.[1];
      const pre = this.stack[this.stack.length - 1]!.entity as Api.MessageEntityPre;
      if (language !== undefined) pre.language = language;
    }
    if (open.kind === 'link') {
      const link = open.entity as Api.MessageEntityTextUrl;
      const url = open.attributes.get('href') || this.text.slice(link.offset);
      const userId = userIdOfLink(url);
      if (userId !== undefined) {
        this.builder.replace(link, {
          _: 'messageEntityMentionName',
          offset: link.offset,
          length: link.length,
          user_id: userId,
        });
      } else {
        link.url = url;
      }
    }
  }

  /** A tag or attribute name, lower-cased; empty when none starts here. */
  private readName(): string {
    const match = /[a-zA-Z][a-zA-Z0-9-]*/y;
    match.lastIndex = this.index;
    const found = match.exec(this.input);
    if (!found) return '';
    this.index += found[0].length;
    return found[0].toLowerCase();
  }

  private readAttributes(tag: string): Map<string, string> {
    const attributes = new Map<string, string>();
    for (;;) {
      const hadSpace = this.skipSpaces();
      const here = this.index;
      const char = this.input[here];
      if (char === '>') {
        this.index++;
        return attributes;
      }
      if (char === undefined) this.fail(here, `<${tag}> is not closed by '>'`);
      const name = hadSpace ? this.readName() : '';
      if (name === '') this.fail(here, `unexpected ${describe(char)} in <${tag}>`);
      this.skipSpaces();
      let value = '';
      if (this.input[this.index] === '=') {
        this.index++;
        this.skipSpaces();
        value = this.readAttributeValue(tag, name);
      }
      if (!attributes.has(name)) attributes.set(name, value);
    }
  }

  private readAttributeValue(tag: string, name: string): string {
    const start = this.index;
    const quote = this.input[start];
    if (quote === '"' || quote === "'") {
      const end = this.input.indexOf(quote, start + 1);
      if (end === -1) this.fail(start, `attribute ${name} of <${tag}> has no closing ${quote}`);
      this.index = end + 1;
      return this.decode(start + 1, end);
    }
    const unquoted = /[^\s"'<>=`]+/y;
    unquoted.lastIndex = start;
    const found = unquoted.exec(this.input);
    if (!found) this.fail(start, `attribute ${name} of <${tag}> has no value after '='`);
    this.index += found[0].length;
    return this.decode(start, this.index);
  }

  /** Skips whitespace; true when there was some. */
  private skipSpaces(): boolean {
    const start = this.index;
    while (/\s/.test(this.input[this.index] ?? '')) this.index++;
    return this.index > start;
  }

  private fail(position: number, problem: string): never {
    throw new FormatError('HTML', position, problem);
  }
}

function describe(char: string): string {
  return char === '<' ? "'<'" : JSON.stringify(char);
}
