import { MtbotError, hasErrorMarker } from './mtbot-error';

const MARKER = Symbol.for('mtbot.error.TlDecodeError');

/**
 * Bytes that are not a valid TL value: truncated input, an unknown constructor id, a length past the
 * end, a gzip body that inflates past its cap. Names the offset where decoding stopped and, when known,
 * the constructor being decoded.
 */
export class TlDecodeError extends MtbotError {
  readonly [MARKER] = true;

  constructor(
    message: string,
    /** Byte offset in the input where the problem was found. */
    readonly offset: number,
    /** Name of the constructor being decoded, when known. */
    readonly constructorName?: string,
    options?: { cause?: unknown },
  ) {
    super(
      `TL decode failed at offset ${offset}${constructorName ? ` in ${constructorName}` : ''}: ${message}`,
      options,
    );
    this.name = 'TlDecodeError';
  }

  static override isInstance(value: unknown): value is TlDecodeError {
    return hasErrorMarker(value, MARKER);
  }
}
