import { JsonSessionStore } from '../../src/stores/json-session-store';
import { MemoryKeyValueStore } from '../../src/stores/memory-key-value-store';
import type { KeyValueStore } from '../../src/stores/key-value-store';
import { StoreError } from '../../src/stores/store-error';
import { Router, sessionMiddleware, type Context } from '../../src/framework';
import { messageUpdate, newLog } from '../framework/fake-updates';
import { persistentBackends, type KeyValueBackend } from './key-value-backends';

interface Profile {
  userId: bigint;
  names: string[];
  nested: { big: bigint; flag: boolean; nothing: null };
}

const sample: Profile = {
  userId: -1001234567890123n,
  names: ['a', 'b'],
  nested: { big: 2n ** 70n, flag: true, nothing: null },
};

describe('JsonSessionStore', () => {
  it('round-trips bigints and plain data, and deletes', async () => {
    const kv = new MemoryKeyValueStore();
    const store = new JsonSessionStore<Profile>(kv);
    await store.set('chat:1', sample);
    expect(await store.get('chat:1')).toEqual(sample);
    expect(await kv.get('session:chat:1')).toContain('"$bigint":"-1001234567890123"');
    await store.delete('chat:1');
    expect(await store.get('chat:1')).toBeUndefined();
    expect(kv.size).toBe(0);
  });

  it.each([
    ['a function', { f: () => 1 }, '$.f'],
    ['a Map', { m: new Map() }, '$.m'],
    ['a Date', { when: [new Date(0)] }, '$.when[0]'],
    ['NaN', { n: Number.NaN }, '$.n'],
    ['undefined in an array', { list: [1, undefined] }, '$.list[1]'],
    ['the bigint tag', { x: { $bigint: '1' } }, '$.x'],
  ])('refuses %s with an unserializable StoreError naming where', async (_label, value, path) => {
    const kv = new MemoryKeyValueStore();
    const store = new JsonSessionStore<unknown>(kv);
    const error = await store.set('k', value).catch((caught: unknown) => caught);
    expect(StoreError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'unserializable' });
    expect((error as Error).message).toContain(`at ${path}`);
    expect(kv.size).toBe(0);
  });

  it('refuses a cycle and reports corrupt stored text', async () => {
    const kv = new MemoryKeyValueStore();
    const store = new JsonSessionStore<unknown>(kv);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(store.set('k', cyclic)).rejects.toMatchObject({ reason: 'unserializable' });
    await kv.set('session:k', '{not json');
    await expect(store.get('k')).rejects.toMatchObject({ name: 'StoreError', reason: 'corrupt' });
  });

  describe('under sessionMiddleware', () => {
    const sharedMemory = new MemoryKeyValueStore();
    const backends: KeyValueBackend[] = [['memory', () => sharedMemory], ...persistentBackends('sessions')];

    function counter(kv: KeyValueStore): Router<Context<{ count: bigint }>> {
      const router = new Router<Context<{ count: bigint }>>();
      const store = new JsonSessionStore<{ count: bigint }>(kv);
      router.use(sessionMiddleware({ store, initial: () => ({ count: 0n }) }));
      router.command('count', (ctx) => ctx.reply(String((ctx.session!.count += 1n))));
      return router;
    }

    it.each(backends)('keeps counting across two routers over one %s store', async (_name, open) => {
      const log = newLog();
      await counter(open()).handle(messageUpdate('/count', log, { chatId: -100n }));
      await counter(open()).handle(messageUpdate('/count', log, { chatId: -100n }));
      await counter(open()).handle(messageUpdate('/count', log, { chatId: 5n }));
      expect(log.calls).toEqual(['reply:1', 'reply:2', 'reply:1']);
    });
  });
});
