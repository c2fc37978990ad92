import type { Context } from '../context';
import type { Middleware } from '../middleware';
import { MemorySessionStore } from './memory-session-store';
import type { SessionStore } from './session-store';

/** Options of {@link sessionMiddleware}. */
export interface SessionOptions<S> {
  /** Where sessions are kept; a {@link MemorySessionStore} when omitted. */
  readonly store?: SessionStore<S>;
  /**
   * Whose session: `chat` (default, shared by a group), `user` (follows a user across chats), or a
   * function giving the key (undefined: this update has no session).
   */
  readonly key?: 'chat' | 'user' | ((ctx: Context<S>) => string | undefined);
  /** The session of a key seen for the first time. */
  readonly initial: () => S;
}

function keyFunction<S>(key: SessionOptions<S>['key']): (ctx: Context<S>) => string | undefined {
  if (typeof key === 'function') return key;
  if (key === 'user') return (ctx) => (ctx.from === undefined ? undefined : `user:${ctx.from.id}`);
  return (ctx) => (ctx.update.chatId === undefined ? undefined : `chat:${ctx.update.chatId}`);
}

/**
 * Loads `ctx.session` before the rest of the chain and stores it after; setting `ctx.session` to
 * undefined deletes it. Updates without a key (an inline query has no chat) get no session.
 *
 * @example
 * ```ts
 * router.use(sessionMiddleware({ key: 'user', initial: () => ({ visits: 0 }) }));
 * router.command('count', (ctx) => ctx.reply(String(++ctx.session!.visits)));
 * ```
 */
export function sessionMiddleware<S>(options: SessionOptions<S>): Middleware<Context<S>> {
  const store = options.store ?? new MemorySessionStore<S>();
  const keyOf = keyFunction(options.key);
  return async (ctx, next) => {
    const key = keyOf(ctx);
    if (key === undefined) {
      await next();
      return;
    }
    ctx.session = (await store.get(key)) ?? options.initial();
    await next();
    if (ctx.session === undefined) await store.delete(key);
    else await store.set(key, ctx.session);
  };
}
