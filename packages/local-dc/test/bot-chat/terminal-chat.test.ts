import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { MtprotoClient } from 'telegram-mtproto-core';
import { BotChat } from '../../src/bot-chat/bot-chat';
import { runTerminalChat } from '../../src/bot-chat/terminal-chat';
import { LocalDc } from '../../src/local-dc';
import { inlineKeyboard, PNG_1X1, startScriptedBot } from './scripted-bot';

/** A writable that keeps what was written. */
function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe('runTerminalChat on scripted input', () => {
  let dc: LocalDc;
  let bot: MtprotoClient;
  const dir = mkdtempSync(join(tmpdir(), 'terminal-chat-'));

  beforeAll(async () => {
    // The scripted bot does not retry after FLOOD_WAIT; the tests send faster than Telegram allows.
    dc = await LocalDc.start({ port: 0, floodLimits: false });
    bot = await startScriptedBot(dc, {
      async onText(text, actions, media) {
        if (media !== undefined)
          await actions.send(`got ${media._ === 'messageMediaPhoto' ? 'a photo' : 'a file'}`);
        else if (text === '/start')
          await actions.send(
            'Menu',
            inlineKeyboard([
              ['Help', 'help'],
              ['About', 'about'],
            ]),
          );
        else if (text === '/keyboard') {
          await actions.send('Pick', {
            _: 'replyKeyboardMarkup',
            rows: [
              {
                _: 'keyboardButtonRow',
                buttons: [
                  { _: 'keyboardButton', text: 'Yes' },
                  { _: 'keyboardButton', text: 'No' },
                ],
              },
            ],
          });
        } else if (text === '/report') {
          await actions.sendDocument(
            'report.txt',
            'text/plain',
            new TextEncoder().encode('ok'),
            'Your report',
          );
        } else if (text !== 'silent') await actions.send(`echo: ${text}`);
      },
      async onPress(data, messageId, actions) {
        if (data === 'help') await actions.edit(messageId, 'Help text', inlineKeyboard([['Back', 'back']]));
        return data === 'about' ? 'A test bot' : undefined;
      },
    });
    writeFileSync(join(dir, 'dot.png'), PNG_1X1);
    writeFileSync(join(dir, 'notes.txt'), 'notes');
  });

  afterAll(async () => {
    await bot.close();
    await dc.stop();
  });

  it('echoes a script, prints replies with numbered buttons, presses by number and label, marks edits', async () => {
    const output = capture();
    const result = await runTerminalChat({
      chat: BotChat.open(dc),
      input: ['/start', ':press 2', ':press help', 'hi', '/report'],
      output: output.stream,
      echoInput: true,
      color: false,
      botName: 'Local Bot',
    });
    expect(result).toEqual({ sent: 5, unanswered: [], quit: false });
    expect(output.text()).toBe(
      [
        'you › /start',
        'Local Bot › Menu',
        '            [1 Help] [2 About]',
        'you › :press 2',
        '· toast: A test bot',
        'you › :press help',
        'Local Bot › (edited) Help text',
        '            [1 Back]',
        'you › hi',
        'Local Bot › echo: hi',
        'you › /report',
        'Local Bot › [document report.txt, text/plain, 2 B]',
        '            Your report',
        '',
      ].join('\n'),
    );
  });

  it('reads a stream line by line; reply keyboards press by sending the label; media and files', async () => {
    const input = new PassThrough();
    const output = capture();
    const chat = BotChat.open(dc);
    const done = runTerminalChat({ chat, input, output: output.stream, color: false });
    input.write(`/keyboard\r\n:press No\n:photo ${join(dir, 'dot.png')} a dot\n`);
    input.end(`:file ${join(dir, 'notes.txt')}\n`);
    const result = await done;
    const text = output.text();
    expect(text).toContain('bot › Pick\n      keyboard: [1 Yes] [2 No]\n');
    expect(text).toContain('bot › echo: No\n');
    expect(text).toContain('bot › got a photo\n');
    expect(text).toContain('bot › got a file\n');
    expect(text).not.toContain('you ›');
    expect(result.unanswered).toEqual([]);
    expect(
      chat
        .history()
        .filter((message) => message.out)
        .map((message) => message.media?.kind ?? message.text),
    ).toEqual(['/keyboard', 'No', 'photo', 'document']);
  });

  it('bad commands and mistakes print one line each and the chat goes on; :quit ends it', async () => {
    const output = capture();
    const chat = BotChat.open(dc);
    const result = await runTerminalChat({
      chat,
      input: [
        ':press 1',
        ':frobnicate',
        ':photo /no/such/file.png',
        '/start',
        ':press Buy',
        ':press',
        ':help',
        ':quit',
        'never sent',
      ],
      output: output.stream,
      color: false,
    });
    expect(result).toEqual({
      sent: 1,
      unanswered: [':press 1', ':frobnicate', ':photo /no/such/file.png', ':press Buy', ':press'],
      quit: true,
    });
    const lines = output.text().split('\n');
    expect(lines).toContain('! no bot message in this chat has buttons');
    expect(lines).toContain('! unknown command :frobnicate; :help lists the commands');
    expect(lines).toContain('! no file at /no/such/file.png');
    expect(lines.find((line) => line.startsWith('! no button "Buy"'))).toContain('1 Help, 2 About');
    expect(lines).toContain('! usage: :press <number or label>');
    expect(lines).toContain('·   :quit             end the chat');
    expect(chat.history().map((message) => message.text)).not.toContain('never sent');
  });

  it('a line the bot does not answer is reported and listed as unanswered', async () => {
    const output = capture();
    const result = await runTerminalChat({
      chat: BotChat.open(dc),
      input: ['silent', 'hello'],
      output: output.stream,
      color: false,
      replyTimeoutMs: 300,
    });
    expect(result.unanswered).toEqual(['silent']);
    expect(output.text()).toContain('· no answer from the bot within 0.3 s\n');
    expect(output.text()).toContain('bot › echo: hello\n');
  });

  it('an abort ends the chat while it waits for input', async () => {
    const input = new PassThrough();
    const output = capture();
    const controller = new AbortController();
    const done = runTerminalChat({
      chat: BotChat.open(dc),
      input,
      output: output.stream,
      color: false,
      signal: controller.signal,
    });
    input.write('first\n');
    while (!output.text().includes('echo: first')) await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await expect(done).resolves.toEqual({ sent: 1, unanswered: [], quit: false });
  });
});
