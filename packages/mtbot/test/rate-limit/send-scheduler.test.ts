import { ConfigError } from 'telegram-mtproto-core';
import { AbortedError } from '../../src/concurrency/aborted-error';
import { ManualTimers } from '../../src/concurrency/manual-timers';
import { QueueClosedError } from '../../src/concurrency/queue-closed-error';
import { QueueFullError } from '../../src/concurrency/queue-full-error';
import { FloodBudgetExceededError } from '../../src/rate-limit/flood-budget-exceeded-error';
import type { FloodWaitEvent } from '../../src/rate-limit/flood-wait-event';
import { SendScheduler, type SendSchedulerOptions } from '../../src/rate-limit/send-scheduler';
import type { SendPriority } from '../../src/rate-limit/send-priority';
import { seededIntegers } from '../concurrency/seeded-random';
import { FakeTelegram, expectWithinWindow } from './fake-telegram';

function setup(options: SendSchedulerOptions = {}, latency?: () => number) {
  const timers = new ManualTimers();
  const scheduler = new SendScheduler({ clock: timers.clock, timers, ...options });
  const telegram = new FakeTelegram(timers, latency);
  return { timers, scheduler, telegram };
}

async function runUntilIdle(timers: ManualTimers, scheduler: SendScheduler, stepMs = 1_000): Promise<void> {
  while (scheduler.stats.queued + scheduler.stats.inFlight > 0) await timers.advance(stepMs);
}

