import { MtbotError, hasErrorMarker } from './mtbot-error';

const MARKER = Symbol.for('mtbot.error.AuthKeyError');

/**
 * The auth key exchange ended without a key although every check passed: the server answered
 * server_DH_params_fail or dh_gen_fail with a correct hash, or asked for more retries than allowed.
 * Starting a new exchange (on a new connection) is the remedy. A check that failed is a
 * {@link SecurityError} instead.
 */
export class AuthKeyError extends MtbotError {
  readonly [MARKER] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuthKeyError';
  }

  static override isInstance(value: unknown): value is AuthKeyError {
    return hasErrorMarker(value, MARKER);
  }
}
