import type { Api } from 'telegram-mtproto-core';
import { EntityBuilder } from './entity-builder';
import { FormatError } from './format-error';
import type { FormattedText } from './formatted-text';
import { emojiIdOfLink, userIdOfLink } from './telegram-links';

/*
 * The Bot API's MarkdownV2 (core.telegram.org/bots/api#markdownv2-style), read the way Telegram reads
 * it where the page is silent:
 * - only the innermost open entity can be closed; a marker of an entity that is open further out is
 *   an error (so `*a _b* c_` fails), and `__` is always underline, read greedily from the left;
 * - ```lang: the word right after ``` is the language when a space or line break follows it; one line
 *   break after the opening is dropped, everything else inside is kept;
 * - [text] with no (url) links its own text;
 * - '>' where a line starts (only markers before it on that line) opens a block quotation, or
 *   continues the open one; the line break ending the quotation belongs to it; '||' at the very end of
 *   the quotation makes it expandable; `**>` is an empty bold and a '>', which starts a new quotation
 *   right after another one;
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
 * `>` quotation lines (`||` ending the last one makes the quotation expandable; `**>` starts a new
 * quotation right after another); `\` escapes any ASCII character.
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
  /** True while only markers stand between the last line start and here: a '>' may start a quotation. */
  private atLineStart = true;

  constructor(private readonly input: string) {}

  parse(): FormattedText {
    while (this.index < this.input.length) {
      const top = this.stack[this.stack.length - 1];
      if (top?.kind === 'code' || top?.kind === 'pre') this.readCode(top);
      else this.readMarkup();
    }
    if (this.stack.some((open) => open.kind === 'quote')) this.endQuote();
    const unclosed = this.stack[this.stack.length - 1];
    if (unclosed) this.fail(unclosed.position, `unclosed ${NAMES[unclosed.kind]}`);
    return { text: this.text, entities: this.builder.finish() };
  }

  private readMarkup(): void {
    const input = this.input;
    RESERVED.lastIndex = this.index;
    const found = RESERVED.exec(input);
    const next = found ? found.index : input.length;
    this.appendPlain(input.slice(this.index, next));
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
        this.toggle('spoiler', 2);
        return;
      case '`':
        if (after === '`' && input[next + 2] === '`') this.openPre();
        else this.toggle('code', 1);
        return;
      case '[':
        this.open('link', 1, { _: 'messageEntityTextUrl', offset: this.text.length, length: 0, url: '' });
        return;
      case '>':
        if (!this.atLineStart) break;
        if (this.stack.some((open) => open.kind === 'quote')) this.index++;
        else this.open('quote', 1, { _: 'messageEntityBlockquote', offset: this.text.length, length: 0 });
        return;
      case '!':
        if (after !== '[') break;
        this.open('emoji', 2, {
          _: 'messageEntityCustomEmoji',
          offset: this.text.length,
          length: 0,
          document_id: 0n,
        });
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

  /** Plain text: after anything but a carriage return, a '>' on this line is text again. */
  private appendPlain(text: string): void {
    this.text += text;
    if (/[^\r]/.test(text)) this.atLineStart = false;
  }

  private readEscape(): void {
    const escaped = this.input.charCodeAt(this.index + 1);
    // Any ASCII character can be escaped; a '\' before anything else is itself.
    if (escaped >= 1 && escaped <= 126) {
      this.text += this.input[this.index + 1];
      this.atLineStart = escaped === 0x0a;
      this.index += 2;
    } else {
      this.appendPlain('\\');
      this.index++;
    }
  }

  /** A line break: it ends an open quotation unless the next line goes on with '>'. */
  private readLineBreak(): void {
    this.index++;
    this.text += '\n';
    if (this.input[this.index] !== '>' && this.stack.some((open) => open.kind === 'quote')) this.endQuote(1);
    this.atLineStart = true;
  }

  /**
   * Ends the quotation, which must then be the innermost open entity: nothing may cross its end. A
   * spoiler opened just before the end (`||` ending the last line, `trailing` characters before here)
   * is the mark of an expandable quotation instead.
   */
  private endQuote(trailing = 0): void {
    const top = this.top()!;
    if (top.kind === 'spoiler' && top.position === this.index - trailing - 2) {
      this.stack.pop();
      (this.top()!.entity as Api.MessageEntityBlockquote).collapsed = true;
    }
    const quote = this.stack.pop()!;
    if (quote.kind !== 'quote') this.fail(quote.position, `unclosed ${NAMES[quote.kind]}`);
    this.builder.close(quote.entity, this.text.length);
  }

  private openPre(): void {
    const start = this.index;
    this.index += 3;
    const word = /[^\s`]*/y;
    word.lastIndex = this.index;
    const found = word.exec(this.input)![0];
    const after = this.input[this.index + found.length];
    const language = after !== undefined && after !== '`' ? found : '';
    this.index += language.length;
    const lineBreak = /\r\n|\n\r|\n|\r/y;
    lineBreak.lastIndex = this.index;
    this.index += lineBreak.exec(this.input)?.[0].length ?? 0;
    this.stack.push({
      kind: 'pre',
      position: start,
      entity: this.builder.open({ _: 'messageEntityPre', offset: this.text.length, length: 0, language }),
    });
  }

  /** Inside code or pre only '`' and '\' are markup. */
  private readCode(open: OpenMarker): void {
    const input = this.input;
    let index = this.index;
    while (index < input.length && input[index] !== '`' && input[index] !== '\\') index++;
    this.appendPlain(input.slice(this.index, index));
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
    if (this.input[bracket + 1] !== '(') {
      if (open.kind === 'emoji') this.fail(bracket, "expected '(' and tg://emoji?id=N after ']'");
      this.finishLink(open, this.text.slice(open.entity.offset));
      this.index++;
      return;
    }
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
    if (open.kind === 'emoji') {
      const documentId = emojiIdOfLink(url);
      if (documentId === undefined) {
        this.fail(bracket + 2, `a custom emoji needs tg://emoji?id=N, got ${JSON.stringify(url)}`);
      }
      (open.entity as Api.MessageEntityCustomEmoji).document_id = documentId;
    } else if (url === '') {
      this.fail(bracket + 2, 'empty URL');
    }
    this.finishLink(open, url);
  }

  /** Closes the innermost link or custom emoji; a link to tg://user?id=N becomes a mention. */
  private finishLink(open: OpenMarker, url: string): void {
    this.stack.pop();
    const entity = open.entity;
    this.builder.close(entity, this.text.length);
    if (open.kind === 'emoji') return;
    const userId = userIdOfLink(url);
    if (userId === undefined) {
      (entity as Api.MessageEntityTextUrl).url = url;
    } else {
      const { offset, length } = entity;
      this.builder.replace(entity, { _: 'messageEntityMentionName', offset, length, user_id: userId });
    }
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
    this.open(kind, width, { _: ENTITY_OF[kind], offset: this.text.length, length: 0 });
  }

  /** Pushes `entity` (starting at the current text length) for the marker of `width` characters here. */
  private open(kind: Kind, width: number, entity: Api.TypeMessageEntity): void {
    this.stack.push({ kind, position: this.index, entity: this.builder.open(entity) });
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
