// core's UpdatesDriver against the local DC over TCP: users write to the bot in three private chats
// while the bot is up, down, and restarting; every message reaches the handler exactly once and in
// per-chat order. Issue 5 asks for 10,000 messages; that run took about 6 s here (200: 0.5 s, 2,000:
// 1.5 s). MTBOT_CATCH_UP_MESSAGES changes the count.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createSeededRandomSource,
  FileStorage,
  MemoryStorage,
  UpdatesDriver,
  type Api,
  type MtprotoClient,
  type SessionStorage,
  type UpdateHandler,
} from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { UserRecord } from '../src/world/records';
import { createClient, loginBot } from './local-dc-harness';

const MESSAGES = Number(process.env.MTBOT_CATCH_UP_MESSAGES ?? 10_000);

interface Seen {
  chat: bigint;
  text: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitUntil(condition: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what()}`);
    await sleep(10);
  }
}

/** The incoming private message an update carries, if it is one. */
function incoming(update: Api.TypeUpdate): Seen | undefined {
  if (update._ !== 'updateNewMessage') return undefined;
  const message = update.message as Api.Message;
  if (message.out) return undefined;
  return { chat: (message.peer_id as Api.PeerUser).user_id, text: message.message };
}

/** A local DC (small difference slices, so catch-up takes several rounds) with three users. */
async function startWorld(): Promise<{ dc: LocalDc; users: UserRecord[] }> {
  const dc = await LocalDc.start({ port: 0, differenceSliceSize: 25 });
  const users = ['Alice', 'Bob', 'Carol'].map((firstName) => dc.createUser({ firstName }));
  return { dc, users };
}

/** Sends one message from a random user, remembering each chat's messages in order. */
function messageSender(dc: LocalDc, users: readonly UserRecord[], seed: string) {
  const random = createSeededRandomSource(seed);
  const randomInt = (bound: number) => random(1)[0]! % bound;
  const sent = new Map<bigint, string[]>(users.map((user) => [user.id, []]));
  const send = (index: number) => {
    const user = users[randomInt(users.length)]!;
    const text = `${user.firstName} #${sent.get(user.id)!.length} (${index})`;
    sent.get(user.id)!.push(text);
    dc.sendUserMessage({ fromUserId: user.id, toUserId: dc.defaultBot.id, text });
  };
  return { sent, send, randomInt };
}

/** Starts and stops the bot (client + driver) over storages the test opens and closes. */
class BotRunner {
  private client: MtprotoClient | undefined;
  private driver: UpdatesDriver | undefined;
  private storage: SessionStorage | undefined;
  private loggedIn = false;
  starts = 0;
  readonly errors: Error[] = [];

  constructor(
    private readonly dc: LocalDc,
    private readonly openStorage: () => Promise<SessionStorage>,
    private readonly closeStorage: (storage: SessionStorage) => Promise<void>,
    private readonly handler: UpdateHandler,
  ) {}

  get running(): boolean {
    return this.driver !== undefined;
  }

  async start(): Promise<void> {
    const storage = await this.openStorage();
    const client = createClient(this.dc, storage);
    if (!this.loggedIn) {
      await loginBot(client, this.dc.info.botToken);
      this.loggedIn = true;
    }
    const driver = new UpdatesDriver({
      client,
      storage,
      handler: this.handler,
      onError: (error) => this.errors.push(error),
    });
    Object.assign(this, { client, driver, storage });
    this.starts++;
    await driver.start();
  }

  async stop(): Promise<void> {
    await this.driver?.stop();
    await this.client?.close();
    if (this.storage) await this.closeStorage(this.storage);
    Object.assign(this, { client: undefined, driver: undefined, storage: undefined });
  }

  /** A crash: the client goes away and the driver is dropped without stop(); the storage keeps what was stored. */
  async crash(): Promise<void> {
    await this.client?.close();
    Object.assign(this, { client: undefined, driver: undefined, storage: undefined });
  }
}

/**
 * Up for the first tenth (live pushes), down, up again (restart 1) while users keep writing, down,
 * up again (restart 2), down for the rest, and a final start at the end; the handler must see every
 * message once, in per-chat order.
 */
