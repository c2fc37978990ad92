import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BotChat, LocalDc, type StoredMessage } from 'mtbot-local-dc';
import { createBot, localDcClientOptions, readEnv, type BotApplication } from 'mtbot';
import { botOptions, BroadcastController } from '../src/bot';
import { BROADCAST_ENV } from '../src/settings';

const texts = (messages: StoredMessage[]): string[] => messages.map((message) => message.text);

async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('broadcast settings', () => {
  it('reads ADMIN_ID and the defaults, and names every malformed variable', () => {
    expect(readEnv(BROADCAST_ENV, { ADMIN_ID: '1000000001' })).toEqual({
      values: { ADMIN_ID: 1000000001n, DATA_DIR: '.data' },
      issues: [],
    });
    const { issues } = readEnv(BROADCAST_ENV, { ADMIN_ID: '@admin' });
    expect(issues.map((issue) => issue.variable)).toEqual(['ADMIN_ID']);
  });
});

describe('broadcast example', () => {
  let dc: LocalDc;
  let directory: string;
  let admin: BotChat;
  const apps: BotApplication[] = [];
  let floodWaits = 0;

  /** A bot over DATA_DIR and a session file there (so a restarted bot knows the subscribers' chats). */
  async function startBot(): Promise<BotApplication> {
    const app = createBot({
      ...botOptions,
      client: localDcClientOptions(dc.info, { storage: join(directory, 'bot.session.json') }),
    });
    app.scheduler.on('floodWait', () => floodWaits++);
    app.retrier.on('floodWait', () => floodWaits++);
    apps.push(app);
    await app.start();
    return app;
  }

  /** `count` new users, each subscribed. */
  async function subscribers(count: number, name: string): Promise<BotChat[]> {
    const chats = Array.from({ length: count }, (_, index) =>
      BotChat.open(dc, { user: { firstName: `${name} ${index}` } }),
    );
    const replies = await Promise.all(chats.map((chat) => chat.send('/subscribe', { timeoutMs: 10_000 })));
    expect(new Set(replies.map((reply) => reply.map((message) => message.text).join()))).toEqual(
      new Set(['Subscribed. /unsubscribe stops it.']),
    );
    return chats;
  }

  const received = (chat: BotChat, text: string): number =>
    chat.history().filter((message) => !message.out && message.text === text).length;

  /** The admin's latest status message once it reports the end. */
  async function finalReport(): Promise<string> {
    const done = () => admin.history().find((message) => message.text.startsWith('Broadcast done'));
    await waitFor(() => done() !== undefined, 'the broadcast report');
    return done()!.text;
  }

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'broadcast-test-'));
    // Telegram's own flood limits (the local DC's defaults): 30 messages a second per bot.
    dc = await LocalDc.start({ port: 0 });
    admin = BotChat.open(dc, { user: { firstName: 'Admin' } });
    process.env['ADMIN_ID'] = String(admin.userId);
    process.env['DATA_DIR'] = directory;
    floodWaits = 0;
  });

  afterEach(async () => {
    for (const app of apps.splice(0)) await app.stop();
    await dc.stop();
    for (const name of ['ADMIN_ID', 'DATA_DIR']) delete process.env[name];
    await rm(directory, { recursive: true, force: true });
  });

  it('subscribes and unsubscribes, and keeps /broadcast for the admin', async () => {
    await startBot();
    // At most three messages a chat: the bot keeps to Telegram's 3 in 3 s per private chat.
    const [alice, bob] = await subscribers(2, 'User');
    expect(texts(await alice!.send('/subscribe'))).toEqual(['You are subscribed already.']);
    expect(texts(await alice!.send('/unsubscribe'))).toEqual(['Unsubscribed. /subscribe brings it back.']);
    expect(texts(await bob!.send('/unsubscribe'))).toEqual(['Unsubscribed. /subscribe brings it back.']);
    expect(texts(await bob!.send('/unsubscribe'))).toEqual(['You were not subscribed.']);
    const carol = BotChat.open(dc, { user: { firstName: 'Carol' } });
    expect(texts(await carol.send('/broadcast Free pizza'))).toEqual(['Only the admin can broadcast.']);
    expect(texts(await admin.send('/broadcast'))).toEqual(['Usage: /broadcast <text>']);
  });

  it('tells a user their id when no ADMIN_ID is set', async () => {
    delete process.env['ADMIN_ID'];
    await startBot();
    expect(texts(await admin.send('/broadcast Hello'))).toEqual([
      `No admin is set: start the bot with ADMIN_ID=${admin.userId} to make it you.`,
    ]);
  });

  it('sends to every subscriber exactly once within the flood limits, with progress and a report', async () => {
    await startBot();
    const chats = await subscribers(35, 'Reader');
    const [leaver] = await subscribers(1, 'Leaver');
    await leaver!.send('/unsubscribe');
    const statusTexts: string[] = [];
    admin.onBotEvent(({ message }) => statusTexts.push(message.text));

    // 36 users subscribing within a second may have met a FLOOD_WAIT (the bot's 30 a second is
    // Telegram's too, and the two clocks differ by milliseconds); the broadcast must meet none.
    floodWaits = 0;
    await admin.send('/broadcast Release 2.0 is out!');
    expect(await finalReport()).toBe('Broadcast done: 35 of 35 subscribers got it.');
    expect(chats.map((chat) => received(chat, 'Release 2.0 is out!'))).toEqual(Array(35).fill(1));
    expect(received(leaver!, 'Release 2.0 is out!')).toBe(0);
    expect(received(admin, 'Release 2.0 is out!')).toBe(0);
    // The status message went from its start through progress edits to the report.
    expect(statusTexts[0]).toBe('Broadcasting to 35 subscribers…');
    expect(statusTexts.some((text) => /^Broadcasting to 35 subscribers… \d+ sent$/.test(text))).toBe(true);
    expect(floodWaits).toBe(0);
  });

  it('resumes a broadcast stopped midway after a restart, without sending anyone a second copy', async () => {
    const first = await startBot();
    const chats = await subscribers(35, 'Reader');
    const text = 'Maintenance tonight';
    const delivered = () => chats.filter((chat) => received(chat, text) > 0).length;
    await admin.send(`/broadcast ${text}`);
    await waitFor(() => delivered() >= 8, 'the first deliveries');
    await first.stop();
    await first.container.resolve(BroadcastController).broadcaster.idle();
    const before = delivered();
    expect(before).toBeGreaterThanOrEqual(8);
    expect(before).toBeLessThan(35);
    expect(admin.history().some((message) => message.text.startsWith('Broadcast done'))).toBe(false);

    // A new bot on the same files picks the broadcast up by itself.
    await startBot();
    const report = await finalReport();
    expect(report).toBe(
      `Broadcast done: 35 of 35 subscribers got it.\n${before} of them before the bot restarted.`,
    );
    expect(chats.map((chat) => received(chat, text))).toEqual(Array(35).fill(1));
    // Only one broadcast status message: the resumed run edits the same one.
    expect(
      admin.history().filter((message) => !message.out && message.text.startsWith('Broad')),
    ).toHaveLength(1);
  });
});
