// BotClient with several DCs on the local DC: login migration (USER_MIGRATE_X) and calls on other DCs.
import { PassThrough } from 'node:stream';
import { LocalDc } from 'mtbot-local-dc';
import { MemoryStorage } from 'telegram-mtproto-core';
import { BotClient } from '../../src/client/bot-client';
import { botOptions, isMessage, RecordingLogger, UpdateRecorder } from './bot-client-harness';

describe('BotClient across DCs', () => {
  let dc: LocalDc;

  beforeEach(async () => {
    dc = await LocalDc.start({ port: 0, dcCount: 2, floodLimits: false });
  });

  afterEach(async () => {
    await dc.stop();
  });

  it('follows USER_MIGRATE to the bot’s DC and starts there directly next time', async () => {
    const far = dc.createBot({ firstName: 'Far', username: 'far_bot', dcId: 1 });
    const storage = new MemoryStorage();
    const firstLogger = new RecordingLogger();
    const first = new BotClient(botOptions(dc, { botToken: far.token, storage, logger: firstLogger }));
    await first.start();
    expect(first.mainDcId).toBe(1);
    expect(await first.getMe()).toMatchObject({ id: far.user.id, username: 'far_bot' });
    await first.stop();
    expect(firstLogger.lines.map((line) => line.message)).toEqual(
      expect.arrayContaining(['login moves to another DC', 'bot authorization imported']),
    );

    const secondLogger = new RecordingLogger();
    const second = new BotClient(botOptions(dc, { botToken: far.token, storage, logger: secondLogger }));
    await second.start();
    expect(second.mainDcId).toBe(1);
    expect(await second.getMe()).toMatchObject({ id: far.user.id });
    await second.stop();
    const connected = secondLogger.lines.filter((line) => line.message === 'connected');
    expect(connected.map((line) => JSON.parse(line.details) as { dcId: number })).toEqual([
      expect.objectContaining({ dcId: 1 }),
    ]);
    expect(secondLogger.lines.map((line) => line.message)).not.toContain('bot authorization imported');
  });

  it('calls methods on another DC with its login exported there, and downloads files kept there', async () => {
    const bot = new BotClient(botOptions(dc));
    const recorder = new UpdateRecorder();
    bot.onUpdate(recorder.handler);
    await bot.start();
    try {
      expect(bot.mainDcId).toBe(2);
      const users = await bot.invokeOnDc(1, { _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] });
      expect(users[0]).toMatchObject({ _: 'user', id: dc.defaultBot.id });

      // A user of DC 1 sends a document: it lives on DC 1, and upload.getFile on DC 2 says FILE_MIGRATE_1.
      const remote = dc.createUser({ firstName: 'Remote', dcId: 1 });
      const bytes = new Uint8Array(100_000).map((_, index) => index % 256);
      dc.sendUserDocument({ fromUserId: remote.id, toUserId: dc.defaultBot.id, bytes, fileName: 'far.bin' });
      const { message } = await recorder.next(isMessage);
      const chunks: Buffer[] = [];
      const sink = new PassThrough();
      sink.on('data', (chunk: Buffer) => chunks.push(chunk));
      expect(await bot.downloadMedia(message, sink)).toBe(bytes.length);
      expect(new Uint8Array(Buffer.concat(chunks))).toEqual(bytes);
    } finally {
      await bot.stop();
    }
  });
});
