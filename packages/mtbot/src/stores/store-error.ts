import { hasErrorMarker, MtbotError } from 'telegram-mtproto-core';

const MARKER = Symbol.for('mtbot.error.StoreError');

/**
 * Why a store call failed. `connection`: the store's server cannot be reached (down, refused, wrong
 * password); `command`: the server answered the call with an error; `unserializable`: the value cannot be
 * written as JSON (a function, a Map, a cycle, ...); `corrupt`: what is stored is not what mtbot wrote.
 */
export type StoreErrorReason = 'connection' | 'command' | 'unserializable' | 'corrupt';

/**
 * A key-value or session store failed. Messages name the store and the key but never the stored value,
 * and a Redis URL appears with its password replaced by `***`.
 *
 * @example
 * ```ts
 * try { await store.get('chat:1') } catch (error) {
 *   if (StoreError.isInstance(error) && error.reason === 'connection') console.error(error.message)
 * }
 * ```
 */
export class StoreError extends MtbotError {
  readonly [MARKER] = true;

  constructor(
    readonly reason: StoreErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }

  /** True for a StoreError from this copy of mtbot or another one. */
  static override isInstance(value: unknown): value is StoreError {
    return hasErrorMarker(value, MARKER);
  }
}
