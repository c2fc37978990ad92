// BotClient's parse modes, keyboards and files against the local DC over TCP.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { LocalDc } from 'mtbot-local-dc';
import { BotClient } from '../../src/client/bot-client';
import { PeerNotFoundError } from '../../src/errors/peer-not-found-error';
import { InlineKeyboard } from '../../src/keyboards/inline-keyboard';
import { botOptions, isMessage, UpdateRecorder } from './bot-client-harness';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('BotClient formatting and files over the local DC', () => {
  let dc: LocalDc;
  let bot: BotClient;
  let recorder: UpdateRecorder;
  let directory: string;

  beforeEach(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false });
    directory = await mkdtemp(join(tmpdir(), 'mtbot-bot-media-'));
    recorder = new UpdateRecorder();
    bot = new BotClient(botOptions(dc, { defaultParseMode: 'html' }));
    bot.onUpdate(recorder.handler);
    await bot.start();
  });

  afterEach(async () => {
    await bot.stop();
    await dc.stop();
    await rm(directory, { recursive: true, force: true });
  });

  it('replies in HTML with UTF-16 entities, a user mention and an inline keyboard', async () => {
    const alice = dc.createUser({ firstName: 'Alice' });
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: 'hi' });
    const { message } = await recorder.next(isMessage);
    const sent = await message.reply(
      `🍕 <b>Hi <i>there</i></b>, <a href="tg://user?id=${alice.id}">Alice</a>`,
      {
        replyMarkup: new InlineKeyboard().text('Pizza', 'pizza'),
      },
    );
    expect(sent.text).toBe('🍕 Hi there, Alice');
    const copy = dc.history(alice.id, dc.defaultBot.id).at(-1)!;
    expect(copy.text).toBe('🍕 Hi there, Alice');
    // '🍕' is two UTF-16 code units, so the bold text starts at 3.
    expect(copy.entities).toEqual(
      expect.arrayContaining([
        { _: 'messageEntityBold', offset: 3, length: 8 },
        { _: 'messageEntityItalic', offset: 6, length: 5 },
      ]),
    );
    const mention = copy.entities?.find((entity) => entity._.includes('MentionName'));
    expect(mention).toMatchObject({ offset: 13, length: 5 });
    expect(copy.replyMarkup).toMatchObject({ _: 'replyInlineMarkup' });
  });

  it('sends Markdown when asked and plain text with parseMode undefined', async () => {
    const alice = dc.createUser({ firstName: 'Alice' });
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: 'hi' });
    await recorder.next(isMessage);
    const markdown = await bot.sendMessage(alice.id, '*bold* and _italic_', { parseMode: 'markdown' });
    expect(markdown.text).toBe('bold and italic');
    expect(markdown.entities.map((entity) => entity._)).toEqual(['messageEntityBold', 'messageEntityItalic']);
    const plain = await bot.sendMessage(alice.id, '<b>as is</b>', { parseMode: undefined });
    expect(plain.text).toBe('<b>as is</b>');
    expect(plain.entities).toEqual([]);
  });

  it('refuses a mention of a user the bot has never met', async () => {
    const alice = dc.createUser({ firstName: 'Alice' });
    const stranger = dc.createUser({ firstName: 'Stranger' });
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: 'hi' });
    await recorder.next(isMessage);
    await expect(
      bot.sendMessage(alice.id, `<a href="tg://user?id=${stranger.id}">who</a>`),
    ).rejects.toBeInstanceOf(PeerNotFoundError);
  });

  it('sends a photo and a document with progress, and downloads a user’s document byte for byte', async () => {
    const alice = dc.createUser({ firstName: 'Alice' });
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: 'hi' });
    await recorder.next(isMessage);

    const progress: number[] = [];
    const photo = await bot.sendPhoto(alice.id, PNG, {
      caption: '<b>a pixel</b>',
      onProgress: ({ uploadedBytes }) => progress.push(uploadedBytes),
    });
    expect(photo).toMatchObject({ mediaKind: 'photo', text: 'a pixel' });
    expect(progress.at(-1)).toBe(PNG.length);

    const path = join(directory, 'notes.txt');
    const content = Buffer.from('line\n'.repeat(50_000));
    await writeFile(path, content);
    const document = await bot.sendDocument(alice.id, path, { caption: 'notes' });
    expect(document.mediaKind).toBe('document');
    const received = dc.history(alice.id, dc.defaultBot.id).at(-1)!;
    expect(received.media).toBeDefined();

    const bytes = new Uint8Array(300_000).map((_, index) => (index * 7) % 251);
    dc.sendUserDocument({ fromUserId: alice.id, toUserId: dc.defaultBot.id, bytes, fileName: 'data.bin' });
    const incoming = await recorder.next(
      (update): update is Extract<typeof update, { kind: 'message' }> =>
        update.kind === 'message' && update.message.mediaKind === 'document',
    );
    const target = join(directory, 'data.bin');
    const downloaded: number[] = [];
    const written = await bot.downloadMedia(incoming.message, target, {
      onProgress: ({ downloadedBytes }) => downloaded.push(downloadedBytes),
    });
    expect(written).toBe(bytes.length);
    expect(new Uint8Array(await readFile(target))).toEqual(bytes);
    expect(downloaded.at(-1)).toBe(bytes.length);

    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    await bot.downloadMedia(incoming.message.raw, stream);
    expect(new Uint8Array(Buffer.concat(chunks))).toEqual(bytes);
  });
});
