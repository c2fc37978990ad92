import { ManualClock } from 'telegram-mtproto-core';
import {
  Command,
  Controller,
  Ctx,
  RateLimit,
  Router,
  registerControllers,
  throttle,
  type Context,
} from '../../src/framework';
import { callbackUpdate, messageUpdate, newLog } from './fake-updates';

describe('incoming rate limits', () => {
  it('lets `limit` updates per window through for each user, tells the first one over once, and lets others on', async () => {
    const clock = new ManualClock(0);
    const log = newLog();
    const router = new Router();
    router.use(throttle({ limit: 2, windowMs: 10_000, notify: 'slow down', clock }));
    router.fallback((ctx) => ctx.reply(`ok ${ctx.from!.id}`));
    const from = (senderId: bigint) => messageUpdate('hi', log, { senderId, chatId: senderId });
    for (let index = 0; index < 5; index++) await router.handle(from(1n));
    await router.handle(from(2n));
    expect(log.calls).toEqual(['reply:ok 1', 'reply:ok 1', 'reply:slow down', 'reply:ok 2']);
    clock.advance(10_000);
    await router.handle(from(1n));
    expect(log.calls.at(-1)).toBe('reply:ok 1');
  });

  it('answers a flooded button press with a toast, and counts per chat when asked', async () => {
    const clock = new ManualClock(0);
    const log = newLog();
    const router = new Router();
    router.use(throttle({ limit: 1, windowMs: 1_000, per: 'chat', notify: 'wait', clock }));
    router.callbackQuery('press', (ctx) => ctx.answer({ text: 'pressed' }));
    await router.handle(callbackUpdate('press', log, { chatId: -100n, senderId: 1n }));
    await router.handle(callbackUpdate('press', log, { chatId: -100n, senderId: 2n }));
    expect(log.calls.filter((call) => call.startsWith('answer'))).toEqual(['answer:pressed', 'answer:wait']);
  });

  it('@RateLimit on a handler limits that handler only, silently without notify', async () => {
    const clock = new ManualClock(0);

    @Controller()
    class Limited {
      @Command('search')
      @RateLimit({ limit: 1, windowMs: 60_000, clock })
      search(@Ctx() ctx: Context) {
        return ctx.reply('results');
      }

      @Command('help')
      help(@Ctx() ctx: Context) {
        return ctx.reply('help');
      }
    }

    const log = newLog();
    const router = new Router();
    registerControllers(router, [Limited]);
    for (const text of ['/search', '/search', '/help', '/help'])
      await router.handle(messageUpdate(text, log));
    expect(log.calls).toEqual(['reply:results', 'reply:help', 'reply:help']);
  });
});
