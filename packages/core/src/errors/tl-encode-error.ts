import { MtbotError, hasErrorMarker } from './mtbot-error';

const MARKER = Symbol.for('mtbot.error.TlEncodeError');

/**
 * A value that cannot be written as TL: an unknown constructor name, an `int` outside 32 bits, a `long`
 * outside 64 bits, an `int128` of the wrong length, a string longer than TL's 16 MiB length prefix,
 * a required field missing. Names the constructor being encoded, when known.
 */
export class TlEncodeError extends MtbotError {
  readonly [MARKER] = true;

  constructor(
    message: string,
    /** Name of the constructor or method being encoded, when known. */
    readonly constructorName?: string,
    options?: { cause?: unknown },
  ) {
    super(`TL encode failed${constructorName ? ` in ${constructorName}` : ''}: ${message}`, options);
    this.name = 'TlEncodeError';
  }

  static override isInstance(value: unknown): value is TlEncodeError {
    return hasErrorMarker(value, MARKER);
  }
}
