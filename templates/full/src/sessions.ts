// Per-user session data, loaded before a handler runs and stored after it (`ctx.session`).
import { JsonSessionStore, sessionMiddleware, type Context } from 'mtbot';
import { dataStore } from './data-store';

/** What the bot remembers about each user. */
export interface UserSession {
  /** How often the user asked /count. */
  counted: number;
  /** Filled in by the /signup conversation. */
  profile?: { name: string; age: number };
}

/** A handler's context with the session typed. */
export type BotContext = Context<UserSession>;

/** The session middleware: global (src/bot.ts), so every handler has `ctx.session`. */
export const userSessions = sessionMiddleware<UserSession>({
  store: new JsonSessionStore<UserSession>(dataStore, { prefix: 'session:' }),
  key: 'user',
  initial: () => ({ counted: 0 }),
});
