import { Redis } from 'ioredis';
import { ConfigError } from 'telegram-mtproto-core';
import { RedisKeyValueStore } from '../../src/stores/redis-key-value-store';
import { StoreError } from '../../src/stores/store-error';
import { closedPort, startRedis, type TestRedis } from './redis-server';

describe('RedisKeyValueStore against a real redis-server', () => {
  let redis: TestRedis;
  const stores: RedisKeyValueStore[] = [];
  const open = (options: Partial<ConstructorParameters<typeof RedisKeyValueStore>[0]> = {}) => {
    const store = new RedisKeyValueStore({ url: redis.url, ...options });
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('lets two stores (two processes) see each other’s writes and deletes', async () => {
    const first = open();
    const second = open();
    expect(await second.get('chat:1')).toBeUndefined();
    await first.set('chat:1', 'hello');
    expect(await second.get('chat:1')).toBe('hello');
    await second.set('chat:1', 'replaced');
    expect(await first.get('chat:1')).toBe('replaced');
    await first.delete('chat:1');
    expect(await second.get('chat:1')).toBeUndefined();
    await second.delete('never-set');
  });

  it('keeps prefixes apart and writes the prefixed key, with a TTL when asked', async () => {
    const plain = open({ keyPrefix: 'a:' });
    const expiring = open({ keyPrefix: 'b:', ttlMs: 60_000 });
    await plain.set('k', '1');
    await expiring.set('k', '2');
    expect(await plain.get('k')).toBe('1');
    expect(await expiring.get('k')).toBe('2');
    const raw = new Redis(redis.port, '127.0.0.1');
    try {
      expect(await raw.pttl('a:k')).toBe(-1);
      const ttl = await raw.pttl('b:k');
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
      // A caller-owned client is used as is and left open by close().
      const shared = new RedisKeyValueStore({ client: raw, keyPrefix: 'a:' });
      expect(await shared.get('k')).toBe('1');
      await shared.close();
      expect(raw.status).toBe('ready');
    } finally {
      raw.disconnect();
    }
  });

  it('stores unicode and empty values unchanged', async () => {
    const store = open();
    await store.set('u', 'привет 👋');
    await store.set('e', '');
    expect(await store.get('u')).toBe('привет 👋');
    expect(await store.get('e')).toBe('');
  });
});

describe('RedisKeyValueStore failures', () => {
  it('fails with a connection StoreError whose message hides the password', async () => {
    const port = await closedPort();
    const store = new RedisKeyValueStore({
      url: `redis://:s3cret-pw@127.0.0.1:${port}/0`,
      connectTimeoutMs: 200,
    });
    try {
      const error = await store.get('x').catch((caught: unknown) => caught);
      expect(StoreError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ name: 'StoreError', reason: 'connection' });
      const message = (error as Error).message;
      expect(message).toContain(`redis://:***@127.0.0.1:${port}/0`);
      expect(message).toContain('ECONNREFUSED');
      expect(message).not.toContain('s3cret-pw');
      // A second call tries again and fails the same way, rather than hanging.
      await expect(store.set('x', 'y')).rejects.toMatchObject({ reason: 'connection' });
    } finally {
      await store.close();
    }
  });

  it('fails fast while Redis is down and reconnects once it is back', async () => {
    const own = await startRedis();
    const store = new RedisKeyValueStore({ url: own.url, connectTimeoutMs: 1000 });
    try {
      await store.set('k', 'v');
      await own.stop();
      await expect(store.get('k')).rejects.toMatchObject({ name: 'StoreError', reason: 'connection' });
      const again = await startRedis('redis-server', own.port);
      try {
        // A fresh server (nothing saved): the store reconnects and works; the old value is gone.
        expect(await store.get('k')).toBeUndefined();
        await store.set('k', 'w');
        expect(await store.get('k')).toBe('w');
      } finally {
        await store.close();
        await again.stop();
      }
    } finally {
      await store.close();
      await own.stop();
    }
  });

  it('fails (never skips) with an install hint when redis-server is missing', async () => {
    await expect(startRedis('redis-server-not-installed')).rejects.toThrow(
      /install it .*apt-get install redis-server/,
    );
  });

  it('rejects bad options with a ConfigError that does not echo the URL', () => {
    expect(() => new RedisKeyValueStore({})).toThrow(ConfigError);
    expect(() => new RedisKeyValueStore({ url: 'not a url:pw@' })).toThrow(/<invalid URL>/);
    expect(() => new RedisKeyValueStore({ url: 'http://:pw@host' })).toThrow(/http:\/\/:\*\*\*@host/);
    expect(() => new RedisKeyValueStore({ url: 'redis://h', ttlMs: 0 })).toThrow(ConfigError);
  });
});
