import type { Api } from 'telegram-mtproto-core';
import { EntityBuilder } from './entity-builder';
import { FormatError } from './format-error';
import type { FormattedText } from './formatted-text';
import { emojiIdOfLink, userIdOfLink } from './telegram-links';

/*
 * The Bot API's MarkdownV2 (core.telegram.org/bots/api#markdownv2-style). Choices where the page is
 * silent, following what Telegram does:
 * - only the innermost open entity can be closed; a marker of an entity that is open further out is
 *   an error (so `*a _b* c_` fails), and `__` is always underline, read greedily from the left;
 * - ```lang\n...```: the first line names the language when it is one word ending with a line break;
 *   that line break is dropped, everything else inside is kept;
 * - '>' at the start of a line opens or continues a block quotation, '**>' opens an expandable one,
 *   and '||' at the end of a quotation line marks it expandable; the line break after the last quoted
 *   line is outside the quotation;
 * - the text is not trimmed: Telegram trims the message itself and moves the entities with it.
 */

type Kind =
  'bold' | 'italic' | 'underline' | 'strike' | 'spoiler' | 'code' | 'pre' | 'link' | 'emoji' | 'quote';

interface OpenMarker {
  readonly kind: Kind;
  /** Where its marker is in the input. */
  readonly position: number;
  readonly entity: Api.TypeMessageEntity;
}

const NAMES: Readonly<Record<Kind, string>> = {
  bold: 'bold (*)',
  italic: 'italic (_)',
  underline: 'underline (__)',
  strike: 'strikethrough (~)',
  spoiler: 'spoiler (||)',
  code: 'code (`)',
  pre: 'pre (```)',
  link: 'link ([)',
  emoji: 'custom emoji (![)',
  quote: 'block quotation (>)',
};

