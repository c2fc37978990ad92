import type { Context } from '../context';
import {
  composeMiddleware,
  type ContextStep,
  type ErrorHandler,
  type Guard,
  type Middleware,
} from '../middleware';

/** A handler: gets the context; what it returns is ignored (replies are explicit, `ctx.reply(...)`). */
export type Handler<C extends Context = Context> = (ctx: C) => unknown;

/** What runs around one handler; the explorer fills these from controller and method decorators. */
export interface RouteOptions<C extends Context = Context> {
  /** Route middleware, outermost first (controller level, then handler level). */
  readonly middleware?: readonly Middleware<C>[];
  /** Guards, all of which must pass, checked in order after the route middleware. */
  readonly guards?: readonly Guard<C>[];
  /** Error handlers, innermost first (handler level, then controller level); each may rethrow. */
  readonly errorHandlers?: readonly ErrorHandler<C>[];
  /** Names the route in errors and in `ctx.route`; defaults to the router call that made it. */
  readonly source?: string;
}

/** A route ready to run: its middleware, guards, handler and error handlers composed once. */
export interface CompiledRoute<C extends Context = Context> {
  readonly source: string;
  readonly run: ContextStep<C>;
}

/**
 * Passes `error` to each handler in turn until one returns without throwing; what a handler throws
 * replaces the error for the next one. Throws what is left when every handler rethrew (or none exist).
 */
export async function passToErrorHandlers<C extends Context>(
  error: unknown,
  ctx: C,
  handlers: readonly ErrorHandler<C>[],
): Promise<void> {
  let current = error;
  for (const handler of handlers) {
    try {
      await handler(current, ctx);
      return;
    } catch (rethrown) {
      current = rethrown;
    }
  }
  throw current;
}

function guarded<C extends Context>(guards: readonly Guard<C>[], handler: Handler<C>): ContextStep<C> {
  return async (ctx) => {
    for (const guard of guards) {
      if (!(await guard(ctx))) return;
    }
    await handler(ctx);
  };
}

/** Composes a route once, at registration, so an update pays only for what the route uses. */
export function compileRoute<C extends Context>(
  source: string,
  handler: Handler<C>,
  options: RouteOptions<C> | undefined,
): CompiledRoute<C> {
  const guards = options?.guards ?? [];
  const errorHandlers = options?.errorHandlers ?? [];
  const inner: ContextStep<C> =
    guards.length === 0
      ? async (ctx) => {
          await handler(ctx);
        }
      : guarded(guards, handler);
  const pipeline = composeMiddleware(options?.middleware ?? [], inner);
  if (errorHandlers.length === 0) return { source, run: pipeline };
  return {
    source,
    run: async (ctx) => {
      try {
        await pipeline(ctx);
      } catch (error) {
        await passToErrorHandlers(error, ctx, errorHandlers);
      }
    },
  };
}
