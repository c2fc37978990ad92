// core's UpdatesDriver against the local DC over TCP: supergroup messages whose handling had not
// finished at a crash come again on the next start, from the getChannelDifference the driver asks
// for each channel it stored as behind, with no new message in those supergroups to show the gap.
// A supergroup the bot was removed from meanwhile (CHANNEL_PRIVATE) is dropped with a warning.
import {
  MemoryStorage,
  UpdatesDriver,
  type Api,
  type MtprotoClient,
  type UpdateHandler,
} from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { ChannelRecord } from '../src/world/group-records';
import type { UserRecord } from '../src/world/records';
import { createClient, loginBot } from './local-dc-harness';

const GROUPS = 6;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitUntil(condition: () => boolean, what: () => string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what()}`);
    await sleep(10);
  }
}

/** The text of a supergroup message an update carries, if it is one. */
function groupText(update: Api.TypeUpdate): string | undefined {
  if (update._ !== 'updateNewChannelMessage') return undefined;
  const message = update.message;
  return message._ === 'message' ? message.message : undefined;
}

/** A handler that records the supergroup message texts it gets in `texts`. */
function collect(texts: string[]): UpdateHandler {
  return (update) => {
    const text = groupText(update);
    if (text !== undefined) texts.push(text);
  };
}

describe('UpdatesDriver over the local DC: channels behind at a crash', () => {
  let dc: LocalDc;
  let users: UserRecord[];
  let groups: ChannelRecord[];
  const clients: MtprotoClient[] = [];

  beforeEach(async () => {
    dc = await LocalDc.start({ port: 0 });
    users = Array.from({ length: GROUPS }, (_, index) => dc.createUser({ firstName: `U${index}` }));
    const bot = dc.defaultBot.id;
    groups = users.map((user, index) =>
      dc.groups.createSupergroup({
        creatorId: user.id,
        title: `G${index}`,
        memberIds: [bot],
        admins: [{ userId: bot }],
      }),
    );
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
    await dc.stop();
  });

  /** A logged-in client and a driver over `storage`; its client is closed after the test. */
  async function startBot(storage: MemoryStorage, handler: UpdateHandler, login: boolean) {
    const client = createClient(dc, storage);
    clients.push(client);
    if (login) await loginBot(client, dc.info.botToken);
    const errors: Error[] = [];
    const warnings: string[] = [];
    const driver = new UpdatesDriver({
      client,
      storage,
      handler,
      onError: (error) => errors.push(error),
      onWarning: (message) => warnings.push(message),
      // The crashed driver is never stopped: its timers must not keep jest alive.
      setTimer: (callback, delayMs) => {
        const timer = setTimeout(callback, delayMs);
        timer.unref();
        return () => clearTimeout(timer);
      },
    });
    await driver.start();
    return { client, driver, errors, warnings };
  }

  /** First run: two messages per supergroup, every handler holding its update; then a crash. */
  async function crashWithGroupMessagesInFlight(storage: MemoryStorage): Promise<string[]> {
    const held: string[] = [];
    const first = await startBot(
      storage,
      (update, _context, ack) => {
        const text = groupText(update);
        if (text === undefined) return;
        held.push(text);
        ack.defer(); // never released: the process dies first
      },
      true,
    );
    const sent: string[] = [];
    for (const round of [0, 1]) {
      groups.forEach((group, index) => {
        const text = `g${index} #${round}`;
        sent.push(text);
        dc.groups.sendMessage({ fromUserId: users[index]!.id, chatId: group.id, text });
      });
    }
    await waitUntil(
      () => held.length === sent.length,
      () => `${held.length} of ${sent.length} held`,
    );
    // Stored: every channel at its pts before its first message, and marked as behind.
    await waitUntil(
      () => first.driver.storedState?.behindChannels?.length === GROUPS,
      () => `behind: ${JSON.stringify(first.driver.storedState?.behindChannels)}`,
    );
    expect([...first.driver.storedState!.behindChannels!].sort()).toEqual(
      groups.map((group) => group.id.toString()).sort(),
    );
    expect(first.errors).toEqual([]);
    // A crash: the connection goes, the driver is dropped without stop().
    await first.client.close();
    return sent;
  }

  it('a restart delivers every supergroup message unfinished at the crash, with no new message sent, and then stores no channel as behind', async () => {
    const storage = new MemoryStorage();
    const sent = await crashWithGroupMessagesInFlight(storage);

    const seen: string[] = [];
    const second = await startBot(storage, collect(seen), false);
    // start() resolves once the catch-up, channels included, is handled.
    expect([...seen].sort()).toEqual([...sent].sort());
    for (const index of groups.keys()) {
      expect(seen.filter((text) => text.startsWith(`g${index} `))).toEqual([`g${index} #0`, `g${index} #1`]);
    }
    expect(second.errors).toEqual([]);
    expect(second.warnings).toEqual([]);
    expect(second.driver.storedState?.behindChannels).toBeUndefined();
    await second.driver.stop();
    await second.client.close();

    // A third start has nothing left to catch up on.
    const again: string[] = [];
    const third = await startBot(storage, collect(again), false);
    await sleep(100);
    expect(again).toEqual([]);
    await third.driver.stop();
  });

  it('drops a supergroup the bot was removed from while down (CHANNEL_PRIVATE) with a warning, and catches up on the others', async () => {
    const storage = new MemoryStorage();
    const sent = await crashWithGroupMessagesInFlight(storage);
    const gone = groups[2]!;
    dc.groups.leave({ chatId: gone.id, userId: dc.defaultBot.id });

    const seen: string[] = [];
    const second = await startBot(storage, collect(seen), false);
    expect([...seen].sort()).toEqual(sent.filter((text) => !text.startsWith('g2 ')).sort());
    expect(second.warnings).toEqual([
      `channel ${gone.id} is not readable any more (CHANNEL_PRIVATE): its updates are no longer followed`,
    ]);
    expect(second.errors).toEqual([]);
    const stored = second.driver.storedState!;
    expect(stored.behindChannels).toBeUndefined();
    expect(stored.channels[gone.id.toString()]).toBeUndefined();
    await second.driver.stop();
  });
});
