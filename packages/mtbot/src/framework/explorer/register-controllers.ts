import { container as rootContainer, type DependencyContainer, type InjectionToken } from 'tsyringe';
import { Context } from '../context';
import { CONTEXT } from '../context-token';
import { enhancersOf } from '../decorators/enhancer-decorators';
import {
  controllerKey,
  handlersKey,
  parameterMethodsKey,
  parametersKey,
  type ControllerOptions,
  type HandlerMetadata,
  type ParameterMetadata,
  type RouteSpec,
} from '../decorators/metadata-keys';
import { RouteDefinitionError } from '../errors/route-definition-error';
import type { ErrorHandler, Guard, Middleware } from '../middleware';
import type { Handler, RouteOptions } from '../routing/compiled-route';
import type { KindRouteOptions, Router } from '../routing/router';
import { argumentResolver, type ArgumentResolver } from './argument-resolvers';

/** A class decorated with `@Controller()`. */
export type ControllerClass = new (...args: never[]) => object;

/** Options of {@link registerControllers}. */
export interface RegisterControllersOptions {
  /**
   * The bot's container: controllers and their services are resolved from it. Defaults to a new child
   * of tsyringe's root container, so the root is never written to.
   */
  readonly container?: DependencyContainer;
}

type Invoke = (instance: object, ctx: Context) => unknown;

function invoker(
  source: string,
  method: (...args: unknown[]) => unknown,
  parameters: readonly ParameterMetadata[],
): Invoke {
  if (parameters.length === 0) return (instance, ctx) => method.call(instance, ctx);
  const resolvers: ArgumentResolver[] = [];
  for (const parameter of parameters) {
    if (resolvers[parameter.index] !== undefined) {
      throw new RouteDefinitionError(source, `parameter ${parameter.index} has two parameter decorators`);
    }
    resolvers[parameter.index] = argumentResolver(parameter.source);
  }
  // A trailing undecorated parameter leaves no hole in `resolvers`: the method's own arity shows it
  // (parameters after one with a default value are not counted, as JavaScript does not either).
  const declared = Math.max(resolvers.length, method.length);
  for (let index = 0; index < declared; index += 1) {
    if (resolvers[index] === undefined) {
      throw new RouteDefinitionError(
        source,
        `parameter ${index} has no parameter decorator while others do; add @Ctx(), @Msg(), @Args() ...`,
      );
    }
  }
  if (resolvers.length === 1) {
    const only = resolvers[0];
    return (instance, ctx) => method.call(instance, only(ctx));
  }
  return (instance, ctx) => {
    const args = new Array<unknown>(resolvers.length);
    for (let index = 0; index < resolvers.length; index += 1) args[index] = resolvers[index](ctx);
    return method.apply(instance, args);
  };
}

function registerRoute(router: Router, route: RouteSpec, handler: Handler, options: RouteOptions): void {
  switch (route.type) {
    case 'command':
      router.command(route.names, handler, options);
      return;
    case 'hears':
      router.hears(route.patterns, handler, options);
      return;
    case 'on':
    case 'editedMessage': {
      const kindOptions: KindRouteOptions = { ...options, chatType: route.chatType };
      if (route.type === 'on') router.on(route.kinds, handler, kindOptions);
      else router.editedMessage(route.kinds, handler, kindOptions);
      return;
    }
    case 'callbackQuery':
      router.callbackQuery(route.patterns, handler, options);
      return;
    case 'inlineQuery':
      if (route.patterns === undefined) router.inlineQuery(handler, options);
      else router.inlineQuery(route.patterns, handler, options);
      return;
    case 'chatMember':
      if (route.filter === undefined) router.chatMember(handler, options);
      else router.chatMember(route.filter, handler, options);
      return;
    case 'fallback':
      router.fallback(handler, options);
      return;
  }
}

function checkParameterDecorators(controller: ControllerClass, handlers: readonly HandlerMetadata[]): void {
  const decorated: readonly (string | symbol)[] =
    Reflect.getMetadata(parameterMethodsKey, controller.prototype) ?? [];
  for (const method of decorated) {
    if (!handlers.some((handler) => handler.method === method)) {
      throw new RouteDefinitionError(
        `${controller.name}.${String(method)}`,
        'has parameter decorators but no route decorator (@Command, @Hears, @On, ...), so nothing would call it',
      );
    }
  }
}

