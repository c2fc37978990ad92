/**
 * The data dir's state file cannot be used: unreadable, not JSON, or not a snapshot of a version this
 * emulator knows. The DC refuses to start rather than start empty and overwrite what was there.
 */
const MARKER = Symbol.for('mtbot-local-dc.LocalDcDataError');

export class LocalDcDataError extends Error {
  readonly [MARKER] = true;

  constructor(
    /** The file that could not be loaded. */
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `local DC data file ${path} cannot be loaded: ${reason}. ` +
        'Fix or move the file away (the DC does not start empty over it).',
      options,
    );
    this.name = 'LocalDcDataError';
  }

  /** Like `instanceof`, also across duplicate installs of the package. */
  static isInstance(value: unknown): value is LocalDcDataError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }
}
