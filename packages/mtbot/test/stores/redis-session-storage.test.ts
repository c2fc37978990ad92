import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import {
  ConfigError,
  SessionStorageKeys,
  StorageError,
  defineStorageKey,
  readInteger,
  storageEntry,
} from 'telegram-mtproto-core';
import { RedisSessionStorage, type RedisSessionStorageOptions } from '../../src/stores/redis-session-storage';
import { closedPort, startRedis, type TestRedis } from './redis-server';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function failureOf(promise: Promise<unknown>): Promise<StorageError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!StorageError.isInstance(error)) throw new Error(`expected a StorageError, got ${String(error)}`);
  return error;
}

describe('RedisSessionStorage against a real redis-server', () => {
  let redis: TestRedis;
  let raw: Redis;
  let prefixCounter = 0;
  let keyPrefix: string;
  const opened: RedisSessionStorage[] = [];
  const open = async (options: Partial<RedisSessionStorageOptions> = {}) => {
    const storage = await RedisSessionStorage.open({ url: redis.url, keyPrefix, ...options });
    opened.push(storage);
    return storage;
  };

  beforeAll(async () => {
    redis = await startRedis();
    raw = new Redis(redis.port, '127.0.0.1');
  });
  beforeEach(() => {
    keyPrefix = `test:bot${++prefixCounter}:`;
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((storage) => storage.close()));
  });
  afterAll(async () => {
    raw?.disconnect();
    await redis?.stop();
  });

  it('round-trips typed values in one hash per session, all or nothing', async () => {
    const storage = await open();
    const key = new Uint8Array(256).fill(7);
    await storage.set(SessionStorageKeys.authKey(2), { key });
    await storage.setMany([
      storageEntry(SessionStorageKeys.serverSalts(2), [
        { salt: -0x0102030405060708n, validSince: 10, validUntil: 1810 },
      ]),
      storageEntry(SessionStorageKeys.currentDc, 2),
    ]);
    expect((await storage.get(SessionStorageKeys.authKey(2)))?.key).toEqual(key);
    expect(await storage.get(SessionStorageKeys.serverSalts(2))).toEqual([
      { salt: -0x0102030405060708n, validSince: 10, validUntil: 1810 },
    ]);
    expect(await storage.get(SessionStorageKeys.timeOffset)).toBeUndefined();

    // A value that cannot be encoded leaves everything as it was, the other entry included.
    const failing = defineStorageKey<number>('app.failing', {
      encode: () => {
        throw new Error('cannot encode');
      },
      decode: (json) => readInteger(json, 'failing'),
    });
    await expect(
      storage.setMany([storageEntry(SessionStorageKeys.currentDc, 4), storageEntry(failing, 1)]),
    ).rejects.toThrow('cannot encode');
    expect(await storage.get(SessionStorageKeys.currentDc)).toBe(2);

    await storage.setMany([
      storageEntry(SessionStorageKeys.currentDc, undefined),
      storageEntry(SessionStorageKeys.timeOffset, -3),
    ]);
    expect(await storage.get(SessionStorageKeys.currentDc)).toBeUndefined();
    expect(await storage.get(SessionStorageKeys.timeOffset)).toBe(-3);

    // Two keys, both under the prefix: the session hash and the lock.
    expect((await raw.keys(`${keyPrefix}*`)).sort()).toEqual([`${keyPrefix}lock`, `${keyPrefix}session`]);
    expect(await raw.hget(`${keyPrefix}session`, 'mtbot.timeOffset')).toBe('-3');

    await storage.close();
    expect(await raw.exists(`${keyPrefix}lock`)).toBe(0);
    await expect(storage.get(SessionStorageKeys.timeOffset)).rejects.toMatchObject({ reason: 'io' });
    const again = await open();
    expect((await again.get(SessionStorageKeys.authKey(2)))?.key).toEqual(key);
  });

  it('refuses a second opener with StorageError locked naming the holder, until the first closes', async () => {
    const first = await open();
    const error = await failureOf(open());
    expect(error.reason).toBe('locked');
    expect(error.message).toContain(`in use by pid ${process.pid} on host ${hostname()}`);
    expect(error.message).toContain(`Redis session "${keyPrefix}" at ${redis.url}`);
    // Waiting: the lock passes on as soon as the first one closes.
    const waiting = open({ lock: { timeoutMs: 5_000, retryIntervalMs: 10 } });
    await first.set(SessionStorageKeys.currentDc, 5);
    await first.close();
    const second = await waiting;
    expect(await second.get(SessionStorageKeys.currentDc)).toBe(5);
  });

  it('keeps the lock while open by renewing it, and takes over one whose holder stopped renewing', async () => {
    // Renewed every third of the lease: a stall of up to two thirds of it (a busy test machine) is fine.
    const holder = await open({ lock: { ttlMs: 1_000 } });
    await sleep(1_300); // past the first lease: only renewal keeps it
    await expect(open()).rejects.toMatchObject({ reason: 'locked' });
    expect(await raw.pttl(`${keyPrefix}lock`)).toBeGreaterThan(0);
    await holder.close();

    // A holder that died: its lock is there, nobody renews it, and it expires.
    await raw.set(
      `${keyPrefix}lock`,
      JSON.stringify({ pid: 999_999, hostname: 'elsewhere', startedAt: '2026-01-01T00:00:00Z', token: 'x' }),
      'PX',
      1_000,
    );
    const refused = await failureOf(open());
    expect(refused.message).toMatch(/in use by pid 999999 on host elsewhere .*expires in \d+ ms/);
    const successor = await open({ lock: { timeoutMs: 5_000, retryIntervalMs: 20 } });
    await successor.set(SessionStorageKeys.currentDc, 1);
  });

  it('refuses writes of a holder whose lock was taken over, leaving the new holder’s session alone', async () => {
    const lost: StorageError[] = [];
    const stalled = await open({ lock: { ttlMs: 10_000, onLost: (error) => lost.push(error) } });
    await stalled.set(SessionStorageKeys.currentDc, 1);
    // As if the lease had expired while this process stalled, and another process took the session.
    await raw.del(`${keyPrefix}lock`);
    const successor = await open();
    await successor.set(SessionStorageKeys.currentDc, 2);

    const error = await failureOf(stalled.set(SessionStorageKeys.currentDc, 3));
    expect(error.reason).toBe('locked');
    expect(error.message).toContain('taken over');
    expect(lost).toHaveLength(1);
    await expect(stalled.set(SessionStorageKeys.timeOffset, 1)).rejects.toMatchObject({ reason: 'locked' });
    expect(await successor.get(SessionStorageKeys.currentDc)).toBe(2);
    // Closing the stalled one does not remove the successor's lock.
    await stalled.close();
    expect(await raw.exists(`${keyPrefix}lock`)).toBe(1);
  });

  it('reports corrupt entries and sessions of a newer format without quoting them', async () => {
    const storage = await open();
    await raw.hset(`${keyPrefix}session`, 'mtbot.currentDc', 'secret-looking{');
    const corrupt = await failureOf(storage.get(SessionStorageKeys.currentDc));
    expect(corrupt.reason).toBe('corrupt');
    expect(corrupt.message).toContain('"mtbot.currentDc"');
    expect(corrupt.message).not.toContain('secret-looking');
    await raw.hset(`${keyPrefix}session`, 'mtbot.currentDc', '"two"');
    await expect(storage.get(SessionStorageKeys.currentDc)).rejects.toMatchObject({ reason: 'corrupt' });
    await storage.close();

    await raw.hset(`${keyPrefix}session`, '@version', '2');
    await expect(open()).rejects.toMatchObject({ reason: 'unsupported-version' });
    // The refused opener released the lock it had taken.
    expect(await raw.exists(`${keyPrefix}lock`)).toBe(0);
  });

  it('works without a lock when asked, and with a caller’s client it leaves open', async () => {
    const client = new Redis(redis.port, '127.0.0.1');
    try {
      const storage = await RedisSessionStorage.open({ client, keyPrefix, lock: false });
      await storage.set(SessionStorageKeys.currentDc, 3);
      expect(await raw.exists(`${keyPrefix}lock`)).toBe(0);
      await storage.close();
      expect(client.status).toBe('ready');
      expect(await raw.hget(`${keyPrefix}session`, 'mtbot.currentDc')).toBe('3');
    } finally {
      client.disconnect();
    }
  });
});

