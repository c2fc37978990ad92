import { Command, Controller, Ctx, type Context } from '../../src/framework';
import type { LocalDc, StoredMessage } from 'mtbot-local-dc';
import type { BotApplication } from '../../src/app/bot-application';
import { Broadcaster } from '../../src/app/broadcaster';
import { runWithPriority } from '../../src/app/send-mode';
import type { BroadcastReport } from '../../src/broadcast/broadcast';
import { BotClient } from '../../src/client/bot-client';
import type { ScheduleOptions } from '../../src/rate-limit/send-scheduler';
import type { SendPriority } from '../../src/rate-limit/send-priority';
import { MemoryKeyValueStore } from '../../src/stores/memory-key-value-store';
import { appOn, FAST_SEND_LIMITS, metricValue, startDc, waitFor } from './app-harness';

const SUBSCRIBERS = 60;
const ANNOUNCEMENT = 'big news';

/** What the controller shares with the test (one test at a time). */
const world = {
  subscribers: [] as bigint[],
  store: new MemoryKeyValueStore(),
  reports: [] as BroadcastReport[],
  abort: new AbortController(),
};

@Controller()
class NewsController {
  constructor(
    private readonly broadcaster: Broadcaster,
    private readonly client: BotClient,
  ) {}

  @Command('sub')
  subscribe(@Ctx() ctx: Context) {
    world.subscribers.push(ctx.from!.id);
  }

  /** Starts the broadcast and returns at once: the chat is free for its next update. */
  @Command('announce')
  async announce(@Ctx() ctx: Context) {
    void this.broadcaster
      .broadcast({
        id: 'news-1',
        chatIds: world.subscribers,
        text: ANNOUNCEMENT,
        store: world.store,
        signal: world.abort.signal,
      })
      .then((report) => world.reports.push(report));
    await ctx.reply('started');
  }

  @Command('ping')
  ping(@Ctx() ctx: Context) {
    return ctx.reply(`pong ${ctx.args}`);
  }

  /** Sends to three chats at bulk priority, from the handler itself. */
  @Command('digest')
  async digest(@Ctx() ctx: Context) {
    const team = world.subscribers.slice(0, 3);
    await runWithPriority('bulk', () =>
      Promise.all(team.map((chatId) => this.client.sendMessage(chatId, 'digest'))),
    );
    await ctx.reply('digest sent');
  }
}

/** The bot's copy of a message: its id there is the bot's global send and receive order. */
const botSequence = (message: StoredMessage): number => message.counterpart.messageId;

