/**
 * The bots' interaction state survives a restart with a data dir: command lists, inline mode switched
 * off, answered inline queries (their results can still be sent) and each chat's chat_instance.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Api, MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import { createClient, loginBot, nextInnerUpdate, UpdateCollector } from './local-dc-harness';

describe('bot interaction state in the data dir', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mtbot-local-dc-bot-state-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  /** A DC on `dataDir` and its default bot logged in, collecting updates. */
  async function open(): Promise<{ dc: LocalDc; bot: MtprotoClient; updates: UpdateCollector }> {
    const dc = await LocalDc.start({ port: 0, floodLimits: false, dataDir });
    const bot = createClient(dc);
    const updates = new UpdateCollector(bot);
    await loginBot(bot, dc.info.botToken);
    return { dc, bot, updates };
  }

  /** The user presses the first button; the bot answers; resolves with the query the bot got. */
  async function press(
    dc: LocalDc,
    bot: MtprotoClient,
    updates: UpdateCollector,
    userId: bigint,
    messageId: number,
  ): Promise<Api.UpdateBotCallbackQuery> {
    const answer = dc.bots.pressButton({ userId, botId: dc.defaultBot.id, messageId });
    const query = await nextInnerUpdate(updates, 'updateBotCallbackQuery');
    await bot.invoke({ _: 'messages.setBotCallbackAnswer', query_id: query.query_id, cache_time: 0 });
    await answer;
    return query;
  }

  it('keeps commands, inline settings and answers, and chat_instance across a restart', async () => {
    let { dc, bot, updates } = await open();
    const alice = dc.createUser({ firstName: 'Alice' });
    const quiet = dc.createBot({ firstName: 'Quiet' });
    const commands: Api.BotCommand[] = [{ _: 'botCommand', command: 'start', description: 'Start' }];
    await bot.invoke({
      _: 'bots.setBotCommands',
      scope: { _: 'botCommandScopeDefault' },
      lang_code: 'en',
      commands,
    });
    dc.bots.setInlineEnabled(quiet.user.id, false);
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
    const menu = dc.history(alice.id, dc.defaultBot.id).at(-1)!;
    const first = await press(dc, bot, updates, alice.id, menu.id);

    const results = dc.bots.inlineQuery({
      userId: alice.id,
      botId: dc.defaultBot.id,
      query: 'hi',
      timeoutMs: 5000,
    });
    const inline = await nextInnerUpdate(updates, 'updateBotInlineQuery');
    await bot.invoke({
      _: 'messages.setInlineBotResults',
      query_id: inline.query_id,
      results: [
        {
          _: 'inputBotInlineResult',
          id: 'r1',
          type: 'article',
          title: 'Hello',
          send_message: { _: 'inputBotInlineMessageText', message: 'hello from inline' },
        },
      ],
      cache_time: 300,
    });
    const { queryId } = await results;

    await bot.close();
    await dc.stop();
    ({ dc, bot, updates } = await open());
    try {
      await expect(
        bot.invoke({ _: 'bots.getBotCommands', scope: { _: 'botCommandScopeDefault' }, lang_code: 'en' }),
      ).resolves.toEqual(commands);
      expect(() => dc.bots.inlineQuery({ userId: alice.id, botId: quiet.user.id, query: 'x' })).toThrow(
        expect.objectContaining({ text: 'BOT_INLINE_DISABLED' }),
      );
      const sent = dc.bots.sendInlineResult({
        userId: alice.id,
        peerId: quiet.user.id,
        queryId,
        resultId: 'r1',
      });
      expect(sent).toMatchObject({ text: 'hello from inline', viaBotId: dc.defaultBot.id });
      const second = await press(dc, bot, updates, alice.id, menu.id);
      expect(second.chat_instance).toBe(first.chat_instance);
      expect(second.query_id).not.toBe(first.query_id);
    } finally {
      await bot.close();
      await dc.stop();
    }
  });
});
