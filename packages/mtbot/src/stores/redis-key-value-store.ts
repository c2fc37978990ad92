import { Redis, ReplyError } from 'ioredis';
import { ConfigError } from 'telegram-mtproto-core';
import type { KeyValueStore } from './key-value-store';
import { redactUrl } from './redact-url';
import { StoreError } from './store-error';

/** Options of {@link RedisKeyValueStore}: give either a connected `client` or a `url`. */
export interface RedisKeyValueStoreOptions {
  /** An ioredis client to use; the caller owns it, so {@link RedisKeyValueStore.close} leaves it open. */
  readonly client?: Redis;
  /** `redis://[:password@]host[:port][/db]` (or `rediss://` for TLS); the store makes and owns its client. */
  readonly url?: string;
  /** Put in front of every key, so several bots or purposes share one Redis (default `mtbot:`). */
  readonly keyPrefix?: string;
  /** Keys expire this long after their last write (default: never). */
  readonly ttlMs?: number;
  /** How long to wait for a connection from `url` before failing (default 5000 ms). */
  readonly connectTimeoutMs?: number;
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
  private readonly client: Redis;
  private readonly owned: boolean;
  private readonly where: string;
  private readonly ttlMs: number | undefined;
  private connecting: Promise<void> | undefined;
  private lastConnectionError: unknown;

  constructor(options: RedisKeyValueStoreOptions) {
    if ((options.client === undefined) === (options.url === undefined)) {
      throw new ConfigError('RedisKeyValueStore needs exactly one of `client` or `url`');
    }
    if (options.ttlMs !== undefined && !(Number.isSafeInteger(options.ttlMs) && options.ttlMs > 0)) {
      throw new ConfigError(`RedisKeyValueStore ttlMs must be a positive whole number, got ${options.ttlMs}`);
    }
    this.keyPrefix = options.keyPrefix ?? 'mtbot:';
    this.ttlMs = options.ttlMs;
    if (options.client !== undefined) {
      this.client = options.client;
      this.owned = false;
      this.where = describeClient(options.client);
      return;
    }
    const url = options.url as string;
    this.where = redactUrl(url);
    if (this.where === '<invalid URL>' || !/^rediss?:$/.test(new URL(url).protocol)) {
      throw new ConfigError(`RedisKeyValueStore url must be a redis:// or rediss:// URL, got ${this.where}`);
    }
    this.owned = true;
    this.client = new Redis(url, {
      lazyConnect: true,
      connectTimeout: options.connectTimeoutMs ?? 5000,
      // Fail calls instead of holding them while Redis is away: a handler waiting forever is worse.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
    });
    // Without a listener ioredis prints every connection error; failures reach callers as StoreErrors,
    // which quote the socket's own error (ioredis' rejection only says "Connection is closed.").
    this.client.on('error', (error: unknown) => {
      this.lastConnectionError = error;
    });
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
  async close(): Promise<void> {
    if (!this.owned) return;
    // Ended or never connected: nothing to close (ioredis' disconnect would arm a 2 s timer for nothing).
    if (this.client.status === 'wait' || this.client.status === 'end') return;
    await this.client.quit().catch(() => this.client.disconnect());
  }

  private async call<T>(command: string, key: string, run: () => Promise<T>): Promise<T> {
    await this.connect();
    try {
      return await run();
    } catch (error) {
      // Only an error reply comes from the server itself; anything else is the connection failing.
      const reason = error instanceof ReplyError ? 'command' : 'connection';
      throw new StoreError(
        reason,
        `Redis ${command} of key "${key}" at ${this.where} failed: ${describe(error)}`,
        {
          cause: error,
        },
      );
    }
  }

  private connect(): Promise<void> {
    if (!this.owned || this.client.status === 'ready') return Promise.resolve();
    // One attempt at a time; once it settles, a later call (after a drop) makes a fresh one.
    if (this.connecting !== undefined) return this.connecting;
    this.lastConnectionError = undefined;
    this.connecting = this.client
      .connect()
      .catch((rejection: unknown) => {
        const error = this.lastConnectionError ?? rejection;
        // Make sure the failed attempt is over (it usually has ended already); the next call tries again.
        if (this.client.status !== 'end') this.client.disconnect();
        throw new StoreError('connection', `cannot connect to Redis at ${this.where}: ${describe(error)}`, {
          cause: error,
        });
      })
      .finally(() => {
        this.connecting = undefined;
      });
    return this.connecting;
  }
}

function describeClient(client: Redis): string {
  const { host, port } = client.options;
  return `${host ?? 'localhost'}:${port ?? 6379}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
