import { LocalDc } from 'mtbot-local-dc';
import { MemoryStorage, SessionError } from 'telegram-mtproto-core';
import type { BotApplication } from '../../src/app/bot-application';
import { Broadcast, type BroadcastReport } from '../../src/broadcast/broadcast';
import { BotClient } from '../../src/client/bot-client';
import { Command, Controller } from '../../src/framework';
import { SendScheduler } from '../../src/rate-limit/send-scheduler';
import { MemoryKeyValueStore } from '../../src/stores/memory-key-value-store';
import { appOn, FAST_SEND_LIMITS, waitFor } from '../app/app-harness';
import { botOptions } from '../client/bot-client-harness';

const CHATS = 40;
const NEWS = 'the news';

/** Counts the subscriptions the application has handled. */
let subscribed = 0;

@Controller()
class SubscribeController {
  @Command('start')
  start() {
    subscribed++;
  }
}

describe('Broadcast over the local DC, stopped mid-way and resumed', () => {
  let dc: LocalDc;
  let userIds: bigint[];

  beforeEach(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false });
    userIds = Array.from({ length: CHATS }, (_, index) => dc.createUser({ firstName: `Reader${index}` }).id);
    subscribed = 0;
  });

  afterEach(async () => {
    await dc.stop();
  });

  /** The users write to the bot, so that its peer cache (kept in `storage`) can address them. */
  function subscribeAll(): void {
    for (const userId of userIds)
      dc.sendUserMessage({ fromUserId: userId, toUserId: dc.defaultBot.id, text: '/start' });
  }

  /** Each user got the news exactly once. */
  function expectEachGotItOnce(): void {
    const copies = userIds.map(
      (userId) =>
        dc.history(userId, dc.defaultBot.id).filter((message) => !message.out && message.text === NEWS)
          .length,
    );
    expect(copies).toEqual(Array(CHATS).fill(1));
  }

  it('a send refused by the closed client stays pending: the next run sends exactly the rest', async () => {
    const storage = new MemoryStorage();
    const store = new MemoryKeyValueStore();
    const first = new BotClient(botOptions(dc, { storage }));
    let updates = 0;
    first.onUpdate(() => void updates++);
    await first.start();
    subscribeAll();
    await waitFor(() => updates === CHATS, 'the subscriptions');

    // One send at a time; the bot is stopped gracefully right after the 15th message went out, with
    // nothing in flight, while the broadcast still has 25 chats to go.
    let delivered = 0;
    let attempts = 0;
    const firstRun = await new Broadcast({
      id: 'news',
      chatIds: userIds,
      store,
      scheduler: new SendScheduler({ maxInFlight: 1 }),
      send: async (chatId) => {
        attempts++;
        const message = await first.sendMessage(chatId, NEWS);
        if (++delivered === 15) await first.stop();
        return message;
      },
    }).run();
    expect(firstRun).toMatchObject({ seen: CHATS, sent: 15, failed: 0, skipped: 0, unsent: CHATS - 15 });
    expect(firstRun.interrupted?.reason).toBe('SessionError');
    expect(SessionError.isInstance(firstRun.interrupted?.error)).toBe(true);
    expect((firstRun.interrupted?.error as Error).message).toBe('the client is closed');
    // It stopped at the first refusal instead of trying the 24 chats left (the scheduler starts the
    // next queued send as the refused one settles, before the broadcast hears of it: one more at most).
    expect(attempts).toBeGreaterThanOrEqual(16);
    expect(attempts).toBeLessThanOrEqual(17);

    const second = new BotClient(botOptions(dc, { storage }));
    await second.start();
    try {
      const secondRun = await new Broadcast({
        id: 'news',
        chatIds: userIds,
        store,
        scheduler: new SendScheduler(),
        send: (chatId) => second.sendMessage(chatId, NEWS),
      }).run();
      expect(secondRun).toMatchObject({
        sent: CHATS - 15,
        alreadySent: 15,
        failed: 0,
        skipped: 0,
        uncertain: [],
      });
      expect(secondRun.interrupted).toBeUndefined();
    } finally {
      await second.stop();
    }
    expectEachGotItOnce();
  });

  describe('inside a BotApplication, the documented way (app.broadcast with send: app.client.sendMessage)', () => {
    let app: BotApplication | undefined;

    afterEach(async () => {
      await app?.stop({ timeoutMs: 5_000 });
      app = undefined;
    });

    /** An application on the shared session storage; 40 sends a second, so 40 chats take about 1 s. */
    async function startApp(storage: MemoryStorage): Promise<BotApplication> {
      app = appOn(
        dc,
        {
          controllers: [SubscribeController],
          sendLimits: { ...FAST_SEND_LIMITS, global: [{ limit: 4, windowMs: 100 }] },
        },
        { storage },
      ).app;
      await app.start();
      return app;
    }

    it('does not deadlock, schedules each message once, and app.stop() mid-way leaves the rest for the next run', async () => {
      const storage = new MemoryStorage();
      const store = new MemoryKeyValueStore();
      const first = await startApp(storage);
      subscribeAll();
      await waitFor(() => subscribed === CHATS, 'the subscriptions');

      let stopping: Promise<void> | undefined;
      const firstRun = await first.broadcast({
        id: 'news',
        chatIds: userIds,
        store,
        send: (chatId) => first.client.sendMessage(chatId, NEWS),
        onProgress: (progress) => {
          if (progress.sent === 15) stopping ??= first.stop({ timeoutMs: 5_000 });
        },
      });
      // The stop waits for the broadcast's sends in flight, then closes the client: it does not hang.
      await stopping;
      app = undefined;
      expect(firstRun.aborted).toBe(true);
      expect(firstRun.sent).toBeGreaterThanOrEqual(15);
      expect(firstRun.sent).toBeLessThan(CHATS);
      expect(firstRun.uncertain).toEqual([]);
      expect(firstRun.failures.every((failure) => failure.kind === 'retryable')).toBe(true);
      expect(firstRun.sent + firstRun.failed).toBe(CHATS);

      const second = await startApp(storage);
      const secondRun: BroadcastReport = await second.broadcast({
        id: 'news',
        chatIds: userIds,
        store,
        send: (chatId) => second.client.sendMessage(chatId, NEWS),
      });
      expect(secondRun).toMatchObject({
        alreadySent: firstRun.sent,
        sent: CHATS - firstRun.sent,
        failed: 0,
        skipped: 0,
      });
      expect(secondRun.interrupted).toBeUndefined();
      // Scheduled once each (by the broadcast): the client's hook sent them straight out.
      expect(second.scheduler.stats).toMatchObject({ sent: CHATS - firstRun.sent, queued: 0, inFlight: 0 });
      expectEachGotItOnce();
    });

    it('a Broadcast given app.scheduler, sending through app.client, does not wait on itself', async () => {
      const running = await startApp(new MemoryStorage());
      subscribeAll();
      await waitFor(() => subscribed === CHATS, 'the subscriptions');
      const sentBefore = running.scheduler.stats.sent;
      const report = await new Broadcast({
        id: 'news',
        chatIds: userIds,
        store: new MemoryKeyValueStore(),
        scheduler: running.scheduler,
        send: (chatId) => running.client.sendMessage(chatId, NEWS),
      }).run();
      expect(report).toMatchObject({ sent: CHATS, failed: 0 });
      // Once each: the client's hook saw the broadcast's own turn and did not schedule it again.
      expect(running.scheduler.stats).toMatchObject({ sent: sentBefore + CHATS, queued: 0, inFlight: 0 });
      expectEachGotItOnce();
    });
  });
});
