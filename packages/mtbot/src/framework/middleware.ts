import type { Context } from './context';
import { MiddlewareError } from './errors/middleware-error';

/** Runs the rest of the chain; resolves when it is done. */
export type NextFunction = () => Promise<void>;

/**
 * Koa-style middleware: do something, `await next()` to run the rest of the chain (or do not, to stop
 * it), then do something after.
 *
 * @example
 * ```ts
 * const timing: Middleware = async (ctx, next) => {
 *   const start = Date.now();
 *   await next();
 *   ctx.state.elapsedMs = Date.now() - start;
 * };
 * ```
 */
export type Middleware<C extends Context = Context> = (ctx: C, next: NextFunction) => unknown;

/** Decides whether a handler runs for this update; a false result skips it. */
export type Guard<C extends Context = Context> = (ctx: C) => boolean | Promise<boolean>;

/** Gets an error thrown by a handler, guard or middleware; rethrow to pass it to the next level. */
export type ErrorHandler<C extends Context = Context> = (error: unknown, ctx: C) => unknown;

/** One step of a composed chain: runs for one context. */
export type ContextStep<C extends Context = Context> = (ctx: C) => Promise<void>;

function link<C extends Context>(middleware: Middleware<C>, rest: ContextStep<C>): ContextStep<C> {
  return async (ctx) => {
    let called = false;
    await middleware(ctx, () => {
      if (called) {
        return Promise.reject(new MiddlewareError('next() called twice by one middleware'));
      }
      called = true;
      return rest(ctx);
    });
  };
}

/**
 * Composes middleware in front of `terminal` once, at start-up: the result is one function per
 * update, with no array walk per call. Each middleware still gets a fresh `next` per update (it must
 * know its context and guard against a second call); with no middleware `terminal` is returned as is.
 */
export function composeMiddleware<C extends Context>(
  middleware: readonly Middleware<C>[],
  terminal: ContextStep<C>,
): ContextStep<C> {
  let step = terminal;
  for (let index = middleware.length - 1; index >= 0; index -= 1) {
    step = link(middleware[index], step);
  }
  return step;
}
