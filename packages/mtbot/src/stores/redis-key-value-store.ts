import { ReplyError, type Redis } from 'ioredis';
import { ConfigError } from 'telegram-mtproto-core';
import type { KeyValueStore } from './key-value-store';
import { describeRedisError, RedisConnection, type RedisConnectionOptions } from './redis-connection';
import { StoreError } from './store-error';

/** Options of {@link RedisKeyValueStore}: give either a connected `client` or a `url`. */
export interface RedisKeyValueStoreOptions extends RedisConnectionOptions {
  /** Put in front of every key, so several bots or purposes share one Redis (default `mtbot:`). */
  readonly keyPrefix?: string;
  /** Keys expire this long after their last write (default: never). */
  readonly ttlMs?: number;
}

/**
 * A {@link KeyValueStore} in Redis (`GET`, `SET`, `DEL`, one key each), so several processes see the
 * same sessions, conversations and broadcast progress. A store made from a `url` connects on first use
 * and fails fast with a {@link StoreError} (`connection`) instead of queueing calls while Redis is down;
 * the error names the URL with its password redacted.
 *
 * @example
 * ```ts
 * const store = new RedisKeyValueStore({ url: process.env.REDIS_URL!, keyPrefix: 'mybot:', ttlMs: 86_400_000 });
 * const sessions = new JsonSessionStore<MySession>(store);
 * ```
 */
export class RedisKeyValueStore implements KeyValueStore {
  readonly keyPrefix: string;
  private readonly connection: RedisConnection;
  private readonly client: Redis;
  private readonly ttlMs: number | undefined;

  constructor(options: RedisKeyValueStoreOptions) {
    if (options.ttlMs !== undefined && !(Number.isSafeInteger(options.ttlMs) && options.ttlMs > 0)) {
      throw new ConfigError(`RedisKeyValueStore ttlMs must be a positive whole number, got ${options.ttlMs}`);
    }
    this.connection = new RedisConnection(options, 'RedisKeyValueStore');
    this.client = this.connection.client;
    this.keyPrefix = options.keyPrefix ?? 'mtbot:';
    this.ttlMs = options.ttlMs;
  }

  async get(key: string): Promise<string | undefined> {
    const value = await this.call('GET', key, () => this.client.get(this.keyPrefix + key));
    return value ?? undefined;
  }

  async set(key: string, value: string): Promise<void> {
    const fullKey = this.keyPrefix + key;
    await this.call('SET', key, () =>
      this.ttlMs === undefined
        ? this.client.set(fullKey, value)
        : this.client.set(fullKey, value, 'PX', this.ttlMs),
    );
  }

  async delete(key: string): Promise<void> {
    await this.call('DEL', key, () => this.client.del(this.keyPrefix + key));
  }

  /** Closes a client the store made from a URL; a client passed in stays open for its owner. */
  close(): Promise<void> {
    return this.connection.close();
  }

  private async call<T>(command: string, key: string, run: () => Promise<T>): Promise<T> {
    const where = this.connection.where;
    try {
      await this.connection.connect();
    } catch (error) {
      throw new StoreError(
        'connection',
        `cannot connect to Redis at ${where}: ${describeRedisError(error)}`,
        {
          cause: error,
        },
      );
    }
    try {
      return await run();
    } catch (error) {
      // Only an error reply comes from the server itself; anything else is the connection failing.
      const reason = error instanceof ReplyError ? 'command' : 'connection';
      throw new StoreError(
        reason,
        `Redis ${command} of key "${key}" at ${where} failed: ${describeRedisError(error)}`,
        { cause: error },
      );
    }
  }
}
