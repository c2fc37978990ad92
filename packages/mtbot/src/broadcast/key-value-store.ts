/**
 * A small asynchronous string store: where a broadcast keeps its progress so a restarted process can
 * resume it. {@link MemoryKeyValueStore} and {@link FileKeyValueStore} ship with mtbot; a Redis store
 * implements the same three calls with `GET`, `SET` and `DEL` (one key each), which is what several
 * processes sharing one broadcast would use.
 *
 * `set` must be durable when its promise resolves: the broadcast relies on it to never send twice.
 */
export interface KeyValueStore {
  /** The value of `key`, or undefined when there is none. */
  get(key: string): Promise<string | undefined>;
  /** Stores `value` under `key`, replacing any value. */
  set(key: string, value: string): Promise<void>;
  /** Removes `key` (nothing happens when it is absent). */
  delete(key: string): Promise<void>;
}
