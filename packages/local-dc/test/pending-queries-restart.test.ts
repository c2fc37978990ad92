/**
 * Button presses and inline queries still waiting for the bot survive a DC restart (dc.restart() with
 * a data dir): the bot answers after it reconnects and the user gets that answer; a query made while
 * the bot had no session yet reaches it once it has one; a query that timed out is never delivered.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage, type MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { UserRecord } from '../src/world/records';
import { createClient, loginBot, nextInnerUpdate, rpcErrorOf, UpdateCollector } from './local-dc-harness';

describe('pending callback and inline queries across a DC restart', () => {
  let dataDir: string;
  let dc: LocalDc;
  let alice: UserRecord;
  const storage = new MemoryStorage();
  let bot: MtprotoClient;
  let updates: UpdateCollector;
  let messageId: number;
  /** Query ids already handled, so each test waits for its own press. */
  const seen = new Set<bigint>();

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mtbot-local-dc-pending-'));
    dc = await LocalDc.start({ port: 0, floodLimits: false, dataDir });
    alice = dc.createUser({ firstName: 'Alice' });
    bot = createClient(dc, storage);
    updates = new UpdateCollector(bot);
    await loginBot(bot, dc.info.botToken);
    await bot.invoke({
      _: 'messages.sendMessage',
      peer: { _: 'inputPeerUser', user_id: alice.id, access_hash: alice.accessHash },
      message: 'Menu',
      random_id: 1n,
      reply_markup: {
        _: 'replyInlineMarkup',
        rows: [
          {
            _: 'keyboardButtonRow',
            buttons: [{ _: 'keyboardButtonCallback', text: 'Go', data: new TextEncoder().encode('go') }],
          },
        ],
      },
    });
    messageId = dc.history(alice.id, dc.defaultBot.id).at(-1)!.id;
  });

  afterAll(async () => {
    await bot.close();
    await dc.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const press = (timeoutMs = 10_000) =>
    dc.bots.pressButton({ userId: alice.id, botId: dc.defaultBot.id, messageId, timeoutMs });

  it('a press the bot got before the restart is answered after it, and the user gets that answer', async () => {
    const pressed = press();
    const query = await nextInnerUpdate(updates, 'updateBotCallbackQuery');
    seen.add(query.query_id);
    await dc.restart();
    // The same client reconnects by itself under its key.
    await bot.invoke({
      _: 'messages.setBotCallbackAnswer',
      query_id: query.query_id,
      message: 'after the restart',
      cache_time: 0,
    });
    await expect(pressed).resolves.toMatchObject({ message: 'after the restart' });
  });

  it('a press and an inline query made while the bot has no session reach it once it is back', async () => {
    await bot.close();
    await dc.restart();
    // Nobody can reach the bot now: the restarted DC knows its key but has no session for it.
    const expired = press(100);
    await expect(expired).rejects.toEqual(expect.objectContaining({ text: 'BOT_RESPONSE_TIMEOUT' }));
    const pressed = press();
    const inline = dc.bots.inlineQuery({
      userId: alice.id,
      botId: dc.defaultBot.id,
      query: 'late',
      timeoutMs: 10_000,
    });

    bot = createClient(dc, storage);
    updates = new UpdateCollector(bot);
    await bot.invoke({ _: 'updates.getState' }); // its first message opens the session
    const query = await nextInnerUpdate(updates, 'updateBotCallbackQuery');
    seen.add(query.query_id);
    const inlineQuery = await nextInnerUpdate(updates, 'updateBotInlineQuery');
    expect(inlineQuery.query).toBe('late');
    await bot.invoke({
      _: 'messages.setBotCallbackAnswer',
      query_id: query.query_id,
      message: 'caught up',
      cache_time: 0,
    });
    await bot.invoke({
      _: 'messages.setInlineBotResults',
      query_id: inlineQuery.query_id,
      results: [],
      cache_time: 0,
    });
    await expect(pressed).resolves.toMatchObject({ message: 'caught up' });
    await expect(inline).resolves.toMatchObject({ results: [] });
    // The press that timed out was dropped, not delivered late: exactly one press came.
    const presses = updates.received.flatMap((each) =>
      each._ === 'updates' ? each.updates.filter((update) => update._ === 'updateBotCallbackQuery') : [],
    );
    expect(presses).toHaveLength(1);
    await expect(
      bot.invoke({ _: 'messages.setBotCallbackAnswer', query_id: 777n, cache_time: 0 }),
    ).rejects.toEqual(rpcErrorOf('QUERY_ID_INVALID', 400));
  });

  it('a press still waiting when the DC stops gets BOT_RESPONSE_TIMEOUT at once, and the new DC does not know it', async () => {
    const pressed = press(60_000);
    const query = await nextInnerUpdate(
      updates,
      'updateBotCallbackQuery',
      (each) => !seen.has(each.query_id),
    );
    await bot.close();
    await dc.stop();
    await expect(pressed).rejects.toEqual(expect.objectContaining({ text: 'BOT_RESPONSE_TIMEOUT' }));
    dc = await LocalDc.start({ port: 0, floodLimits: false, dataDir });
    bot = createClient(dc, storage);
    await bot.invoke({ _: 'updates.getState' });
    await expect(
      bot.invoke({ _: 'messages.setBotCallbackAnswer', query_id: query.query_id, cache_time: 0 }),
    ).rejects.toEqual(rpcErrorOf('QUERY_ID_INVALID', 400));
  });
});
