import type { SessionStore } from '../framework';
import { decodeJson, encodeJson } from './json-codec';
import type { KeyValueStore } from './key-value-store';

/** Options of {@link JsonSessionStore}. */
export interface JsonSessionStoreOptions {
  /** Put in front of each session key in the key-value store (default `session:`). */
  readonly prefix?: string;
}

/**
 * Keeps sessions (or conversation state) in any {@link KeyValueStore} as JSON: in memory, in files that
 * survive a restart, or in Redis shared by several processes. Bigints (Telegram ids) round-trip; a value
 * JSON cannot hold faithfully (a function, a Map, a Date, a cycle) is refused with a `StoreError`
 * (`unserializable`) rather than stored half.
 *
 * @example
 * ```ts
 * const store = new JsonSessionStore<{ visits: number }>(new FileKeyValueStore('./data/sessions'));
 * router.use(sessionMiddleware({ store, initial: () => ({ visits: 0 }) }));
 * ```
 */
export class JsonSessionStore<T = unknown> implements SessionStore<T> {
  private readonly prefix: string;

  constructor(
    private readonly store: KeyValueStore,
    options: JsonSessionStoreOptions = {},
  ) {
    this.prefix = options.prefix ?? 'session:';
  }

  async get(key: string): Promise<T | undefined> {
    const text = await this.store.get(this.prefix + key);
    return text === undefined ? undefined : (decodeJson(text, `session "${key}"`) as T);
  }

  async set(key: string, value: T): Promise<void> {
    await this.store.set(this.prefix + key, encodeJson(value, `session "${key}"`));
  }

  async delete(key: string): Promise<void> {
    await this.store.delete(this.prefix + key);
  }
}
