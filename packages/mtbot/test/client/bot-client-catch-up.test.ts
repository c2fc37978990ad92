// Issue 5's delivery test through BotClient: 10,000 user messages in three private chats, sent while
// the bot is up, down (its client stopped) and restarting, the session in a FileStorage file that
// each new BotClient reopens. The handler must see every message exactly once, in per-chat order.
// MTBOT_BOT_CATCH_UP_MESSAGES changes the count.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDc } from 'mtbot-local-dc';
import { createSeededRandomSource } from 'telegram-mtproto-core';
import { BotClient } from '../../src/client/bot-client';
import { botOptions } from './bot-client-harness';

const MESSAGES = Number(process.env.MTBOT_BOT_CATCH_UP_MESSAGES ?? 10_000);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('BotClient catch-up across restarts', () => {
  it(`hands ${MESSAGES} messages sent while the bot is down and restarting to the handler once each, in per-chat order`, async () => {
    const dc = await LocalDc.start({ port: 0, floodLimits: false });
    const directory = await mkdtemp(join(tmpdir(), 'mtbot-bot-catch-up-'));
    const path = join(directory, 'bot.session.json');
    try {
      const users = ['Alice', 'Bob', 'Carol'].map((firstName) => dc.createUser({ firstName }));
      const random = createSeededRandomSource(`bot catch-up ${MESSAGES}`);
      const randomInt = (bound: number) => random(1)[0]! % bound;
      const sent = new Map<bigint, string[]>(users.map((user) => [user.id, []]));
      const seen = new Map<bigint, string[]>(users.map((user) => [user.id, []]));
      let delivered = 0;
      const errors: Error[] = [];
      let bot: BotClient | undefined;
      let starts = 0;
      const start = async () => {
        bot = new BotClient(botOptions(dc, { storage: path }));
        bot.onError((error) => errors.push(error));
        bot.onUpdate(async (update) => {
          if (update.kind !== 'message') return;
          seen.get(update.chatId!)!.push(update.message.text);
          delivered++;
          // Now and then a handler that takes its time, so pushes queue up behind it.
          if (delivered % 97 === 0) await sleep(1);
        });
        starts++;
        await bot.start();
      };
      const stop = async () => {
        await bot?.stop();
        bot = undefined;
      };
      // Down between 10% and 35%, 50% and 65%, and from 80% to the end; a last start catches up.
      const plan = new Map<number, () => Promise<void>>([
        [Math.floor(MESSAGES * 0.1), stop],
        [Math.floor(MESSAGES * 0.35), start],
        [Math.floor(MESSAGES * 0.5), stop],
        [Math.floor(MESSAGES * 0.65), start],
        [Math.floor(MESSAGES * 0.8), stop],
      ]);
      const began = Date.now();
      await start();
      for (let index = 0; index < MESSAGES; index++) {
        await plan.get(index)?.();
        const user = users[randomInt(users.length)]!;
        const text = `${user.firstName} #${sent.get(user.id)!.length}`;
        sent.get(user.id)!.push(text);
        dc.sendUserMessage({ fromUserId: user.id, toUserId: dc.defaultBot.id, text });
        // Random intervals: mostly back to back, sometimes a pause that lets pushes through.
        if (randomInt(8) === 0) await sleep(randomInt(3));
      }
      await start();
      // start() resolves once the catch-up is handled; anything delivered twice would show now.
      await sleep(200);
      await stop();
      const elapsedMs = Date.now() - began;

      expect(starts).toBe(4);
      expect(errors).toEqual([]);
      expect(delivered).toBe(MESSAGES);
      for (const user of users) expect(seen.get(user.id)).toEqual(sent.get(user.id));
      process.stdout.write(
        `BotClient catch-up: ${MESSAGES} messages, 4 starts, FileStorage, ${elapsedMs} ms\n`,
      );
    } finally {
      await rm(directory, { recursive: true, force: true });
      await dc.stop();
    }
  }, 60_000);
});
