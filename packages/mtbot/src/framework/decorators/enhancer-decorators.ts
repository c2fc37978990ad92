import type { Context } from '../context';
import type { ErrorHandler, Guard, Middleware } from '../middleware';
import { enhancersKey, type EnhancerMetadata } from './metadata-keys';

const none: EnhancerMetadata = { middleware: [], guards: [], errorHandlers: [] };

/** The enhancers recorded on a class (no `method`) or on one method, inherited ones included. */
export function enhancersOf(target: object, method?: string | symbol): EnhancerMetadata {
  const found: EnhancerMetadata | undefined =
    method === undefined
      ? Reflect.getMetadata(enhancersKey, target)
      : Reflect.getMetadata(enhancersKey, target, method);
  return found ?? none;
}

// Decorators apply bottom-up; prepending keeps the order in which they are written, top first.
function prepend(change: (current: EnhancerMetadata) => EnhancerMetadata): ClassDecorator & MethodDecorator {
  return ((target: object, method?: string | symbol) => {
    if (method === undefined) Reflect.defineMetadata(enhancersKey, change(enhancersOf(target)), target);
    else Reflect.defineMetadata(enhancersKey, change(enhancersOf(target, method)), target, method);
  }) as ClassDecorator & MethodDecorator;
}

/** Guards for a handler (on a method) or every handler of a controller (on the class); all must pass. */
export function UseGuards<C extends Context = Context>(
  ...guards: Guard<C>[]
): ClassDecorator & MethodDecorator {
  return prepend((current) => ({ ...current, guards: [...(guards as Guard<never>[]), ...current.guards] }));
}

/** Middleware around a handler (on a method) or every handler of a controller (on the class). */
export function UseMiddleware<C extends Context = Context>(
  ...middleware: Middleware<C>[]
): ClassDecorator & MethodDecorator {
  return prepend((current) => ({
    ...current,
    middleware: [...(middleware as Middleware<never>[]), ...current.middleware],
  }));
}

/**
 * An error handler for a handler (on a method) or every handler of a controller (on the class). It
 * gets `(error, ctx)`; rethrowing passes the error on: method, then class, then the global handlers.
 */
export function Catch<C extends Context = Context>(
  handler: ErrorHandler<C>,
): ClassDecorator & MethodDecorator {
  return prepend((current) => ({
    ...current,
    errorHandlers: [handler as ErrorHandler<never>, ...current.errorHandlers],
  }));
}