async function runRestartScenario(
  messages: number,
  openStorage: () => Promise<SessionStorage>,
  closeStorage: (storage: SessionStorage) => Promise<void>,
): Promise<number> {
  const { dc, users } = await startWorld();
  try {
    const seen: Seen[] = [];
    const bot = new BotRunner(dc, openStorage, closeStorage, async (update) => {
      const message = incoming(update);
      if (!message) return;
      seen.push(message);
      // A handler that takes its time now and then, so pushes queue up behind it.
      if (seen.length % 17 === 0) await sleep(1);
    });
    const { sent, send, randomInt } = messageSender(dc, users, `catch-up ${messages}`);
    const plan = new Map<number, 'start' | 'stop'>([
      [Math.floor(messages * 0.1), 'stop'],
      [Math.floor(messages * 0.35), 'start'],
      [Math.floor(messages * 0.5), 'stop'],
      [Math.floor(messages * 0.65), 'start'],
      [Math.floor(messages * 0.8), 'stop'],
    ]);
    const began = Date.now();
    await bot.start();
    for (let index = 0; index < messages; index++) {
      const step = plan.get(index);
      if (step === 'stop') await bot.stop();
      else if (step === 'start') await bot.start();
      send(index);
      // Random intervals: mostly back to back, sometimes a pause that lets pushes through.
      if (randomInt(4) === 0) await sleep(randomInt(3));
    }
    expect(bot.running).toBe(false);
    await bot.start();
    await waitUntil(
      () => seen.length >= messages,
      45_000,
      () => `${seen.length} of ${messages} delivered`,
    );
    // Anything delivered twice would show up now.
    await sleep(200);
    const elapsedMs = Date.now() - began;
    await bot.stop();

    expect(bot.starts).toBe(4);
    expect(bot.errors).toEqual([]);
    expect(seen).toHaveLength(messages);
    for (const user of users) {
      expect(seen.filter((entry) => entry.chat === user.id).map((entry) => entry.text)).toEqual(
        sent.get(user.id),
      );
    }
    return elapsedMs;
  } finally {
    await dc.stop();
  }
}

describe('UpdatesDriver over the local DC: catch-up across restarts', () => {
  it(`delivers ${MESSAGES} messages sent while the bot is down and restarting, each once, in per-chat order (MemoryStorage kept)`, async () => {
    const storage = new MemoryStorage();
    const elapsedMs = await runRestartScenario(
      MESSAGES,
      async () => storage,
      async () => undefined,
    );
    // For the record (CI logs): how long the whole run took.
    process.stdout.write(`updates-driver catch-up: ${MESSAGES} messages, 4 starts, ${elapsedMs} ms\n`);
  }, 60_000);

  it('does the same with a FileStorage closed at each stop and reopened from disk at each start (1,000 messages)', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'mtbot-updates-driver-'));
    try {
      const path = join(directory, 'bot.session.json');
      const elapsedMs = await runRestartScenario(
        1_000,
        () => FileStorage.open(path),
        (storage) => storage.close(),
      );
      process.stdout.write(
        `updates-driver catch-up (FileStorage): 1000 messages, 4 starts, ${elapsedMs} ms\n`,
      );
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }, 60_000);

  it('after a crash (no stop), re-delivers only what came after the last stored state: at least once, nothing lost', async () => {
    const { dc, users } = await startWorld();
    try {
      const storage = new MemoryStorage();
      const seen: Seen[] = [];
      let hangAt = 30;
      const bot = new BotRunner(
        dc,
        async () => storage,
        async () => undefined,
        async (update) => {
          const message = incoming(update);
          if (!message) return;
          seen.push(message);
          // The 30th message's handler never returns: the process "dies" while handling it.
          if (seen.length === hangAt) await new Promise<never>(() => undefined);
        },
      );
      const { sent, send } = messageSender(dc, users, 'crash');
      // A first run stores the state; the messages come while the bot is down.
      await bot.start();
      await bot.stop();
      for (let index = 0; index < 50; index++) send(index);
      // start() resolves once the catch-up is handled, which the hanging handler never lets happen.
      void bot.start();
      await waitUntil(
        () => seen.length >= 30,
        10_000,
        () => `${seen.length} of 30 delivered`,
      );
      await bot.crash();
      const beforeCrash = seen.length;
      expect(beforeCrash).toBe(30);
      hangAt = -1;
      await bot.start();
      await waitUntil(
        () => new Set(seen.map((entry) => entry.text)).size >= 50,
        10_000,
        () => `${new Set(seen.map((entry) => entry.text)).size} of 50 distinct delivered`,
      );
      await sleep(100);
      await bot.stop();

      // Every message arrived; the ones after the last stored state came again, in order.
      const afterRestart = seen.slice(beforeCrash);
      const all = [...sent.values()].flat();
      expect(new Set(seen.map((entry) => entry.text))).toEqual(new Set(all));
      expect(afterRestart.length).toBeGreaterThan(50 - beforeCrash);
      const firstAgain = afterRestart[0]!;
      const redelivered = seen.slice(0, beforeCrash).findIndex((entry) => entry.text === firstAgain.text);
      expect(redelivered).toBeGreaterThanOrEqual(0);
      expect(seen.slice(redelivered, beforeCrash)).toEqual(afterRestart.slice(0, beforeCrash - redelivered));
      for (const user of users) {
        const chat = afterRestart.filter((entry) => entry.chat === user.id).map((entry) => entry.text);
        const expected = sent.get(user.id)!;
        expect(chat).toEqual(expected.slice(expected.length - chat.length));
      }
    } finally {
      await dc.stop();
    }
  });
});