/** Characters that are markup outside code: everywhere else they must be escaped with '\'. */
const RESERVED = /[_*[\]()~`>#+\-=|{}.!\\\n]/g;

/**
 * Parses the Bot API's MarkdownV2 into text and entities (offsets in UTF-16 code units).
 *
 * Markup: `*bold*`, `_italic_`, `__underline__`, `~strike~`, `||spoiler||`, `` `code` ``,
 * ```` ```lang\npre``` ````, `[text](url)` (`tg://user?id=N` mentions that user), `![👍](tg://emoji?id=N)`,
 * `>` quotation lines and `**>` expandable ones; `\` escapes any ASCII character.
 *
 * @throws {FormatError} on an unescaped reserved character, an unclosed or crossed marker or a bad
 *   link, naming its position.
 * @example
 * ```ts
 * parseMarkdown('*bold _both_*\\!');
 * // { text: 'bold both!', entities: [bold 0..9, italic 5..9] }
 * ```
 */
export function parseMarkdown(markdown: string): FormattedText {
  return new MarkdownParser(markdown).parse();
}

class MarkdownParser {
  private text = '';
  private index = 0;
  private readonly stack: OpenMarker[] = [];
  private readonly builder = new EntityBuilder();

  constructor(private readonly input: string) {}

  parse(): FormattedText {
    this.startLine();
    while (this.index < this.input.length) {
      const top = this.stack[this.stack.length - 1];
      if (top?.kind === 'code' || top?.kind === 'pre') this.readCode(top);
      else this.readMarkup();
    }
    const quote = this.stack[this.stack.length - 1];
    if (quote?.kind === 'quote') this.closeQuote();
    const unclosed = this.stack[this.stack.length - 1];
    if (unclosed) this.fail(unclosed.position, `unclosed ${NAMES[unclosed.kind]}`);
    return { text: this.text, entities: this.builder.finish() };
  }

  private readMarkup(): void {
    const input = this.input;
    RESERVED.lastIndex = this.index;
    const found = RESERVED.exec(input);
    const next = found ? found.index : input.length;
    this.text += input.slice(this.index, next);
    this.index = next;
    if (!found) return;
    const char = found[0];
    const after = input[next + 1];
    switch (char) {
      case '\\':
        this.readEscape();
        return;
      case '\n':
        this.readLineBreak();
        return;
      case '*':
        this.toggle('bold', 1);
        return;
      case '_':
        if (this.top()?.kind === 'italic' && after !== '_') this.toggle('italic', 1);
        else if (after === '_') this.toggle('underline', 2);
        else this.toggle('italic', 1);
        return;
      case '~':
        this.toggle('strike', 1);
        return;
      case '|':
        if (after !== '|') break;
        if (this.top()?.kind !== 'spoiler' && this.isExpandabilityMark()) return;
        this.toggle('spoiler', 2);
        return;
      case '`':
        if (after === '`' && input[next + 2] === '`') this.openPre();
        else this.toggle('code', 1);
        return;
      case '[':
        this.open('link', 1, { _: 'messageEntityTextUrl', url: '' });
        return;
      case '!':
        if (after !== '[') break;
        this.open('emoji', 2, { _: 'messageEntityCustomEmoji', document_id: 0n });
        return;
      case ']': {
        const top = this.top();
        if (top?.kind === 'link' || top?.kind === 'emoji') {
          this.closeLink(top);
          return;
        }
        if (this.stack.some((open) => open.kind === 'link' || open.kind === 'emoji')) {
          this.crossed(
            ']',
            this.stack.find((open) => open.kind === 'link' || open.kind === 'emoji')!,
          );
        }
        break;
      }
    }
    this.fail(next, `character '${char}' is reserved: escape it as '\\${char}'`);
  }

  private readEscape(): void {
    const escaped = this.input.charCodeAt(this.index + 1);
    // Any ASCII character can be escaped; a '\' before anything else is itself.
    if (escaped >= 1 && escaped <= 126) {
      this.text += this.input[this.index + 1];
      this.index += 2;
    } else {
      this.text += '\\';
      this.index++;
    }
  }

  /** A line break: it may end a block quotation, and the next line may start one. */
  private readLineBreak(): void {
    this.index++;
    const quote = this.stack.some((open) => open.kind === 'quote');
    const continues = this.input[this.index] === '>';
    if (quote && !continues) this.closeQuote();
    this.text += '\n';
    if (quote && continues) this.index++;
    else this.startLine();
  }

  /** At a line start outside a quotation: '>' or '**>' opens one. */
  private startLine(): void {
    if (this.input.startsWith('**>', this.index)) {
      this.open('quote', 3, { _: 'messageEntityBlockquote', collapsed: true });
    } else if (this.input[this.index] === '>') {
      this.open('quote', 1, { _: 'messageEntityBlockquote' });
    }
  }

  /** Ends the quotation, which must be the innermost open entity: nothing may cross its end. */
  private closeQuote(): void {
    const quote = this.stack.pop()!;
    if (quote.kind !== 'quote') this.fail(quote.position, `unclosed ${NAMES[quote.kind]}`);
    this.builder.close(quote.entity, this.text.length);
  }

  /** '||' ending a quoted line marks the quotation expandable (when no spoiler is open to close). */
  private isExpandabilityMark(): boolean {
    const after = this.input[this.index + 2];
    const quote = this.stack.find((open) => open.kind === 'quote');
    if (!quote || (after !== undefined && after !== '\n')) return false;
    (quote.entity as Api.MessageEntityBlockquote).collapsed = true;
    this.index += 2;
    return true;
  }

  private openPre(): void {
    const start = this.index;
    this.index += 3;
    const line = /([^\s`]+)\n/y;
    line.lastIndex = this.index;
    const language = line.exec(this.input);
    if (language) this.index += language[0].length;
    else if (this.input[this.index] === '\n') this.index++;
    this.stack.push({
      kind: 'pre',
      position: start,
      entity: this.builder.open({
        _: 'messageEntityPre',
        offset: this.text.length,
        length: 0,
        language: language?.[1] ?? '',
      }),
    });
  }

  /** Inside code or pre only '`' and '\' are markup. */
  private readCode(open: OpenMarker): void {
    const input = this.input;
    let index = this.index;
    while (index < input.length && input[index] !== '`' && input[index] !== '\\') index++;
    this.text += input.slice(this.index, index);
    this.index = index;
    if (index >= input.length) return;
    if (input[index] === '\\') {
      this.readEscape();
      return;
    }
    if (open.kind === 'code') {
      this.toggle('code', 1);
    } else if (input.startsWith('```', index)) {
      this.stack.pop();
      this.builder.close(open.entity, this.text.length);
      this.index += 3;
    } else {
      this.fail(index, "'`' inside a pre block must be escaped as '\\`'");
    }
  }

  private closeLink(open: OpenMarker): void {
    const bracket = this.index;
    if (this.input[bracket + 1] !== '(') this.fail(bracket, "expected '(' and the URL after ']'");
    let url = '';
    let index = bracket + 2;
    for (;;) {
      const char = this.input[index];
      if (char === undefined) this.fail(bracket + 1, "unclosed '(': the URL has no ')'");
      if (char === ')') break;
      const code = this.input.charCodeAt(index + 1);
      if (char === '\\' && code >= 1 && code <= 126) {
        url += this.input[index + 1];
        index += 2;
      } else {
        url += char;
        index++;
      }
    }
    this.index = index + 1;
    this.stack.pop();
    const entity = open.entity;
    this.builder.close(entity, this.text.length);
    if (open.kind === 'emoji') {
      const documentId = emojiIdOfLink(url);
      if (documentId === undefined)
        this.fail(bracket + 2, `a custom emoji needs tg://emoji?id=N, got ${JSON.stringify(url)}`);
      (entity as Api.MessageEntityCustomEmoji).document_id = documentId;
      return;
    }
    if (url === '') this.fail(bracket + 2, 'empty URL');
    const userId = userIdOfLink(url);
    if (userId === undefined) (entity as Api.MessageEntityTextUrl).url = url;
    else
      this.builder.replace(entity, {
        _: 'messageEntityMentionName',
        offset: entity.offset,
        length: entity.length,
        user_id: userId,
      });
  }

  /** Closes `kind` when it is the innermost open entity, opens it when it is not open at all. */
  private toggle(kind: 'bold' | 'italic' | 'underline' | 'strike' | 'spoiler' | 'code', width: number): void {
    const top = this.top();
    if (top?.kind === kind) {
      this.stack.pop();
      this.builder.close(top.entity, this.text.length);
      this.index += width;
      return;
    }
    const outer = this.stack.find((open) => open.kind === kind);
    if (outer) this.crossed(this.input.slice(this.index, this.index + width), outer);
    this.open(kind, width, { _: ENTITY_OF[kind] });
  }

  private open(kind: Kind, width: number, fields: Omit<Api.TypeMessageEntity, 'offset' | 'length'>): void {
    const entity = this.builder.open({
      ...fields,
      offset: this.text.length,
      length: 0,
    } as Api.TypeMessageEntity);
    this.stack.push({ kind, position: this.index, entity });
    this.index += width;
  }

  /** `marker` would close `outer`, but something opened inside it is still open. */
  private crossed(marker: string, outer: OpenMarker): never {
    const inner = this.top()!;
    return this.fail(
      this.index,
      `'${marker}' would close ${NAMES[outer.kind]} opened at position ${outer.position}, ` +
        `but ${NAMES[inner.kind]} opened at position ${inner.position} is still open`,
    );
  }

  private top(): OpenMarker | undefined {
    return this.stack[this.stack.length - 1];
  }

  private fail(position: number, problem: string): never {
    throw new FormatError('MarkdownV2', position, problem);
  }
}

const ENTITY_OF = {
  bold: 'messageEntityBold',
  italic: 'messageEntityItalic',
  underline: 'messageEntityUnderline',
  strike: 'messageEntityStrike',
  spoiler: 'messageEntitySpoiler',
  code: 'messageEntityCode',
} as const;
