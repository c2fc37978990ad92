import { FloodWaitError, type Api, type MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { UserRecord } from '../src/world/records';
import { createClient, loginBot } from './local-dc-harness';

describe('flood limits and fault injection, seen by core MtprotoClient over TCP', () => {
  let dc: LocalDc;
  let alice: UserRecord;
  let peer: Api.InputPeerUser;
  const clients: MtprotoClient[] = [];
  let randomId = 0n;

  const connectBot = async (): Promise<MtprotoClient> => {
    const client = createClient(dc);
    clients.push(client);
    await loginBot(client, dc.info.botToken);
    return client;
  };
  const send = (client: MtprotoClient, text: string) =>
    client.invoke({ _: 'messages.sendMessage', peer, message: text, random_id: ++randomId });

  beforeAll(async () => {
    // A small private-chat limit keeps the test fast: a burst of 2, then one a second.
    dc = await LocalDc.start({ port: 0, floodLimits: { privateChat: { burst: 2, perSecond: 1 } } });
    alice = dc.createUser({ firstName: 'Alice' });
    peer = { _: 'inputPeerUser', user_id: alice.id, access_hash: alice.accessHash };
  });

  afterEach(() => dc.faults.clear());

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await dc.stop();
  });

  it('a bot bursting past the private-chat limit gets FLOOD_WAIT_X and succeeds after waiting X seconds', async () => {
    const bot = await connectBot();
    await send(bot, 'one');
    await send(bot, 'two');
    const error: unknown = await send(bot, 'three').catch((caught: unknown) => caught);
    expect(FloodWaitError.isInstance(error)).toBe(true);
    const { seconds, code } = error as FloodWaitError;
    expect(code).toBe(420);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(1);
    // The refused message was not sent.
    expect(dc.history(alice.id, dc.defaultBot.id).map((message) => message.text)).toEqual(['one', 'two']);

    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    await expect(send(bot, 'three')).resolves.toMatchObject({ _: 'updateShortSentMessage' });
    expect(dc.history(alice.id, dc.defaultBot.id).at(-1)?.text).toBe('three');
  });

  it('a forced FLOOD_WAIT surfaces as FloodWaitError with that X on the bot’s next call only', async () => {
    const bot = await connectBot();
    dc.flood.forceFloodWait(dc.defaultBot.id, 42);
    const error: unknown = await bot.invoke({ _: 'updates.getState' }).catch((caught: unknown) => caught);
    expect(FloodWaitError.isInstance(error)).toBe(true);
    expect((error as FloodWaitError).seconds).toBe(42);
    await expect(bot.invoke({ _: 'updates.getState' })).resolves.toMatchObject({ _: 'updates.state' });
  });

  it('the client recovers when every connection is dropped', async () => {
    const bot = await connectBot();
    const before = await bot.invoke({ _: 'updates.getState' });
    expect(dc.faults.dropConnections()).toBeGreaterThan(0);
    // Same auth key, new connection: still logged in.
    const after = await bot.invoke({ _: 'updates.getState' });
    expect(after.pts).toBe(before.pts);
  });

  it('delays the next reply', async () => {
    const bot = await connectBot();
    dc.faults.delayReplies(400, { replies: 1 });
    const started = Date.now();
    await bot.invoke({ _: 'updates.getState' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    const quick = Date.now();
    await bot.invoke({ _: 'updates.getState' });
    expect(Date.now() - quick).toBeLessThan(400);
  });

  it('drops the next reply: the call times out, the next one is answered', async () => {
    const bot = await connectBot();
    dc.faults.dropReplies({ replies: 1 });
    await expect(bot.invoke({ _: 'updates.getState' }, { timeoutMs: 300 })).rejects.toThrow();
    await expect(bot.invoke({ _: 'updates.getState' })).resolves.toMatchObject({ _: 'updates.state' });
  });
});
