import { MtbotError, hasErrorMarker } from './mtbot-error';

const MARKER = Symbol.for('mtbot.error.TlSchemaError');

/**
 * A TL schema text that cannot be used: a syntax error, an unknown section, a flag that points at no
 * `#` field, or a constructor id that is not the CRC32 of its line. Names the 1-based line number and
 * the line's text, so a bad schema refresh is easy to find.
 */
export class TlSchemaError extends MtbotError {
  readonly [MARKER] = true;

  constructor(
    message: string,
    /** 1-based line number in the schema text. */
    readonly line: number,
    /** The offending line as written. */
    readonly lineText: string,
    options?: { cause?: unknown },
  ) {
    super(`TL schema line ${line}: ${message}: ${lineText}`, options);
    this.name = 'TlSchemaError';
  }

  static override isInstance(value: unknown): value is TlSchemaError {
    return hasErrorMarker(value, MARKER);
  }
}
