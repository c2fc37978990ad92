import {
  StorageError,
  type JsonValue,
  type SessionStorage,
  type StorageEntry,
  type StorageKey,
} from 'telegram-mtproto-core';
import { describeRedisError, RedisConnection, type RedisConnectionOptions } from './redis-connection';
import { RedisSessionLock, type RedisSessionLockOptions } from './redis-session-lock';

/** The format version written into the hash; a newer one is refused rather than misread. */
const VERSION = 1;
/** Hash field of the version; entry names never start with `@` (core's are `mtbot.*`). */
const VERSION_FIELD = '@version';

/**
 * Writes entries into the hash in one step, and only while the lock still holds our value (renewing
 * it): KEYS = hash, lock; ARGV = lock value ('' when unlocked), lease ms, number of sets, then name and
 * JSON of each set, then the names to delete. Returns 0, writing nothing, when the lock is not ours.
 */
const WRITE = `
if ARGV[1] ~= '' then
  if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
end
local sets = tonumber(ARGV[3])
redis.call('HSET', KEYS[1], '${VERSION_FIELD}', '${VERSION}')
for i = 0, sets - 1 do
  redis.call('HSET', KEYS[1], ARGV[4 + 2 * i], ARGV[5 + 2 * i])
end
for i = 4 + 2 * sets, #ARGV do
  redis.call('HDEL', KEYS[1], ARGV[i])
end
return 1`;

/** Options of {@link RedisSessionStorage.open}: a `url` (or a caller's `client`) and where the session goes. */
export interface RedisSessionStorageOptions extends RedisConnectionOptions {
  /**
   * Put in front of the session's keys (`<prefix>session`, a hash, and `<prefix>lock`); one per bot,
   * e.g. `mtbot:bot:<bot id>:`. Never put a token or anything secret in it. Default `mtbot:session:`.
   */
  readonly keyPrefix?: string;
  /** The session lock's lease and waiting, or `false` to open without a lock (one process guaranteed). */
  readonly lock?: RedisSessionLockOptions | false;
}

/**
 * A {@link SessionStorage} in Redis, so a bot's session (auth keys, salts, updates state, peers)
 * outlives its machine: the entries of one session sit in one hash, `<prefix>session`, field = entry
 * name, value = its JSON. `setMany` writes all its entries in one Lua script, so they are stored
 * together or not at all, and a `set` resolves once Redis has applied it (as durable as the server's
 * persistence settings make it: enable AOF or RDB snapshots on a server that holds sessions).
 *
 * One process at a time: opening takes a lease on `<prefix>lock` ({@link RedisSessionLock}), renewed
 * while open and released by `close()`. A second opener gets StorageError `locked` naming the holder;
 * the lease of a process that died expires after `lock.ttlMs` and is then taken over. Every write
 * checks the lease in the same script, so a process that lost it (stalled past its expiry) is refused
 * with `locked` instead of overwriting the new holder's session.
 *
 * Failures are typed: `io` when Redis cannot be reached or fails (the URL shown with its password as
 * `***`), `corrupt` for an entry that is not what mtbot wrote, `unsupported-version` for a session
 * written by a newer mtbot. Keys, messages and logs never contain stored values (they hold auth keys).
 *
 * @example
 * ```ts
 * const storage = await RedisSessionStorage.open({ url: 'redis://127.0.0.1:6379', keyPrefix: 'mtbot:bot:123:' });
 * const bot = new BotClient({ apiId, apiHash, botToken, storage });
 * ```
 */
export class RedisSessionStorage implements SessionStorage {
  private readonly hashKey: string;
  private readonly pending = new Set<Promise<unknown>>();
  private closed = false;

  private constructor(
    private readonly connection: RedisConnection,
    private readonly lock: RedisSessionLock | undefined,
    /** The prefix of this session's keys. */
    readonly keyPrefix: string,
    private readonly label: string,
  ) {
    this.hashKey = `${keyPrefix}session`;
  }

