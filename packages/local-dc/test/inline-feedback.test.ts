/**
 * Inline feedback (core.telegram.org/constructor/updateBotInlineSend; BotFather's /setinlinefeedback)
 * over real sockets: off by default; once on, each result a user sends reaches the bot with the result
 * id, the query and the user, and for a result with buttons its inline message id, by which the bot
 * edits the message. The setting is kept in the data dir.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Api, MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { UserRecord } from '../src/world/records';
import { createClient, loginBot, nextInnerUpdate, UpdateCollector } from './local-dc-harness';

const keyboard: Api.ReplyInlineMarkup = {
  _: 'replyInlineMarkup',
  rows: [
    {
      _: 'keyboardButtonRow',
      buttons: [{ _: 'keyboardButtonCallback', text: 'Like', data: new TextEncoder().encode('like') }],
    },
  ],
};

/** `userId` asks `botId` for `query`; the bot answers with one text result (with buttons if asked); the user sends it. */
async function sendResult(
  dc: LocalDc,
  bot: MtprotoClient,
  updates: UpdateCollector,
  input: { userId: bigint; botId: bigint; peerId: bigint; query: string; withButtons: boolean },
) {
  const results = dc.bots.inlineQuery({
    userId: input.userId,
    botId: input.botId,
    query: input.query,
    timeoutMs: 5000,
  });
  const query = await nextInnerUpdate(updates, 'updateBotInlineQuery', (each) => each.query === input.query);
  await bot.invoke({
    _: 'messages.setInlineBotResults',
    query_id: query.query_id,
    results: [
      {
        _: 'inputBotInlineResult',
        id: `result-${input.query}`,
        type: 'article',
        title: input.query,
        send_message: {
          _: 'inputBotInlineMessageText',
          message: `about ${input.query}`,
          reply_markup: input.withButtons ? keyboard : undefined,
        },
      },
    ],
    cache_time: 0,
  });
  await results;
  return dc.bots.sendInlineResult({
    userId: input.userId,
    peerId: input.peerId,
    queryId: query.query_id,
    resultId: `result-${input.query}`,
  });
}

describe('inline feedback (updateBotInlineSend)', () => {
  let dc: LocalDc;
  let alice: UserRecord;
  let bob: UserRecord;
  let bot: MtprotoClient;
  let updates: UpdateCollector;
  const send = (query: string, withButtons: boolean, peerId = bob.id) =>
    sendResult(dc, bot, updates, { userId: alice.id, botId: dc.defaultBot.id, peerId, query, withButtons });
  const inlineSends = () =>
    updates.received.flatMap((each) =>
      each._ === 'updates' ? each.updates.filter((update) => update._ === 'updateBotInlineSend') : [],
    );

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false });
    alice = dc.createUser({ firstName: 'Alice' });
    bob = dc.createUser({ firstName: 'Bob' });
    bot = createClient(dc);
    updates = new UpdateCollector(bot);
    await loginBot(bot, dc.info.botToken);
  });

  afterAll(async () => {
    await bot.close();
    await dc.stop();
  });

  it('is off by default; on, a sent result without buttons reaches the bot with id, query and user, no msg_id', async () => {
    await send('quiet', false);
    dc.bots.setInlineFeedback(dc.defaultBot.id, true);
    await send('cats', false);
    const chosen = await nextInnerUpdate(updates, 'updateBotInlineSend');
    // Pushes keep their order on the connection: one for the first send would have come first.
    expect(inlineSends()).toEqual([chosen]);
    expect(chosen).toEqual({
      _: 'updateBotInlineSend',
      user_id: alice.id,
      query: 'cats',
      id: 'result-cats',
    });
    const pushed = updates.received.find(
      (each): each is Api.Updates => each._ === 'updates' && each.updates.includes(chosen),
    )!;
    expect(pushed.users).toEqual([expect.objectContaining({ _: 'user', id: alice.id })]);
  });

  it('gives a result with buttons its inline message id, by which the bot edits the message', async () => {
    const supergroup = dc.groups.createSupergroup({
      creatorId: alice.id,
      title: 'Pets',
      memberIds: [bob.id],
    });
    const sent = await send('dogs', true, supergroup.id);
    const chosen = await nextInnerUpdate(updates, 'updateBotInlineSend', (each) => each.query === 'dogs');
    expect(chosen).toMatchObject({
      id: 'result-dogs',
      user_id: alice.id,
      msg_id: { _: 'inputBotInlineMessageID', dc_id: dc.info.dcId },
    });
    await expect(
      bot.invoke({ _: 'messages.editInlineBotMessage', id: chosen.msg_id!, message: 'dogs, edited' }),
    ).resolves.toBe(true);
    expect(dc.groups.history(supergroup.id).find((message) => message.id === sent.id)?.text).toBe(
      'dogs, edited',
    );
  });

  it('is switched by POST /bots/inline-feedback; off again, sends are not told', async () => {
    const post = (body: unknown) =>
      fetch(`${dc.info.controlUrl}/bots/inline-feedback`, { method: 'POST', body: JSON.stringify(body) });
    expect((await post({ botId: dc.defaultBot.id.toString(), enabled: 'yes' })).status).toBe(400);
    expect((await post({ botId: alice.id.toString(), enabled: true })).status).toBe(400);
    expect((await post({ botId: dc.defaultBot.id.toString(), enabled: false })).status).toBe(200);
    const before = inlineSends().length;
    await send('silent', false);
    dc.bots.setInlineFeedback(dc.defaultBot.id, true);
    await send('loud', false);
    await nextInnerUpdate(updates, 'updateBotInlineSend', (each) => each.query === 'loud');
    expect(
      inlineSends()
        .slice(before)
        .map((each) => each.query),
    ).toEqual(['loud']);
  });
});

describe('inline feedback in a data dir', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'local-dc-feedback-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stays on after a restart', async () => {
    const first = await LocalDc.start({ port: 0, dataDir, saveDebounceMs: 10, floodLimits: false });
    const alice = first.createUser({ firstName: 'Alice' });
    first.bots.setInlineFeedback(first.defaultBot.id, true);
    const token = first.info.botToken;
    await first.stop();

    const second = await LocalDc.start({ port: 0, dataDir, saveDebounceMs: 10, floodLimits: false });
    const bot = createClient(second);
    const updates = new UpdateCollector(bot);
    try {
      await loginBot(bot, token);
      const botId = second.defaultBot.id;
      await sendResult(second, bot, updates, {
        userId: alice.id,
        botId,
        peerId: botId,
        query: 'kept',
        withButtons: false,
      });
      await expect(nextInnerUpdate(updates, 'updateBotInlineSend')).resolves.toMatchObject({ query: 'kept' });
    } finally {
      await bot.close();
      await second.stop();
    }
  });
});
