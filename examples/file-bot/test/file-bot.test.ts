import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BotChat, LocalDc, type BotChatEvent, type StoredMedia, type StoredMessage } from 'mtbot-local-dc';
import { createBot, localDcClientOptions, type BotApplication } from 'mtbot';
import { botOptions } from '../src/bot';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Records every text the bot's messages show, by message id, in order, from now on. */
function recordTexts(chat: BotChat) {
  const texts = new Map<number, string[]>();
  let wake = (): void => undefined;
  const stop = chat.onBotEvent(({ message }: BotChatEvent) => {
    texts.set(message.id, [...(texts.get(message.id) ?? []), message.text]);
    wake();
  });
  /** The first bot message (in the chat's current state) whose text `matches`, waiting up to 20 s. */
  const until = async (matches: (text: string) => boolean): Promise<StoredMessage> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = chat.history().find((message) => !message.out && matches(message.text));
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error('the bot did not send the message expected');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  };
  return { texts, until, stop };
}

describe('file-bot example', () => {
  let dc: LocalDc;
  let app: BotApplication;
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'file-bot-test-'));
    process.env['FILE_BOT_DIR'] = directory;
    dc = await LocalDc.start({ port: 0 });
    app = createBot({ ...botOptions, client: localDcClientOptions(dc.info) });
    await app.start();
  });

  afterAll(async () => {
    await app.stop();
    await dc.stop();
    delete process.env['FILE_BOT_DIR'];
    await rm(directory, { recursive: true, force: true });
  });

  it('downloads a multi-megabyte document with progress, and sends it back byte for byte with progress', async () => {
    const chat = BotChat.open(dc, { user: { firstName: 'Alice' } });
    const bytes = randomBytes(6 * 1024 * 1024 + 12_345);
    const recorder = recordTexts(chat);
    chat.sendDocument(bytes, { fileName: '../../etc/report.bin' }).catch(() => undefined);
    const status = await recorder.until((text) => text.startsWith('report.bin'));
    expect(status.text).toBe(`report.bin: 6.0 MB (6,303,801 bytes)\nsha256: ${sha256(bytes)}`);
    // One status message, edited from 0% through at least one step in between to the result.
    const shown = recorder.texts.get(status.id)!;
    expect(shown[0]).toBe('Downloading… 0%');
    expect(shown.slice(1, -1).some((text) => /^Downloading… [1-9]\d%$/.test(text))).toBe(true);

    const { answer } = await chat.press(status, '📤 Send it back');
    expect(answer.message).toBe('Sending it back…');
    const uploadStatus = await recorder.until((text) => text.startsWith('Sent back'));
    recorder.stop();
    expect(uploadStatus.text).toBe('Sent back report.bin.');
    const uploadTexts = recorder.texts.get(uploadStatus.id)!;
    expect(uploadTexts[0]).toBe('Uploading… 0%');
    expect(uploadTexts.some((text) => /^Uploading… [1-9]\d%$/.test(text))).toBe(true);
    const document = chat.history().find((message) => !message.out && message.media?.kind === 'document');
    expect(document?.media?.kind === 'document' && document.media.attributes).toContainEqual({
      _: 'documentAttributeFilename',
      file_name: 'report.bin',
    });
    expect(Buffer.from((document!.media as StoredMedia).bytes).equals(bytes)).toBe(true);
  });

  it('answers a photo with its size and hash', async () => {
    const chat = BotChat.open(dc, { user: { firstName: 'Bob' } });
    const recorder = recordTexts(chat);
    await chat.sendPhoto(PNG);
    const status = await recorder.until((text) => text.startsWith('photo'));
    recorder.stop();
    expect(status.text).toMatch(/^photo-\d+\.jpg: 70 bytes\nsha256: [0-9a-f]{64}$/);
    expect(status.text.endsWith(sha256(PNG))).toBe(true);
  });

  it('says so when the file to send back is gone', async () => {
    const chat = BotChat.open(dc, { user: { firstName: 'Carol' } });
    const recorder = recordTexts(chat);
    await chat.sendDocument(Buffer.from('hello'), { fileName: 'hello <world>.txt' });
    // A name from a user keeps only what a file system cannot misread.
    const status = await recorder.until((text) => text.startsWith('hello _world_.txt: 5 bytes'));
    recorder.stop();
    await rm(directory, { recursive: true, force: true });
    const { answer, messages } = await chat.press(status, '📤 Send it back');
    expect(answer).toMatchObject({ message: 'I no longer have that file.', alert: true });
    expect(messages).toEqual([]);
  });

  it('asks for a file when it gets text', async () => {
    const chat = BotChat.open(dc, { user: { firstName: 'Dan' } });
    expect((await chat.send('hi')).map((message) => message.text)).toEqual([
      'Send me a document or a photo.',
    ]);
  });
});
