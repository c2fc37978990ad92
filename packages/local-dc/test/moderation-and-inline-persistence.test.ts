/**
 * What the data dir keeps of restrictions, migrations and inline messages: after a stop and a start on
 * the same dir, a restricted member is still restricted (until its date), a migrated group still points
 * at its supergroup and refuses sends, and the bot still edits an inline message by the id it got.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage, type Api } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import { createClient, loginBot, nextInnerUpdate, rpcErrorOf, UpdateCollector } from './local-dc-harness';

describe('restrictions, migrations and inline message ids in the data dir', () => {
  let dataDir: string;
  const storage = new MemoryStorage();

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mtbot-local-dc-new-state-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('survive a stop and a start', async () => {
    let dc = await LocalDc.start({ port: 0, floodLimits: false, dataDir });
    let bot = createClient(dc, storage);
    const updates = new UpdateCollector(bot);
    await loginBot(bot, dc.info.botToken);
    const alice = dc.createUser({ firstName: 'Alice' });
    const bob = dc.createUser({ firstName: 'Bob' });
    const supergroup = dc.groups.createSupergroup({
      creatorId: alice.id,
      title: 'Kept',
      memberIds: [bob.id],
    });
    const untilDate = Math.floor(Date.now() / 1000) + 3600;
    dc.groups.restrict({ chatId: supergroup.id, userId: bob.id, rights: ['send_messages'], untilDate });
    const group = dc.groups.createGroup({ creatorId: alice.id, title: 'Old', memberIds: [bob.id] });
    const migrated = dc.groups.migrate({ chatId: group.id });

    // An inline message with a button, pressed once so the bot learns its id.
    const results = dc.bots.inlineQuery({
      userId: alice.id,
      botId: dc.defaultBot.id,
      query: 'x',
      timeoutMs: 5000,
    });
    const query = await nextInnerUpdate(updates, 'updateBotInlineQuery');
    await bot.invoke({
      _: 'messages.setInlineBotResults',
      query_id: query.query_id,
      results: [
        {
          _: 'inputBotInlineResult',
          id: '1',
          type: 'article',
          title: 'One',
          send_message: {
            _: 'inputBotInlineMessageText',
            message: 'before',
            reply_markup: {
              _: 'replyInlineMarkup',
              rows: [
                {
                  _: 'keyboardButtonRow',
                  buttons: [{ _: 'keyboardButtonCallback', text: 'Go', data: new Uint8Array([1]) }],
                },
              ],
            },
          },
        },
      ],
      cache_time: 0,
    });
    await results;
    const sent = dc.bots.sendInlineResult({
      userId: alice.id,
      peerId: bob.id,
      queryId: query.query_id,
      resultId: '1',
    });
    const pressed = dc.bots.pressButton({
      userId: alice.id,
      peerId: bob.id,
      messageId: sent.id,
      timeoutMs: 5000,
    });
    const press = await nextInnerUpdate(updates, 'updateInlineBotCallbackQuery');
    await bot.invoke({ _: 'messages.setBotCallbackAnswer', query_id: press.query_id, cache_time: 0 });
    await pressed;
    await bot.close();
    await dc.stop();

    dc = await LocalDc.start({ port: 0, floodLimits: false, dataDir });
    bot = createClient(dc, storage);
    try {
      const channel = dc.groups.group(supergroup.id)!;
      expect(channel.members.get(bob.id)?.restriction).toMatchObject({
        rights: ['send_messages'],
        untilDate,
      });
      expect(() => dc.groups.sendMessage({ fromUserId: bob.id, chatId: supergroup.id, text: 'hi' })).toThrow(
        expect.objectContaining({ text: 'CHAT_WRITE_FORBIDDEN' }),
      );
      expect(dc.groups.group(group.id)).toMatchObject({ migratedTo: migrated.id });
      expect(dc.groups.group(migrated.id)).toMatchObject({ migratedFrom: group.id });
      expect(() => dc.groups.sendMessage({ fromUserId: bob.id, chatId: group.id, text: 'hi' })).toThrow(
        expect.objectContaining({ text: 'CHAT_ID_INVALID' }),
      );
      await expect(
        bot.invoke({ _: 'messages.editInlineBotMessage', id: press.msg_id, message: 'after' }),
      ).resolves.toBe(true);
      expect(dc.history(bob.id, alice.id).at(-1)).toMatchObject({ text: 'after' });
      const forged = { ...(press.msg_id as Api.InputBotInlineMessageID), access_hash: 5n };
      await expect(
        bot.invoke({ _: 'messages.editInlineBotMessage', id: forged, message: 'x' }),
      ).rejects.toEqual(rpcErrorOf('MESSAGE_ID_INVALID', 400));
    } finally {
      await bot.close();
      await dc.stop();
    }
  });
});
