import { MtbotError, hasErrorMarker } from './mtbot-error';

const MARKER = Symbol.for('mtbot.error.ConfigError');

/** Wrong or missing configuration, found before anything touches the network. */
export class ConfigError extends MtbotError {
  readonly [MARKER] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
  }

  static override isInstance(value: unknown): value is ConfigError {
    return hasErrorMarker(value, MARKER);
  }
}