describe('SendScheduler', () => {
  it('holds every limit exactly over simulated minutes: 2,000 sends to 100 private chats and 120 to a group', async () => {
    const random = seededIntegers('limits');
    const { timers, scheduler, telegram } = setup({}, () => 20 + random(180));
    const done: Promise<string>[] = [];
    for (let round = 0; round < 20; round++) {
      for (let chat = 1; chat <= 100; chat++) {
        done.push(scheduler.schedule(telegram.send(String(chat), `${chat}:${round}`), { chatId: chat }));
      }
    }
    for (let index = 0; index < 120; index++) {
      done.push(
        scheduler.schedule(telegram.send('-1001', `g${index}`), { chatId: -1001n, priority: 'bulk' }),
      );
    }
    await runUntilIdle(timers, scheduler);
    await Promise.all(done);
    expect(telegram.seen).toHaveLength(2_120);
    expectWithinWindow(
      telegram.seen.map((send) => send.startedAt),
      30,
      1_000,
    );
    for (let chat = 1; chat <= 100; chat++) {
      expectWithinWindow(telegram.startsOf(String(chat)), 3, 3_000);
      expect(telegram.labelsOf(String(chat))).toEqual(
        Array.from({ length: 20 }, (_, round) => `${chat}:${round}`),
      );
    }
    const group = telegram.startsOf('-1001');
    expectWithinWindow(group, 20, 60_000);
    expect(telegram.labelsOf('-1001')).toEqual(Array.from({ length: 120 }, (_, index) => `g${index}`));
    expect(group[119]).toBeGreaterThanOrEqual(300_000);
    // 2,000 private sends at 30/s need 66 s at least, and take little more.
    const lastPrivate = Math.max(
      ...telegram.seen.filter((send) => send.chat !== '-1001').map((send) => send.startedAt),
    );
    expect(lastPrivate).toBeGreaterThanOrEqual(66_000);
    expect(lastPrivate).toBeLessThan(70_000);
    expect(telegram.maxInFlightPerChat).toBe(1);
    expect(scheduler.stats).toMatchObject({ queued: 0, inFlight: 0, sent: 2_120, failed: 0, floodWaits: 0 });
  });

  it('runs close to the limits, not just under them: a lone group gets its 20 a minute', async () => {
    const { timers, scheduler, telegram } = setup();
    const done = Array.from({ length: 120 }, (_, index) =>
      scheduler.schedule(telegram.send('-42', `g${index}`), { chatId: -42 }),
    );
    await runUntilIdle(timers, scheduler);
    await Promise.all(done);
    const starts = telegram.startsOf('-42');
    expectWithinWindow(starts, 20, 60_000);
    // 20 sends of 50 ms each per window, each counted from its answer: the sixth window opens at
    // 300 s plus five latencies.
    expect(starts[119]).toBe(301_200);
  });

  it('keeps a chat within its window as the server counts it, on arrival, whatever the latency jitter', async () => {
    const random = seededIntegers('jitter');
    const { timers, scheduler } = setup();
    const arrivals: number[] = [];
    const wait = (ms: number) => new Promise<void>((resolve) => timers.setTimeout(resolve, ms));
    // Each send reaches the server after 1-80 ms and is answered 1-80 ms later.
    const send = async () => {
      await wait(1 + random(80));
      arrivals.push(timers.clock.now());
      await wait(1 + random(80));
    };
    const done = Array.from({ length: 100 }, () => scheduler.schedule(send, { chatId: -5 }));
    await runUntilIdle(timers, scheduler);
    await Promise.all(done);
    expect(arrivals).toHaveLength(100);
    expectWithinWindow(arrivals, 20, 60_000);
  });

  it('counts a send of several messages (a forward) as that many, waiting for room for all of them', async () => {
    const { timers, scheduler, telegram } = setup();
    const counts = { fifteen: 15, ten: 10, one: 1, thirty: 30 };
    const done = Object.entries(counts).map(([label, count]) =>
      scheduler.schedule(telegram.send('-7', label), { chatId: -7, count }),
    );
    await runUntilIdle(timers, scheduler);
    await Promise.all(done);
    const starts = telegram.startsOf('-7');
    // 15 + 10 do not fit one window of 20: the ten wait until five of the fifteen have left it; the 30
    // (more than a window holds) wait for an empty window.
    // (Each counted from its answer, 50 ms after its start.)
    expect(starts).toEqual([0, 60_050, 60_100, 120_150]);
    const messages = starts.flatMap((start, index) =>
      Array<number>(Math.min(20, Object.values(counts)[index]!)).fill(start),
    );
    expectWithinWindow(messages, 20, 60_000);
    await expect(scheduler.schedule(async () => 1, { chatId: -7, count: 0 })).rejects.toBeInstanceOf(
      ConfigError,
    );
  });

  it('sends replies before bulk under load', async () => {
    const { timers, scheduler, telegram } = setup();
    const done: Promise<string>[] = [];
    for (let chat = 1; chat <= 100; chat++) {
      done.push(scheduler.schedule(telegram.send(String(chat), 'bulk'), { chatId: chat, priority: 'bulk' }));
    }
    for (let chat = 201; chat <= 210; chat++) {
      done.push(
        scheduler.schedule(telegram.send(String(chat), 'reply'), { chatId: chat, priority: 'reply' }),
      );
    }
    await runUntilIdle(timers, scheduler);
    await Promise.all(done);
    const labels = telegram.seen.map((send) => send.label);
    // 30 bulk sends started before the replies arrived; the replies take the next 10 slots.
    expect(labels.slice(0, 30).every((label) => label === 'bulk')).toBe(true);
    expect(labels.slice(30, 40)).toEqual(Array(10).fill('reply'));
    expect(telegram.seen[30]!.startedAt).toBe(1_000);
  });

  it('never starves bulk: a bulk send waiting starvationMs goes before newer replies', async () => {
    const { timers, scheduler, telegram } = setup({ starvationMs: 10_000 });
    const done: Promise<string>[] = [];
    done.push(scheduler.schedule(telegram.send('-5', 'bulk'), { chatId: -5, priority: 'bulk' }));
    done.push(scheduler.schedule(telegram.send('-5', 'bulk-2'), { chatId: -5, priority: 'bulk' }));
    // A backlog of 100 replies, then 40 a second to fresh chats: more than the global 30/s can carry.
    let next = 1;
    for (let index = 0; index < 60; index++) {
      const chat = next++;
      done.push(
        scheduler.schedule(telegram.send(String(chat), 'reply'), { chatId: chat, priority: 'reply' }),
      );
    }
    for (let second = 0; second < 20; second++) {
      for (let index = 0; index < 40; index++) {
        const chat = next++;
        done.push(
          scheduler.schedule(telegram.send(String(chat), 'reply'), { chatId: chat, priority: 'reply' }),
        );
      }
      await timers.advance(1_000);
    }
    const bulkSecond = telegram.seen.find((send) => send.label === 'bulk-2')!;
    expect(bulkSecond.startedAt).toBe(10_000);
    expect(scheduler.stats.queued).toBeGreaterThan(0); // replies were still waiting: it was under load
    await runUntilIdle(timers, scheduler);
    await Promise.all(done);
  });

  it('keeps FIFO per chat and priority, one send in flight per chat, under a random interleaving', async () => {
    const random = seededIntegers('fifo');
    const { timers, scheduler, telegram } = setup({}, () => 1 + random(400));
    const chats = [1, 2, 3, 4, 5, -10, -20, -1002, -1003, '@news'];
    const priorities: SendPriority[] = ['reply', 'normal', 'bulk'];
    const submitted = new Map<string, string[]>();
    const done: Promise<string>[] = [];
    for (let step = 0; step < 600; step++) {
      const chat = chats[random(chats.length)]!;
      const priority = priorities[random(3)]!;
      const key = `${String(chat)}/${priority}`;
      const label = `${key}#${submitted.get(key)?.length ?? 0}`;
      submitted.set(key, [...(submitted.get(key) ?? []), label]);
      done.push(
        scheduler.schedule(telegram.send(String(chat), label), {
          chatId: chat,
          chatKind: chat === '@news' ? 'channel' : undefined,
          priority,
        }),
      );
      if (random(4) === 0) await timers.advance(random(3_000));
    }
    await runUntilIdle(timers, scheduler, 10_000);
    await Promise.all(done);
    expect(telegram.seen).toHaveLength(600);
    for (const [key, labels] of submitted) {
      const chat = key.slice(0, key.indexOf('/'));
      expect(telegram.labelsOf(chat).filter((label) => label.startsWith(`${key}#`))).toEqual(labels);
    }
    expect(telegram.maxInFlightPerChat).toBe(1);
    expectWithinWindow(telegram.startsOf('@news'), 20, 60_000);
    expectWithinWindow(telegram.startsOf('-10'), 20, 60_000);
  });

  it('pauses the chat on FLOOD_WAIT, retries the send first, and lets other chats go on', async () => {
    const lines: string[] = [];
    const { timers, scheduler, telegram } = setup({
      floodWait: { marginMs: 500 },
      logger: { warn: (_details, message) => lines.push(message) },
    });
    const events: FloodWaitEvent[] = [];
    scheduler.on('floodWait', (event) => events.push(event));
    telegram.floodNext('7', 5);
    const first = scheduler.schedule(telegram.send('7', 'a'), { chatId: 7 });
    const second = scheduler.schedule(telegram.send('7', 'b'), { chatId: 7 });
    await timers.advance(100);
    expect(scheduler.stats.pausedChats).toBe(1);
    const other = scheduler.schedule(telegram.send('8', 'x'), { chatId: 8 });
    await timers.advance(100);
    await expect(other).resolves.toBe('x');
    await timers.advance(10_000);
    await expect(first).resolves.toBe('a');
    await expect(second).resolves.toBe('b');
    expect(telegram.labelsOf('7')).toEqual(['a', 'a', 'b']);
    // Failed at 50 ms (latency), paused for 5 s + 500 ms margin.
    expect(telegram.startsOf('7')[1]).toBe(5_550);
    expect(events).toEqual([
      { method: 'messages.sendMessage', seconds: 5, waitMs: 5_500, attempt: 1, chatKey: '7', scope: 'chat' },
    ]);
    expect(lines).toEqual(['FLOOD_WAIT on messages.sendMessage (chat 7): waiting 5 s before retry 1 (chat)']);
    expect(scheduler.stats).toMatchObject({ sent: 3, failed: 0, floodWaits: 1, pausedChats: 0 });
  });

  it('pauses everything on a global FLOOD_WAIT', async () => {
    const { timers, scheduler, telegram } = setup({
      floodWait: { marginMs: 0 },
      floodWaitScope: () => 'global',
    });
    telegram.floodNext('1', 3);
    const first = scheduler.schedule(telegram.send('1', 'a'), { chatId: 1 });
    await timers.advance(60);
    expect(scheduler.stats.globalPaused).toBe(true);
    const other = scheduler.schedule(telegram.send('2', 'x'), { chatId: 2 });
    await timers.advance(2_000);
    expect(telegram.labelsOf('2')).toEqual([]);
    await timers.advance(2_000);
    await expect(Promise.all([first, other])).resolves.toEqual(['a', 'x']);
    expect(telegram.startsOf('2')).toEqual([3_050]);
  });

  it('fails a send whose FLOOD_WAIT is over budget, and still keeps its chat paused', async () => {
    const { timers, scheduler, telegram } = setup({ floodWait: { maxSingleWaitSeconds: 60, marginMs: 0 } });
    const exceeded: FloodBudgetExceededError[] = [];
    scheduler.on('budgetExceeded', (error) => exceeded.push(error));
    telegram.floodNext('3', 120);
    const first = scheduler.schedule(telegram.send('3', 'a'), { chatId: 3 }).catch((error) => error);
    const second = scheduler.schedule(telegram.send('3', 'b'), { chatId: 3 });
    await timers.advance(1_000);
    const error = await first;
    expect(FloodBudgetExceededError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ method: 'messages.sendMessage', seconds: 120, limit: 'single-wait' });
    expect(exceeded).toEqual([error]);
    await timers.advance(118_000);
    expect(telegram.labelsOf('3')).toEqual(['a']);
    await timers.advance(2_000);
    await expect(second).resolves.toBe('b');
    expect(telegram.startsOf('3')[1]).toBe(120_050);
    expect(scheduler.stats).toMatchObject({ sent: 1, failed: 1, budgetExceeded: 1 });
  });

  it('forgets chats that have nothing left to limit, so memory stays bounded', async () => {
    const { timers, scheduler, telegram } = setup({
      limits: { global: [{ limit: 1_000, windowMs: 1_000 }] },
    });
    const batch = (from: number) =>
      Array.from({ length: 1_200 }, (_, index) =>
        scheduler.schedule(telegram.send(String(from + index), 'x'), { chatId: from + index }),
      );
    const first = batch(1);
    await runUntilIdle(timers, scheduler);
    await Promise.all(first);
    expect(scheduler.stats.chats).toBe(1_200);
    await timers.advance(60_000);
    const second = batch(10_001); // the first 1,200 chats are idle by now and swept on the way
    await runUntilIdle(timers, scheduler);
    await Promise.all(second);
    expect(scheduler.stats.chats).toBe(1_200); // the second batch's only: 2,400 without the sweep
    expect(telegram.seen).toHaveLength(2_400);
  });

  it('bounds its queues with QueueFullError', async () => {
    const { timers, scheduler, telegram } = setup({ maxQueued: 3, maxQueuedPerChat: 2, maxInFlight: 1 });
    const running = scheduler.schedule(telegram.send('1', 'running'), { chatId: 1 });
    const kept = [1, 1].map((chat) => scheduler.schedule(telegram.send('1', 'queued'), { chatId: chat }));
    const full = await scheduler.schedule(telegram.send('1', 'x'), { chatId: 1 }).catch((error) => error);
    expect(full).toBeInstanceOf(QueueFullError);
    expect(full.message).toBe('send scheduler (chat 1) is full (2 queued): retry later or raise its limit');
    kept.push(scheduler.schedule(telegram.send('2', 'queued'), { chatId: 2 }));
    await expect(scheduler.schedule(telegram.send('3', 'x'), { chatId: 3 })).rejects.toMatchObject({
      queue: 'send scheduler',
      limit: 3,
    });
    await runUntilIdle(timers, scheduler);
    await Promise.all([running, ...kept]);
  });

  it('aborts queued sends, closes with or without draining, and refuses bad input', async () => {
    const { timers, scheduler, telegram } = setup({ maxInFlight: 1 });
    const controller = new AbortController();
    const first = scheduler.schedule(telegram.send('1', 'a'), { chatId: 1 });
    const aborted = scheduler.schedule(telegram.send('2', 'b'), { chatId: 2, signal: controller.signal });
    const kept = scheduler.schedule(telegram.send('3', 'c'), { chatId: 3 });
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(AbortedError);
    const drained = scheduler.drain();
    await timers.advance(1_000);
    await drained;
    await expect(Promise.all([first, kept])).resolves.toEqual(['a', 'c']);
    expect(telegram.labelsOf('2')).toEqual([]);

    const queuedAtClose = [4, 5].map((chat) =>
      scheduler.schedule(telegram.send(String(chat), 'late'), { chatId: chat }),
    );
    const closing = scheduler.close({ drain: false });
    await expect(queuedAtClose[1]).rejects.toBeInstanceOf(QueueClosedError);
    await timers.advance(1_000);
    await closing;
    await expect(queuedAtClose[0]).resolves.toBe('late'); // it was already in flight
    await expect(scheduler.schedule(telegram.send('6', 'x'), { chatId: 6 })).rejects.toBeInstanceOf(
      QueueClosedError,
    );

    const fresh = setup().scheduler;
    await expect(fresh.schedule(async () => 1, { chatId: 0 })).rejects.toBeInstanceOf(ConfigError);
    await expect(fresh.schedule(async () => 1, { chatId: '@name' })).rejects.toBeInstanceOf(ConfigError);
    await expect(
      fresh.schedule(async () => 1, { priority: 'urgent' as SendPriority }),
    ).rejects.toBeInstanceOf(ConfigError);
    expect(() => new SendScheduler({ limits: { private: [{ limit: 0, windowMs: 1 }] } })).toThrow(
      ConfigError,
    );
    expect(() => new SendScheduler({ maxInFlight: 0 })).toThrow(ConfigError);
    const thrown = new Error('sync');
    await expect(
      fresh.schedule(() => {
        throw thrown;
      }),
    ).rejects.toBe(thrown);
    expect(fresh.stats).toMatchObject({ failed: 1, inFlight: 0, queued: 0 });
  });
});
