import { hasErrorMarker, MtbotError } from 'telegram-mtproto-core';

const MARKER = Symbol.for('mtbot.error.FormatError');

/** Which formatting syntax a {@link FormatError} was found in. */
export type FormatSyntax = 'HTML' | 'MarkdownV2';

/**
 * Formatted input (HTML or MarkdownV2) that Telegram would refuse: an unclosed or mismatched tag, an
 * unknown tag, a bad attribute or entity, an unescaped reserved character. `position` is the index in
 * the input (UTF-16 code units, as JavaScript counts) where the problem is.
 *
 * @example
 * ```ts
 * try { parseHtml('<b>bold') } catch (error) {
 *   if (FormatError.isInstance(error)) console.log(error.position, error.problem);
 *   // 0 'unclosed <b>'
 * }
 * ```
 */
export class FormatError extends MtbotError {
  readonly [MARKER] = true;

  constructor(
    /** The syntax being parsed. */
    readonly syntax: FormatSyntax,
    /** Index in the input where the problem is, in UTF-16 code units. */
    readonly position: number,
    /** What is wrong, without the position. */
    readonly problem: string,
  ) {
    super(`cannot parse ${syntax} at position ${position}: ${problem}`);
    this.name = 'FormatError';
  }

  static override isInstance(value: unknown): value is FormatError {
    return hasErrorMarker(value, MARKER);
  }
}
