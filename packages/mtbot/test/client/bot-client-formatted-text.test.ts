// Formatted texts (the html/md templates' { text, entities }) as message texts and captions, over the
// local DC: the entities that arrive are the template's, and no parse mode is applied on top.
import { LocalDc } from 'mtbot-local-dc';
import { ConfigError } from 'telegram-mtproto-core';
import { BotClient } from '../../src/client/bot-client';
import { html, md } from '../../src/format/templates';
import { Context } from '../../src/framework/context';
import { botOptions, isMessage, UpdateRecorder } from './bot-client-harness';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('BotClient with formatted texts over the local DC', () => {
  let dc: LocalDc;
  let bot: BotClient;
  let recorder: UpdateRecorder;

  beforeEach(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false });
    recorder = new UpdateRecorder();
    // A default parse mode that must not be applied to an already formatted text.
    bot = new BotClient(botOptions(dc, { defaultParseMode: 'markdown' }));
    bot.onUpdate(recorder.handler);
    await bot.start();
  });

  afterEach(async () => {
    await bot.stop();
    await dc.stop();
  });

  async function meetAlice() {
    const alice = dc.createUser({ firstName: 'Alice' });
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: 'hi' });
    const { message } = await recorder.next(isMessage);
    return { alice, message };
  }

  const lastCopy = (userId: bigint) => dc.history(userId, dc.defaultBot.id).at(-1)!;

  it('sends and edits html`` and md`` texts with their entities', async () => {
    const { alice } = await meetAlice();
    const name = '<Tom_&_*Jerry*>';
    const sent = await bot.sendMessage(alice.id, html`Hello, <b>${name}</b>!`);
    expect(sent.text).toBe('Hello, <Tom_&_*Jerry*>!');
    expect(lastCopy(alice.id)).toMatchObject({
      text: 'Hello, <Tom_&_*Jerry*>!',
      entities: [{ _: 'messageEntityBold', offset: 7, length: 15 }],
    });

    await bot.editMessage(alice.id, sent.id, md`*Total:* ${'9.99'} EUR\\!`);
    const edited = dc.history(alice.id, dc.defaultBot.id).find((message) => message.id === sent.id)!;
    expect(edited.text).toBe('Total: 9.99 EUR!');
    expect(edited.entities).toEqual([{ _: 'messageEntityBold', offset: 0, length: 6 }]);
  });

  it('replies and edits through Message and Context', async () => {
    const { alice, message } = await meetAlice();
    const reply = await message.reply(html`<i>${'a_b'}</i>`);
    expect(lastCopy(alice.id)).toMatchObject({
      text: 'a_b',
      entities: [{ _: 'messageEntityItalic', offset: 0, length: 3 }],
    });
    await reply.edit(html`<code>x</code> y`);
    expect(dc.history(alice.id, dc.defaultBot.id).find((copy) => copy.id === reply.id)).toMatchObject({
      text: 'x y',
      entities: [{ _: 'messageEntityCode', offset: 0, length: 1 }],
    });

    const ctx = new Context({ kind: 'message', chatId: message.chat.id, senderId: alice.id, message });
    await ctx.reply(html`<u>under</u>`);
    expect(lastCopy(alice.id)).toMatchObject({
      text: 'under',
      entities: [{ _: 'messageEntityUnderline', offset: 0, length: 5 }],
    });
  });

  it('takes a formatted caption for a photo', async () => {
    const { alice } = await meetAlice();
    // '*' would be markup to the default parse mode: it stays, so the formatted text went as is.
    const photo = await bot.sendPhoto(alice.id, PNG, { caption: html`<b>a</b> *pixel*` });
    expect(photo).toMatchObject({ mediaKind: 'photo', text: 'a *pixel*' });
    // The local DC keeps no caption entities (messages.sendMedia stores the text only), so only the
    // text can be checked here; the entities go through the same formatting as sendMessage's.
    expect(lastCopy(alice.id)).toMatchObject({ text: 'a *pixel*' });
  });

  it('refuses a formatted text combined with parseMode or entities, naming the conflict', async () => {
    const { alice } = await meetAlice();
    const before = dc.history(alice.id, dc.defaultBot.id).length;
    const text = html`<b>x</b>`;
    await expect(bot.sendMessage(alice.id, text, { parseMode: 'html' })).rejects.toThrow(ConfigError);
    await expect(bot.sendMessage(alice.id, text, { parseMode: 'html' })).rejects.toThrow(/parseMode 'html'/);
    await expect(
      bot.sendMessage(alice.id, text, { entities: [{ _: 'messageEntityItalic', offset: 0, length: 1 }] }),
    ).rejects.toThrow(/entities option/);
    await expect(bot.sendPhoto(alice.id, PNG, { caption: text, parseMode: 'markdown' })).rejects.toThrow(
      /parseMode 'markdown'/,
    );
    // Neither a string nor a formatted text.
    await expect(bot.sendMessage(alice.id, 42 as unknown as string)).rejects.toThrow(ConfigError);
    await expect(bot.sendMessage(alice.id, { text: 'x' } as unknown as string)).rejects.toThrow(
      /entities array/,
    );
    expect(dc.history(alice.id, dc.defaultBot.id)).toHaveLength(before);
  });
});
