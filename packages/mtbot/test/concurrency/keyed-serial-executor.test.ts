import { ConfigError } from 'telegram-mtproto-core';
import { KeyedSerialExecutor } from '../../src/concurrency/keyed-serial-executor';
import { ManualTimers } from '../../src/concurrency/manual-timers';
import { QueueClosedError } from '../../src/concurrency/queue-closed-error';
import { QueueFullError } from '../../src/concurrency/queue-full-error';
import { seededIntegers } from './seeded-random';

function sleep(timers: ManualTimers, ms: number): Promise<void> {
  return new Promise((resolve) => timers.setTimeout(resolve, ms));
}

describe('KeyedSerialExecutor', () => {
  it('keeps per-key order and the cap under a random interleaving (concurrency 50)', async () => {
    const timers = new ManualTimers();
    const executor = new KeyedSerialExecutor({ concurrency: 50, clock: timers.clock, timers });
    const random = seededIntegers('executor-order');
    const keys = 120;
    const perKey = 15;
    const started = new Map<number, number[]>();
    const finished = new Map<number, number[]>();
    const busy = new Set<number>();
    let running = 0;
    let maxRunning = 0;
    const submitted = new Map<number, number>();
    const all: Promise<unknown>[] = [];
    // Submissions of all keys interleaved at random, with random durations.
    for (let index = 0; index < keys * perKey; index++) {
      let key = random(keys);
      while ((submitted.get(key) ?? 0) >= perKey) key = (key + 1) % keys;
      const sequence = submitted.get(key) ?? 0;
      submitted.set(key, sequence + 1);
      const duration = 1 + random(200);
      all.push(
        executor.run(key, async () => {
          expect(busy.has(key)).toBe(false);
          busy.add(key);
          running++;
          maxRunning = Math.max(maxRunning, running);
          started.set(key, [...(started.get(key) ?? []), sequence]);
          await sleep(timers, duration);
          running--;
          busy.delete(key);
          finished.set(key, [...(finished.get(key) ?? []), sequence]);
          if (random(7) === 0) throw new Error(`task ${key}/${sequence} failed`);
          return sequence;
        }),
      );
    }
    const outcomes = Promise.allSettled(all);
    while (executor.stats.running + executor.stats.queued > 0) await timers.advance(50);
    const settled = await outcomes;
    const expected = Array.from({ length: perKey }, (_, index) => index);
    for (let key = 0; key < keys; key++) {
      expect(started.get(key)).toEqual(expected);
      expect(finished.get(key)).toEqual(expected);
    }
    expect(maxRunning).toBe(50);
    const failures = settled.filter((outcome) => outcome.status === 'rejected').length;
    expect(failures).toBeGreaterThan(0);
    expect(executor.stats).toEqual({
      running: 0,
      queued: 0,
      activeKeys: 0,
      completed: keys * perKey - failures,
      failed: failures,
    });
  });

  it('runs the next task of a key after one throws, synchronously or not', async () => {
    const executor = new KeyedSerialExecutor({ concurrency: 2 });
    const order: string[] = [];
    const first = executor.run('chat', () => {
      order.push('first');
      throw new Error('sync');
    });
    const second = executor.run('chat', async () => {
      order.push('second');
      throw new Error('async');
    });
    const third = executor.run('chat', () => {
      order.push('third');
      return 3;
    });
    await expect(first).rejects.toThrow('sync');
    await expect(second).rejects.toThrow('async');
    await expect(third).resolves.toBe(3);
    expect(order).toEqual(['first', 'second', 'third']);
  });

  it('treats number and bigint ids of the same value as one key, and undefined as no key', async () => {
    const timers = new ManualTimers();
    const executor = new KeyedSerialExecutor({ concurrency: 10, clock: timers.clock, timers });
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await sleep(timers, ms);
      log.push(`end ${name}`);
    };
    const done = Promise.all([
      executor.run(5, task('a', 100)),
      executor.run(5n, task('b', 10)),
      executor.run(undefined, task('c', 10)),
      executor.run(undefined, task('d', 10)),
    ]);
    await timers.settle();
    expect(executor.stats.running).toBe(3);
    await timers.advance(200);
    await done;
    expect(log.indexOf('start b')).toBeGreaterThan(log.indexOf('end a'));
    expect(log.indexOf('start d')).toBeLessThan(log.indexOf('end c'));
  });

  it('gives free slots to keys in turn when the cap is reached', async () => {
    const timers = new ManualTimers();
    const executor = new KeyedSerialExecutor({ concurrency: 1, clock: timers.clock, timers });
    const log: string[] = [];
    const done: Promise<void>[] = [];
    for (let index = 0; index < 3; index++)
      done.push(executor.run('busy', async () => void log.push(`busy${index}`)));
    done.push(executor.run('quiet', async () => void log.push('quiet')));
    await Promise.all(done);
    expect(log).toEqual(['busy0', 'quiet', 'busy1', 'busy2']);
  });

  it('drain reports the tasks still in flight at the timeout, then idle resolves when they end', async () => {
    const timers = new ManualTimers();
    const executor = new KeyedSerialExecutor({ concurrency: 1, clock: timers.clock, timers });
    void executor.run('slow', () => sleep(timers, 5_000), { label: 'update 7' });
    void executor.run('other', () => sleep(timers, 10));
    await timers.advance(100);
    const report = executor.drain(1_000);
    await timers.advance(1_000);
    await expect(report).resolves.toEqual({
      drained: false,
      inFlight: [{ key: 'slow', label: 'update 7', startedAt: 0 }],
      queued: 1,
    });
    let idle = false;
    void executor.idle().then(() => (idle = true));
    await timers.advance(3_900);
    expect(idle).toBe(false); // "other" starts only now and takes 10 ms
    await timers.advance(10);
    expect(idle).toBe(true);
    await expect(executor.drain(1_000)).resolves.toEqual({ drained: true, inFlight: [], queued: 0 });
  });

  it('refuses tasks over maxQueued and after close, and checks its options', async () => {
    const timers = new ManualTimers();
    const executor = new KeyedSerialExecutor({ concurrency: 1, maxQueued: 1, clock: timers.clock, timers });
    const first = executor.run('a', () => sleep(timers, 10));
    const second = executor.run('a', () => 2);
    await expect(executor.run('b', () => 3)).rejects.toBeInstanceOf(QueueFullError);
    executor.close();
    await expect(executor.run('c', () => 4)).rejects.toBeInstanceOf(QueueClosedError);
    await timers.advance(10);
    await expect(first).resolves.toBeUndefined();
    await expect(second).resolves.toBe(2);
    expect(() => new KeyedSerialExecutor({ concurrency: 0 })).toThrow(ConfigError);
    expect(() => new KeyedSerialExecutor({ concurrency: 1.5 })).toThrow(ConfigError);
  });
});
