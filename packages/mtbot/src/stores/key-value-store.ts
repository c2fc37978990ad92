/**
 * A small asynchronous string store: where a broadcast keeps its progress so a restarted process can
 * resume it, and (through {@link JsonSessionStore}) where sessions and conversations live.
 * {@link MemoryKeyValueStore}, {@link FileKeyValueStore} and {@link RedisKeyValueStore} ship with mtbot;
 * the Redis one is what several processes sharing the same data use.
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
