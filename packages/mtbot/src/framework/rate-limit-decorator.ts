/**
 * Incoming rate limits for handlers: "5 per 10 s" per user (or per chat), enforced before the handler
 * runs, so one flooding user is ignored (or told once) while everyone else goes on at full speed.
 */
import { IncomingLimiter, type IncomingLimiterOptions } from '../rate-limit/incoming-limiter';
import type { Context } from './context';
import { UseMiddleware } from './decorators/enhancer-decorators';
import type { Middleware } from './middleware';

/** Options of {@link throttle} and {@link RateLimit}. */
export interface ThrottleOptions extends Pick<
  IncomingLimiterOptions,
  'limit' | 'windowMs' | 'maxKeys' | 'clock'
> {
  /** Whose updates count together: each user's (default) or each chat's. */
  readonly per?: 'user' | 'chat';
  /**
   * The first update over the limit in a window gets this answer (a reply, or the toast of a button
   * press), the rest are dropped silently; a function answers itself. Without it, all are dropped.
   */
  readonly notify?: string | ((ctx: Context) => unknown);
}

/**
 * A middleware that lets `limit` updates per `windowMs` through for each user (or chat) and drops the
 * rest: a map lookup, never a wait. Updates with no user (or chat) to count pass.
 *
 * @example
 * ```ts
 * router.use(throttle({ limit: 5, windowMs: 10_000, notify: 'Slow down a little.' }));
 * ```
 */
export function throttle<C extends Context = Context>(options: ThrottleOptions): Middleware<C> {
  const { per = 'user', notify } = options;
  const limiter = new IncomingLimiter({
    limit: options.limit,
    windowMs: options.windowMs,
    whenExceeded: notify === undefined ? 'drop' : 'notify',
    ...(options.maxKeys !== undefined && { maxKeys: options.maxKeys }),
    ...(options.clock !== undefined && { clock: options.clock }),
  });
  return async (ctx, next) => {
    const key = per === 'chat' ? ctx.update.chatId : (ctx.from?.id ?? ctx.update.senderId);
    const outcome = key === undefined ? 'pass' : limiter.check(key);
    if (outcome === 'pass') return next();
    if (outcome === 'notify' && notify !== undefined) {
      if (typeof notify === 'function') await notify(ctx);
      else if (ctx.callbackQuery !== undefined) await ctx.answer({ text: notify });
      else if (ctx.message !== undefined) await ctx.reply(notify);
    }
  };
}

/**
 * {@link throttle} as a decorator: on a method it limits that handler; on a controller class, every
 * handler of it together (one budget per user for the whole controller).
 *
 * @example
 * ```ts
 * @Command('search')
 * @RateLimit({ limit: 3, windowMs: 60_000, notify: 'Three searches a minute, please.' })
 * search(@Ctx() ctx: Context) { ... }
 * ```
 */
export function RateLimit(options: ThrottleOptions): ClassDecorator & MethodDecorator {
  return UseMiddleware(throttle(options));
}