describe('RedisSessionStorage when Redis is away', () => {
  it('fails to open with StorageError io whose message hides the password', async () => {
    const port = await closedPort();
    const error = await failureOf(
      RedisSessionStorage.open({ url: `redis://:s3cret-pw@127.0.0.1:${port}/0`, connectTimeoutMs: 500 }),
    );
    expect(error.reason).toBe('io');
    expect(error.message).toContain(`redis://:***@127.0.0.1:${port}/0`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).not.toContain('s3cret-pw');
  });

  it('fails calls with StorageError io while Redis is down, and refuses to write to a fresh server that lost the lock', async () => {
    const own = await startRedis();
    const storage = await RedisSessionStorage.open({ url: own.url, connectTimeoutMs: 1_000 });
    let again: TestRedis | undefined;
    try {
      await storage.set(SessionStorageKeys.currentDc, 2);
      await own.stop();
      await expect(storage.get(SessionStorageKeys.currentDc)).rejects.toMatchObject({
        name: 'StorageError',
        reason: 'io',
      });
      await expect(storage.set(SessionStorageKeys.currentDc, 3)).rejects.toMatchObject({ reason: 'io' });
      again = await startRedis('redis-server', own.port);
      // A fresh server without persistence: the lock is gone with the data, so writes are refused as
      // `locked` rather than starting a session that another process could open at the same time.
      await expect(storage.set(SessionStorageKeys.currentDc, 4)).rejects.toMatchObject({ reason: 'locked' });
    } finally {
      await storage.close();
      await again?.stop();
      await own.stop();
    }
  });

  it('rejects bad options with a ConfigError', async () => {
    await expect(RedisSessionStorage.open({})).rejects.toThrow(ConfigError);
    await expect(RedisSessionStorage.open({ url: 'http://:pw@host' })).rejects.toThrow(
      /http:\/\/:\*\*\*@host/,
    );
  });
});
