import { MtbotError, hasErrorMarker } from './mtbot-error';

const MARKER = Symbol.for('mtbot.error.StorageError');

/**
 * Why session storage failed. `corrupt`: the stored data is not what this version wrote (bad JSON, a
 * value of the wrong shape); `unsupported-version`: written by a newer format; `io`: the file system
 * refused (permissions, disk full); `locked`: another process (or another storage in this one) has the
 * session open.
 */
export type StorageErrorReason = 'corrupt' | 'unsupported-version' | 'io' | 'locked';

/**
 * Session storage cannot be read or written. A corrupt file is reported, never replaced silently:
 * starting over would throw away the auth key and the update state the bot depends on. Messages name
 * the file and the entry but never include stored values (they hold auth keys).
 *
 * @example
 * ```ts
 * try { await FileStorage.open('bot.session.json') } catch (error) {
 *   if (StorageError.isInstance(error) && error.reason === 'corrupt') console.error(error.message)
 * }
 * ```
 */
export class StorageError extends MtbotError {
  readonly [MARKER] = true;

  constructor(
    readonly reason: StorageErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }

  static override isInstance(value: unknown): value is StorageError {
    return hasErrorMarker(value, MARKER);
  }
}