describe('BotApplication.broadcast', () => {
  let dc: LocalDc;
  let app: BotApplication | undefined;
  let scheduled: SendPriority[];

  beforeEach(async () => {
    dc = await startDc();
    world.subscribers = [];
    world.store = new MemoryKeyValueStore();
    world.reports = [];
    world.abort = new AbortController();
    scheduled = [];
  });

  afterEach(async () => {
    await app?.stop({ timeoutMs: 5_000 });
    app = undefined;
    await dc.stop();
  });

  /** An app whose global rate (40 a second) makes a broadcast to 60 chats last about 1.5 s. */
  async function startApp() {
    const built = appOn(dc, {
      controllers: [NewsController],
      sendLimits: { ...FAST_SEND_LIMITS, global: [{ limit: 4, windowMs: 100 }] },
    });
    app = built.app;
    const schedule = app.scheduler.schedule.bind(app.scheduler);
    jest
      .spyOn(app.scheduler, 'schedule')
      .mockImplementation((send: () => Promise<unknown>, options?: ScheduleOptions) => {
        scheduled.push(options?.priority ?? 'normal');
        return schedule(send, options);
      });
    await app.start();
    const botId = dc.defaultBot.id;
    const users = Array.from({ length: SUBSCRIBERS }, (_, index) =>
      dc.createUser({ firstName: `User${index}` }),
    );
    for (const user of users) dc.sendUserMessage({ fromUserId: user.id, toUserId: botId, text: '/sub' });
    await waitFor(() => world.subscribers.length === SUBSCRIBERS, 'the subscriptions');
    const admin = dc.createUser({ firstName: 'Admin' });
    const inbox = (userId: bigint) => dc.history(userId, botId).filter((message) => !message.out);
    return { built, botId, users, admin, inbox };
  }

  it('schedules each message once at bulk priority while replies to users overtake it', async () => {
    const { built, botId, users, admin, inbox } = await startApp();
    const pingers = users.slice(0, 3);
    const announcementOf = (userId: bigint) => inbox(userId).filter((m) => m.text === ANNOUNCEMENT);
    const broadcastDone = () => world.reports.length === 1;

    dc.sendUserMessage({ fromUserId: admin.id, toUserId: botId, text: '/announce' });
    await waitFor(() => inbox(admin.id).length === 1, 'the admin reply');
    // Users keep sending commands while the broadcast runs, each waiting for its answer.
    const pings: { command: StoredMessage; reply: StoredMessage }[] = [];
    await Promise.all(
      pingers.map(async (user, index) => {
        for (let round = 0; !broadcastDone() && round < 10; round++) {
          const text = `/ping ${index}-${round}`;
          const command = dc.sendUserMessage({ fromUserId: user.id, toUserId: botId, text });
          await waitFor(
            () => inbox(user.id).some((m) => m.text === `pong ${index}-${round}`),
            `the reply to ${text}`,
          );
          const reply = inbox(user.id).find((m) => m.text === `pong ${index}-${round}`)!;
          pings.push({ command, reply });
        }
      }),
    );
    await waitFor(broadcastDone, 'the broadcast report', 20_000);

    const report = world.reports[0]!;
    expect(report).toMatchObject({ sent: SUBSCRIBERS, failed: 0, skipped: 0, aborted: false });
    for (const user of users) expect(announcementOf(user.id)).toHaveLength(1);

    // Ordering: between a command reaching the bot and its reply, only the broadcast messages already
    // let through the global window (4) go out, not the rest of the queue.
    const broadcastOrder = users.map((user) => botSequence(announcementOf(user.id)[0]!));
    const lastBroadcast = Math.max(...broadcastOrder);
    const during = pings.filter(({ reply }) => botSequence(reply) < lastBroadcast);
    expect(during.length).toBeGreaterThanOrEqual(3);
    for (const { command, reply } of during) {
      const overtaken = broadcastOrder.filter(
        (sequence) => sequence > botSequence(command) && sequence < botSequence(reply),
      );
      expect(overtaken.length).toBeLessThanOrEqual(8);
    }
    // The first replies overtook a queue of broadcast messages (with FIFO order they would be last).
    const firstReply = Math.min(...during.map(({ reply }) => botSequence(reply)));
    expect(broadcastOrder.filter((sequence) => sequence > firstReply).length).toBeGreaterThan(20);

    // Each message the bot sent was scheduled exactly once, the broadcast's at bulk priority.
    const botMessages = [...users, admin].reduce((sum, user) => sum + inbox(user.id).length, 0);
    expect(scheduled).toHaveLength(botMessages);
    expect(scheduled.filter((priority) => priority === 'bulk')).toHaveLength(SUBSCRIBERS);
    expect(scheduled.filter((priority) => priority === 'reply')).toHaveLength(1 + pings.length);
    expect(app!.scheduler.stats.sent).toBe(botMessages);
    expect(app!.scheduler.stats.floodWaits).toBe(0);
    expect(metricValue(built.registry, 'mtbot_flood_waits_total{method="messages.sendMessage"}')).toBe(0);
  });

  it('resumes by id after its signal stopped it: no chat gets the message twice', async () => {
    const { botId, users, admin, inbox } = await startApp();
    dc.sendUserMessage({ fromUserId: admin.id, toUserId: botId, text: '/announce' });
    const announced = () => users.filter((user) => inbox(user.id).some((m) => m.text === ANNOUNCEMENT));
    await waitFor(() => announced().length >= 10, 'the first announcements');
    world.abort.abort();
    await waitFor(() => world.reports.length === 1, 'the stopped report');
    const first = world.reports[0]!;
    // The sends queued when it stopped never started: retryable, so their chats are not marked.
    expect(first.sent).toBeLessThan(SUBSCRIBERS);
    expect(first.sent + first.failed).toBe(SUBSCRIBERS);
    expect(first.failures.every((failure) => failure.kind === 'retryable')).toBe(true);

    const second = await app!.broadcast({
      id: 'news-1',
      chatIds: world.subscribers,
      text: ANNOUNCEMENT,
      store: world.store,
    });
    expect(second.alreadySent).toBe(first.sent);
    expect(first.sent + second.sent).toBe(SUBSCRIBERS);
    for (const user of users) {
      expect(inbox(user.id).filter((m) => m.text === ANNOUNCEMENT)).toHaveLength(1);
    }
    // Scheduled once per run that tried the chat; sent once per chat.
    expect(scheduled.filter((priority) => priority === 'bulk')).toHaveLength(SUBSCRIBERS + first.failed);
    expect(app!.scheduler.stats.sent).toBe(SUBSCRIBERS + 1);
  });

  it('runWithPriority sends from a handler at bulk priority, once each', async () => {
    const { botId, users, admin, inbox } = await startApp();
    dc.sendUserMessage({ fromUserId: admin.id, toUserId: botId, text: '/digest' });
    await waitFor(() => inbox(admin.id).length === 1, 'the digest reply');
    for (const user of users.slice(0, 3)) expect(inbox(user.id).map((m) => m.text)).toEqual(['digest']);
    expect(scheduled).toEqual(['bulk', 'bulk', 'bulk', 'reply']);
  });

  it('stops a running broadcast when the application stops, and refuses new ones', async () => {
    const { botId, admin, inbox } = await startApp();
    dc.sendUserMessage({ fromUserId: admin.id, toUserId: botId, text: '/announce' });
    await waitFor(() => inbox(admin.id).length === 1, 'the admin reply');
    const running = app!;
    await running.stop({ timeoutMs: 5_000 });
    app = undefined;
    expect(world.reports).toHaveLength(1);
    const report = world.reports[0]!;
    expect(report.sent).toBeLessThan(SUBSCRIBERS);
    expect(report.failures.length).toBeGreaterThan(0);
    expect(report.failures.every((failure) => failure.kind === 'retryable')).toBe(true);
    await expect(
      running.broadcast({ id: 'late', chatIds: [1], text: 'x', store: world.store }),
    ).rejects.toMatchObject({ name: 'QueueClosedError' });
  });
});
