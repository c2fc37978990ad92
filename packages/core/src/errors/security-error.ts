import { MtbotError, hasErrorMarker } from './mtbot-error';

const MARKER = Symbol.for('mtbot.error.SecurityError');

/**
 * A check that protects the connection failed: a bad msg_key, a nonce that does not match, a DH value
 * out of range, an unknown server key. The data that failed it is discarded, never used.
 */
export class SecurityError extends MtbotError {
  readonly [MARKER] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SecurityError';
  }

  static override isInstance(value: unknown): value is SecurityError {
    return hasErrorMarker(value, MARKER);
  }
}
