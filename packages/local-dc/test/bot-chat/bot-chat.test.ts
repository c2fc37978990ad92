import type { MtprotoClient } from 'telegram-mtproto-core';
import { BotChat } from '../../src/bot-chat/bot-chat';
import { BotChatError } from '../../src/bot-chat/bot-chat-error';
import { LocalDc } from '../../src/local-dc';
import { inlineKeyboard, PNG_1X1, startScriptedBot } from './scripted-bot';

describe('BotChat: a user chatting with a bot over MTProto', () => {
  let dc: LocalDc;
  let bot: MtprotoClient;

  beforeAll(async () => {
    // The scripted bot does not retry after FLOOD_WAIT; the tests send faster than Telegram allows.
    dc = await LocalDc.start({ port: 0, floodLimits: false });
    bot = await startScriptedBot(dc, {
      async onText(text, actions, media) {
        if (media !== undefined) {
          await actions.send(`got ${media._ === 'messageMediaPhoto' ? 'a photo' : 'a document'}: ${text}`);
        } else if (text === '/start') {
          await actions.send(
            'Welcome!',
            inlineKeyboard([
              ['Help', 'help'],
              ['About', 'about'],
              ['Later', 'later'],
            ]),
          );
        } else if (text === 'burst') {
          for (const part of ['one', 'two', 'three']) await actions.send(part);
        } else if (text === 'progress') {
          const id = await actions.send('working…');
          await actions.edit(id, 'done');
        } else if (text !== 'silent') {
          await actions.send(`echo: ${text}`);
        }
      },
      async onPress(data, messageId, actions) {
        if (data === 'help')
          await actions.edit(messageId, 'Help: type anything', inlineKeyboard([['Back', 'back']]));
        // Answers first, sends later: as a bot whose flood limits hold its message back.
        if (data === 'later') setTimeout(() => void actions.send('sent later'), 600);
        return data === 'about' ? 'A test bot' : undefined;
      },
    });
  });

  afterAll(async () => {
    await bot.close();
    await dc.stop();
  });

  it('send resolves with every message of the reply, once the bot is quiet', async () => {
    const chat = BotChat.open(dc);
    const replies = await chat.send('burst');
    expect(replies.map((message) => message.text)).toEqual(['one', 'two', 'three']);
    expect(chat.history().map((message) => [message.out, message.text])).toEqual([
      [true, 'burst'],
      [false, 'one'],
      [false, 'two'],
      [false, 'three'],
    ]);
  });

  it('a message sent and edited in the same reply is listed once, as edited', async () => {
    const chat = BotChat.open(dc);
    const replies = await chat.send('progress');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ text: 'done' });
    expect(replies[0]!.editDate).toBeDefined();
  });

  it('a silent bot gives an empty reply after the timeout', async () => {
    const chat = BotChat.open(dc);
    await expect(chat.send('silent', { timeoutMs: 300 })).resolves.toEqual([]);
  });

  it('press by label, number or position: the callback answer and the edited message', async () => {
    const chat = BotChat.open(dc);
    const [menu] = await chat.send('/start');
    expect(menu).toMatchObject({ text: 'Welcome!' });

    const about = await chat.press(menu!, 'About');
    expect(about.answer).toMatchObject({ message: 'A test bot', alert: false });
    expect(about.messages).toEqual([]);

    const help = await chat.press(menu!.id, 1);
    expect(help.answer.message).toBeUndefined();
    expect(help.messages).toHaveLength(1);
    expect(help.messages[0]).toMatchObject({ id: menu!.id, text: 'Help: type anything' });
    expect(chat.buttonOf(help.messages[0]!, 'back')).toMatchObject({ label: 'Back', number: 1 });

    const back = await chat.press(chat.latestWithButtons(), [0, 0]);
    expect(back.answer.message).toBeUndefined();
  });

  it('followUpMs: a press answered before the bot sends waits that long for its message', async () => {
    const chat = BotChat.open(dc);
    const [menu] = await chat.send('/start');
    const quick = await chat.press(menu!, 'Later');
    expect(quick.messages).toEqual([]);
    await chat.send('flush'); // the late message of the first press arrives meanwhile
    const patient = await chat.press(menu!, 'Later', { followUpMs: 3_000 });
    expect(patient.messages.map((message) => message.text)).toEqual(['sent later']);
  });

  it('bad presses are BotChatErrors naming what is wrong', async () => {
    const chat = BotChat.open(dc);
    expect(() => chat.latestWithButtons()).toThrow(BotChatError);
    const [echo] = await chat.send('hello');
    await expect(chat.press(echo!, 'Help')).rejects.toMatchObject({
      name: 'BotChatError',
      code: 'NO_BUTTONS',
    });
    await expect(chat.press(999, 'Help')).rejects.toMatchObject({ code: 'UNKNOWN_MESSAGE' });
    const [menu] = await chat.send('/start');
    const error = await chat.press(menu!, 'Buy').catch((caught: unknown) => caught);
    expect(BotChatError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'UNKNOWN_BUTTON' });
    expect((error as Error).message).toContain('1 Help, 2 About, 3 Later');
  });

  it('sends photos and documents as the user', async () => {
    const chat = BotChat.open(dc);
    const [photoReply] = await chat.sendPhoto(PNG_1X1, { caption: 'a dot' });
    expect(photoReply).toMatchObject({ text: 'got a photo: a dot' });
    const [documentReply] = await chat.sendDocument(new TextEncoder().encode('notes'), {
      fileName: 'notes.txt',
      mimeType: 'text/plain',
    });
    expect(documentReply).toMatchObject({ text: 'got a document: ' });
    expect(
      chat
        .history()
        .filter((message) => message.out)
        .map((message) => message.media?.kind),
    ).toEqual(['photo', 'document']);
  });

  it('open reuses a user with the same username, and onBotEvent reports messages and edits', async () => {
    const first = BotChat.open(dc, { user: { firstName: 'You', username: 'dev_you' } });
    const second = BotChat.open(dc, { user: { firstName: 'You', username: 'dev_you' } });
    expect(second.userId).toBe(first.userId);

    const events: string[] = [];
    const stop = first.onBotEvent(({ kind, message }) => events.push(`${kind}:${message.text}`));
    await first.send('progress');
    stop();
    await first.send('after stop');
    expect(events).toEqual(['message:working…', 'edit:done']);
  });
});
