import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileKeyValueStore } from '../../src/stores/file-key-value-store';
import type { KeyValueStore } from '../../src/stores/key-value-store';
import { RedisKeyValueStore } from '../../src/stores/redis-key-value-store';
import { startRedis, type TestRedis } from './redis-server';

/** Opens a new store object over the same data each call, as a restarted process would. */
export type KeyValueBackend = readonly [name: string, open: () => KeyValueStore];

/**
 * The persistent key-value stores, for tests that must hold on any of them: a temporary directory and
 * a redis-server of the enclosing `describe`, made in its beforeAll and removed in its afterAll.
 */
export function persistentBackends(label: string): KeyValueBackend[] {
  let directory: string;
  let redis: TestRedis;
  const opened: RedisKeyValueStore[] = [];
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), `mtbot-${label}-`));
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
    await redis?.stop();
    await rm(directory, { recursive: true, force: true });
  });
  return [
    ['file', () => new FileKeyValueStore(directory)],
    [
      'redis',
      () => {
        const store = new RedisKeyValueStore({ url: redis.url, keyPrefix: `${label}:` });
        opened.push(store);
        return store;
      },
    ],
  ];
}
