import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { ConfigError, StorageError } from 'telegram-mtproto-core';
import { describeRedisError } from './redis-connection';

/** How {@link RedisSessionStorage} locks its session. */
export interface RedisSessionLockOptions {
  /**
   * How long the lock outlives its holder's last renewal (default 30 s): a process that dies without
   * releasing it blocks the session this long, then the next opener takes it over.
   */
  readonly ttlMs?: number;
  /** How often the holder renews the lock (default a third of `ttlMs`). */
  readonly renewIntervalMs?: number;
  /** How long to wait for a lock held by someone else before failing with StorageError `locked` (default 0). */
  readonly timeoutMs?: number;
  /** Pause between two attempts while waiting (default 100 ms). */
  readonly retryIntervalMs?: number;
  /**
   * Called once when a renewal finds the lock gone or someone else's (it expired while Redis or this
   * process stalled): from then on every write fails with StorageError `locked`.
   */
  readonly onLost?: (error: StorageError) => void;
}

/** Who holds a Redis session lock, as stored in the lock key (JSON). */
export interface RedisLockHolder {
  readonly pid: number;
  readonly hostname: string;
  /** When the holder took the lock (ISO 8601). */
  readonly startedAt: string;
  /** Names this one acquisition, so a release or renewal never touches a lock taken over by another. */
  readonly token: string;
}

/** Sets the lock's expiry again if it still holds our value. */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
/** Deletes the lock if it still holds our value. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

const DEFAULT_TTL_MS = 30_000;

/**
 * An exclusive lease on one Redis session: `SET key value NX PX ttl`, renewed in the background while
 * held and deleted on release, both only while the key still holds this holder's value (compared in a
 * Lua script, atomically). A holder that dies leaves a key that expires after `ttlMs`, and the next
 * opener takes the session over. The value names the holder (pid, host, start time, a random token)
 * and nothing secret. Writes check the same value ({@link RedisSessionLock.value}) in their own
 * script, so a holder whose lease expired can never overwrite the new holder's session.
 */
export class RedisSessionLock {
  private renewTimer: NodeJS.Timeout | undefined;
  private lostError: StorageError | undefined;
  private released = false;

  private constructor(
    private readonly client: Redis,
    /** The lock's key. */
    readonly key: string,
    /** What this holder stored under the key; writes are fenced on it. */
    readonly value: string,
    /** The lease, in ms; renewals and fenced writes set it again. */
    readonly ttlMs: number,
    private readonly label: string,
    private readonly onLost: RedisSessionLockOptions['onLost'],
  ) {}

  /**
   * Takes the lock at `key` or throws StorageError `locked` naming the holder (after waiting up to
   * `timeoutMs`); `io` when Redis fails. `label` names the session in messages.
   */
  static async acquire(
    client: Redis,
    key: string,
    label: string,
    options: RedisSessionLockOptions = {},
  ): Promise<RedisSessionLock> {
    const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    if (!Number.isSafeInteger(ttlMs) || ttlMs < 10) {
      throw new ConfigError(`Redis session lock ttlMs must be a whole number >= 10, got ${ttlMs}`);
    }
    const renewIntervalMs = options.renewIntervalMs ?? Math.floor(ttlMs / 3);
    if (!(renewIntervalMs > 0 && renewIntervalMs < ttlMs)) {
      throw new ConfigError(`Redis session lock renewIntervalMs must be > 0 and < ttlMs (${ttlMs})`);
    }
    const timeoutMs = options.timeoutMs ?? 0;
    const retryIntervalMs = Math.max(1, options.retryIntervalMs ?? 100);
    const holder: RedisLockHolder = {
      pid: process.pid,
      hostname: hostname(),
      startedAt: new Date().toISOString(),
      token: randomBytes(12).toString('hex'),
    };
    const value = JSON.stringify(holder);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const taken = await redisCall(label, 'take the lock', () => client.set(key, value, 'PX', ttlMs, 'NX'));
      if (taken === 'OK') {
        const lock = new RedisSessionLock(client, key, value, ttlMs, label, options.onLost);
        lock.startRenewing(renewIntervalMs);
        return lock;
      }
      const [current, remainingMs] = await redisCall(label, 'read the lock', () =>
        Promise.all([client.get(key), client.pttl(key)]),
      );
      // Expired or released between the two calls: try again at once.
      if (current === null) continue;
      if (Date.now() >= deadline) throw lockedError(label, current, remainingMs, timeoutMs);
      await sleep(Math.min(retryIntervalMs, Math.max(1, deadline - Date.now())));
    }
  }

  /** The error writes get once the lease was lost; undefined while it is held. */
  get lost(): StorageError | undefined {
    return this.lostError;
  }

  /** Marks the lease lost (a fenced write or a renewal found someone else's value) and says so once. */
  markLost(): StorageError {
    if (this.lostError === undefined) {
      this.lostError = new StorageError(
        'locked',
        `${this.label}: the session lock expired and was taken over (or removed) while this process held it; this storage no longer writes (two clients on one session make Telegram answer AUTH_KEY_DUPLICATED)`,
      );
      this.stopRenewing();
      try {
        this.onLost?.(this.lostError);
      } catch {
        // A failing listener must not break the storage's own error path.
      }
    }
    return this.lostError;
  }

  /** Stops renewing and deletes the lock if it is still ours. Idempotent; best effort when Redis is away. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    this.stopRenewing();
    if (this.lostError !== undefined) return;
    await this.client.eval(RELEASE, 1, this.key, this.value).catch(() => undefined);
  }

  private startRenewing(intervalMs: number): void {
    this.renewTimer = setInterval(() => void this.renew(), intervalMs);
    // The lease must not keep a process alive that has nothing else to do.
    this.renewTimer.unref();
  }

  private stopRenewing(): void {
    if (this.renewTimer !== undefined) clearInterval(this.renewTimer);
    this.renewTimer = undefined;
  }

  private async renew(): Promise<void> {
    let renewed: unknown;
    try {
      renewed = await this.client.eval(RENEW, 1, this.key, this.value, String(this.ttlMs));
    } catch {
      // Redis away: writes fail meanwhile with their own errors; the next renewal tries again, and
      // fenced writes refuse to write should the lease have passed to someone else by then.
      return;
    }
    if (renewed !== 1 && !this.released) this.markLost();
  }
}

/** Runs one Redis call of the lock; a failure is StorageError `io` naming the session, not the call's data. */
async function redisCall<T>(label: string, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new StorageError('io', `${label}: cannot ${what}: ${describeRedisError(error)}`, { cause: error });
  }
}

function lockedError(label: string, current: string, remainingMs: number, timeoutMs: number): StorageError {
  const waited = timeoutMs > 0 ? ` (waited ${timeoutMs} ms)` : '';
  const expires = remainingMs > 0 ? `; it expires in ${remainingMs} ms unless its holder renews it` : '';
  let holder: Partial<RedisLockHolder> = {};
  try {
    holder = JSON.parse(current) as Partial<RedisLockHolder>;
  } catch {
    // Not an mtbot lock: described as such below.
  }
  const who =
    typeof holder.pid === 'number' && typeof holder.hostname === 'string'
      ? `pid ${holder.pid} on host ${holder.hostname} since ${String(holder.startedAt)}`
      : 'a holder that is not an mtbot lock';
  return new StorageError(
    'locked',
    `${label} is in use by ${who}${waited}${expires}; two clients on one session make Telegram answer AUTH_KEY_DUPLICATED`,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