  /**
   * Connects, takes the session's lock and checks the stored format. Throws StorageError `locked` when
   * another process holds the session, `io` when Redis cannot be reached, `unsupported-version` for a
   * session of a newer mtbot; a ConfigError for bad options.
   */
  static async open(options: RedisSessionStorageOptions): Promise<RedisSessionStorage> {
    const keyPrefix = options.keyPrefix ?? 'mtbot:session:';
    const connection = new RedisConnection(
      { ...options, commandTimeoutMs: options.commandTimeoutMs ?? 5_000 },
      'RedisSessionStorage',
    );
    const label = `Redis session "${keyPrefix}" at ${connection.where}`;
    let lock: RedisSessionLock | undefined;
    try {
      await connection.connect().catch((error: unknown) => {
        throw new StorageError('io', `${label}: cannot connect: ${describeRedisError(error)}`, {
          cause: error,
        });
      });
      if (options.lock !== false) {
        lock = await RedisSessionLock.acquire(connection.client, `${keyPrefix}lock`, label, options.lock);
      }
      const storage = new RedisSessionStorage(connection, lock, keyPrefix, label);
      await storage.checkVersion();
      return storage;
    } catch (error) {
      await lock?.release();
      await connection.close();
      throw error;
    }
  }

  async get<T>(key: StorageKey<T>): Promise<T | undefined> {
    this.assertOpen();
    const text = await this.track(
      this.redis(`read entry "${key.name}"`, () => this.connection.client.hget(this.hashKey, key.name)),
    );
    if (text === null) return undefined;
    let json: JsonValue;
    try {
      json = JSON.parse(text) as JsonValue;
    } catch {
      // The text may be key material: not quoted.
      throw new StorageError('corrupt', `${this.label}: entry "${key.name}" is not valid JSON`);
    }
    return key.decode(json);
  }

  set<T>(key: StorageKey<T>, value: T): Promise<void> {
    return this.setMany([{ key: key as StorageKey<unknown>, value }]);
  }

  delete(key: StorageKey<unknown>): Promise<void> {
    return this.setMany([{ key, value: undefined }]);
  }

  async setMany(entries: readonly StorageEntry[]): Promise<void> {
    this.assertOpen();
    const lostLock = this.lock?.lost;
    if (lostLock !== undefined) throw lostLock;
    // Encode everything first: a value that cannot be encoded leaves the storage untouched.
    const sets: string[] = [];
    const deletes: string[] = [];
    for (const { key, value } of entries) {
      if (value === undefined) deletes.push(key.name);
      else sets.push(key.name, JSON.stringify(key.encode(value)));
    }
    const lock = this.lock;
    const written = await this.track(
      this.redis('write', () =>
        this.connection.client.eval(
          WRITE,
          2,
          this.hashKey,
          lock?.key ?? `${this.keyPrefix}lock`,
          lock?.value ?? '',
          String(lock?.ttlMs ?? 0),
          String(sets.length / 2),
          ...sets,
          ...deletes,
        ),
      ),
    );
    if (written !== 1) throw (lock as RedisSessionLock).markLost();
  }

  /** Waits for calls in flight, releases the lock and closes a connection made from a URL. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.pending]);
    await this.lock?.release();
    await this.connection.close();
  }

  private async checkVersion(): Promise<void> {
    const text = await this.redis('read the format version', () =>
      this.connection.client.hget(this.hashKey, VERSION_FIELD),
    );
    if (text === null) return;
    const version = Number(text);
    if (!Number.isSafeInteger(version) || version < 1) {
      throw new StorageError('corrupt', `${this.label} is not an mtbot session (bad "${VERSION_FIELD}")`);
    }
    if (version > VERSION) {
      throw new StorageError(
        'unsupported-version',
        `${this.label} has format version ${version}; this mtbot reads up to ${VERSION} (upgrade mtbot)`,
      );
    }
  }

  private async redis<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      await this.connection.connect();
      return await run();
    } catch (error) {
      throw new StorageError('io', `${this.label}: cannot ${what}: ${describeRedisError(error)}`, {
        cause: error,
      });
    }
  }

  private track<T>(call: Promise<T>): Promise<T> {
    this.pending.add(call);
    void call.catch(() => undefined).finally(() => this.pending.delete(call));
    return call;
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageError('io', `${this.label}: the session storage is closed`);
  }
}
