import { MemorySessionStore, Router, sessionMiddleware, type Context } from '../../../src/framework';
import { inlineUpdate, messageUpdate, newLog } from '../fake-updates';

interface Visits {
  count: number;
}

describe('sessionMiddleware', () => {
  function countingRouter(key: 'chat' | 'user', store: MemorySessionStore<Visits>): Router<Context<Visits>> {
    const router = new Router<Context<Visits>>();
    router.use(sessionMiddleware<Visits>({ key, store, initial: () => ({ count: 0 }) }));
    router.command('count', (ctx) => {
      ctx.session!.count += 1;
      return ctx.reply(String(ctx.session!.count));
    });
    router.command('forget', (ctx) => {
      ctx.session = undefined;
    });
    return router;
  }

  it('keeps one session per chat, stores changes and deletes a cleared session', async () => {
    const log = newLog();
    const store = new MemorySessionStore<Visits>();
    const router = countingRouter('chat', store);
    await router.handle(messageUpdate('/count', log, { chatId: 1n, senderId: 10n }));
    await router.handle(messageUpdate('/count', log, { chatId: 1n, senderId: 11n }));
    await router.handle(messageUpdate('/count', log, { chatId: 2n, senderId: 10n }));
    expect(log.calls).toEqual(['reply:1', 'reply:2', 'reply:1']);
    expect(store.get('chat:1')).toEqual({ count: 2 });
    await router.handle(messageUpdate('/forget', log, { chatId: 1n }));
    expect(store.get('chat:1')).toBeUndefined();
    expect(store.size).toBe(1);
  });

  it('keys per user across chats, and gives no session to an update without a key', async () => {
    const log = newLog();
    const store = new MemorySessionStore<Visits>();
    const router = countingRouter('user', store);
    await router.handle(messageUpdate('/count', log, { chatId: 1n, senderId: 10n }));
    await router.handle(messageUpdate('/count', log, { chatId: 2n, senderId: 10n }));
    expect(log.calls).toEqual(['reply:1', 'reply:2']);
    const chatKeyed = new Router<Context<Visits>>();
    chatKeyed.use(sessionMiddleware<Visits>({ store, initial: () => ({ count: 0 }) }));
    chatKeyed.inlineQuery((ctx) => {
      ctx.state.session = ctx.session;
    });
    const ctx = await chatKeyed.handle(inlineUpdate('q', log));
    expect(ctx.state).toEqual({ session: undefined });
  });
});