function handlerFor(
  controller: ControllerClass,
  scope: ControllerOptions['scope'],
  botContainer: DependencyContainer,
  invoke: Invoke,
): Handler {
  // tsyringe types classes as constructors of any arguments; the controller is one of those.
  const token = controller as unknown as InjectionToken<object>;
  if (scope === 'update') {
    return (ctx) => {
      const child = botContainer.createChildContainer();
      child.register(CONTEXT, { useValue: ctx });
      child.register(Context, { useValue: ctx });
      ctx.container = child;
      return invoke(child.resolve(token), ctx);
    };
  }
  if (!botContainer.isRegistered(token)) botContainer.registerSingleton(token, token);
  // Resolved now, so a missing service fails at start-up rather than at the first update.
  const instance = botContainer.resolve(token);
  return (ctx) => invoke(instance, ctx);
}

function registerController(
  router: Router,
  controller: ControllerClass,
  botContainer: DependencyContainer,
): void {
  const name = typeof controller === 'function' ? controller.name || '(anonymous class)' : String(controller);
  const options: ControllerOptions | undefined =
    typeof controller === 'function' ? Reflect.getOwnMetadata(controllerKey, controller) : undefined;
  if (options === undefined) {
    throw new RouteDefinitionError(name, 'is not decorated with @Controller(), so it cannot be registered');
  }
  if (options.scope !== undefined && options.scope !== 'singleton' && options.scope !== 'update') {
    throw new RouteDefinitionError(
      name,
      `unknown scope "${String(options.scope)}"; expected singleton or update`,
    );
  }
  const handlers: readonly HandlerMetadata[] = Reflect.getMetadata(handlersKey, controller.prototype) ?? [];
  if (handlers.length === 0) {
    throw new RouteDefinitionError(name, 'has no handler methods (@Command, @Hears, @On, ...)');
  }
  checkParameterDecorators(controller, handlers);
  const classEnhancers = enhancersOf(controller);
  const controllerMiddleware = [...(options.middleware ?? []), ...classEnhancers.middleware] as Middleware[];
  const controllerGuards = [...(options.guards ?? []), ...classEnhancers.guards] as Guard[];
  const controllerCatch = [
    ...classEnhancers.errorHandlers,
    ...(options.catch === undefined ? [] : [options.catch]),
  ];
  const invokers = new Map<string | symbol, Invoke>();
  for (const { method, route } of handlers) {
    const source = `${name}.${String(method)}`;
    let invoke = invokers.get(method);
    if (invoke === undefined) {
      const implementation: unknown = (controller.prototype as Record<string | symbol, unknown>)[method];
      if (typeof implementation !== 'function') {
        throw new RouteDefinitionError(source, 'has a route decorator but is not a method');
      }
      const parameters: readonly ParameterMetadata[] =
        Reflect.getMetadata(parametersKey, controller.prototype, method) ?? [];
      invoke = invoker(source, implementation as (...args: unknown[]) => unknown, parameters);
      invokers.set(method, invoke);
    }
    const methodEnhancers = enhancersOf(controller.prototype, method);
    registerRoute(router, route, handlerFor(controller, options.scope, botContainer, invoke), {
      source,
      middleware: [...controllerMiddleware, ...(methodEnhancers.middleware as Middleware[])],
      guards: [...controllerGuards, ...(methodEnhancers.guards as Guard[])],
      errorHandlers: [...methodEnhancers.errorHandlers, ...controllerCatch] as ErrorHandler[],
    });
  }
}

/**
 * The explorer: reads the decorators of the given controller classes once, at start-up, resolves
 * singleton controllers through tsyringe and turns each decorated method into a plain router call.
 * Anything wrong (an undecorated class, a conflict, a bad pattern, a misplaced parameter decorator, a
 * service that cannot be resolved) throws here, with the class and method named.
 *
 * @example
 * ```ts
 * const router = new Router({ botUsername: 'my_bot' });
 * registerControllers(router, [Greeter, Shop], { container: botContainer });
 * ```
 */
export function registerControllers(
  router: Router,
  controllers: readonly ControllerClass[],
  options: RegisterControllersOptions = {},
): DependencyContainer {
  const botContainer = options.container ?? rootContainer.createChildContainer();
  const seen = new Set<ControllerClass>();
  for (const controller of controllers) {
    if (seen.has(controller)) {
      throw new RouteDefinitionError(controller.name, 'is listed twice');
    }
    seen.add(controller);
    registerController(router, controller, botContainer);
  }
  return botContainer;
}
