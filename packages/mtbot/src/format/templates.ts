import { escapeHtml, escapeMarkdown } from './escape';
import { FormatError } from './format-error';
import type { FormattedText } from './formatted-text';
import { parseHtml } from './html';
import { parseMarkdown } from './markdown';
import { toHtml } from './to-html';

/**
 * A tagged template of Telegram HTML: the literal parts are markup, each interpolated value is text
 * (escaped), and an interpolated {@link FormattedText} keeps its own formatting.
 *
 * @throws {FormatError} when the literal parts are not valid HTML.
 * @example
 * ```ts
 * const name = '<Tom & Jerry>';
 * await bot.sendMessage(chatId, html`Hello, <b>${name}</b>!`);
 * // text 'Hello, <Tom & Jerry>!', bold on the name
 * ```
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): FormattedText {
  return parseHtml(
    interleave(strings, values, (value) =>
      isFormattedText(value) ? toHtml(value) : escapeHtml(String(value)),
    ),
  );
}

/**
 * A tagged template of MarkdownV2: the literal parts are markup, each interpolated value is text
 * (escaped, so `.`, `!`, `-` in a value need nothing); a {@link FormattedText} value is refused, as
 * MarkdownV2 cannot express every entity layout (use {@link html} for those). The literal parts follow JavaScript's rules
 * first: write `\\!` in the template for MarkdownV2's `\!`.
 *
 * @throws {FormatError} when the literal parts are not valid MarkdownV2 or a value is a FormattedText.
 * @example
 * ```ts
 * const price = '9.99';
 * await bot.sendMessage(chatId, md`*Total:* ${price} EUR\\!`);
 * ```
 */
export function md(strings: TemplateStringsArray, ...values: unknown[]): FormattedText {
  return parseMarkdown(
    interleave(strings, values, (value, position) => {
      // MarkdownV2 cannot say everything entities can (quotations inside a line, nesting in code):
      // rather than drop formatting silently, refuse it.
      if (isFormattedText(value)) {
        throw new FormatError(
          'MarkdownV2',
          position,
          'a FormattedText cannot be put into md``: use html`` for it',
        );
      }
      return escapeMarkdown(String(value));
    }),
  );
}

function interleave(
  strings: TemplateStringsArray,
  values: unknown[],
  write: (value: unknown, position: number) => string,
): string {
  // A literal part with an escape JavaScript cannot cook (e.g. '\u') is taken raw.
  let source = strings[0] ?? strings.raw[0]!;
  values.forEach((value, index) => {
    source += write(value, source.length) + (strings[index + 1] ?? strings.raw[index + 1]!);
  });
  return source;
}

function isFormattedText(value: unknown): value is FormattedText {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FormattedText).text === 'string' &&
    Array.isArray((value as FormattedText).entities)
  );
}
