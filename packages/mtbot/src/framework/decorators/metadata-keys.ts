import type { Context } from '../context';
import type { ErrorHandler, Guard, Middleware } from '../middleware';
import type { RoutableChatType } from '../routable-update';
import type { ChatMemberFilter } from '../routing/chat-member-table';
import type { MessageKindFilter } from '../routing/kind-table';
import type { TextPattern } from '../routing/text-pattern-table';

// Symbols, not strings: no other library's metadata can collide with these.
/** On a class: its {@link ControllerOptions}. */
export const controllerKey = Symbol('mtbot.controller');
/** On a prototype: the {@link HandlerMetadata} of every decorated method. */
export const handlersKey = Symbol('mtbot.handlers');
/** On a class or a (prototype, method): {@link EnhancerMetadata}. */
export const enhancersKey = Symbol('mtbot.enhancers');
/** On a (prototype, method): its {@link ParameterMetadata}. */
export const parametersKey = Symbol('mtbot.parameters');
/** On a prototype: the names of the methods that have parameter decorators. */
export const parameterMethodsKey = Symbol('mtbot.parameter-methods');

/** How a controller's instances live: one for the bot, or one per update (with the context injectable). */
export type ControllerScope = 'singleton' | 'update';

/** Options of `@Controller(...)`. */
export interface ControllerOptions<C extends Context = Context> {
  /** `singleton` (default): resolved once at start-up; `update`: resolved per update in a child container. */
  readonly scope?: ControllerScope;
  /** Middleware around every handler of the controller, outside handler-level middleware. */
  readonly middleware?: readonly Middleware<C>[];
  /** Guards for every handler of the controller, checked before handler-level guards. */
  readonly guards?: readonly Guard<C>[];
  /** Error handler for every handler of the controller, after a handler-level one. */
  readonly catch?: ErrorHandler<C>;
}

/** What one route decorator recorded about a method. */
export type RouteSpec =
  | { readonly type: 'command'; readonly names: readonly string[] }
  | { readonly type: 'hears'; readonly patterns: readonly TextPattern[] }
  | {
      readonly type: 'on' | 'editedMessage';
      readonly kinds: readonly MessageKindFilter[];
      readonly chatType: RoutableChatType | readonly RoutableChatType[] | undefined;
    }
  | { readonly type: 'callbackQuery'; readonly patterns: readonly TextPattern[] }
  | { readonly type: 'inlineQuery'; readonly patterns: readonly TextPattern[] | undefined }
  | { readonly type: 'chatMember'; readonly filter: ChatMemberFilter | undefined }
  | { readonly type: 'fallback' };

export interface HandlerMetadata {
  readonly method: string | symbol;
  readonly route: RouteSpec;
}

export interface EnhancerMetadata {
  readonly middleware: readonly Middleware<never>[];
  readonly guards: readonly Guard<never>[];
  readonly errorHandlers: readonly ErrorHandler<never>[];
}

/** What a parameter decorator asks to be passed. */
export type ParameterSource =
  | { readonly type: 'context' }
  | { readonly type: 'message' }
  | { readonly type: 'params' }
  | { readonly type: 'param'; readonly name: string }
  | { readonly type: 'match' }
  | { readonly type: 'args' };

export interface ParameterMetadata {
  readonly index: number;
  readonly source: ParameterSource;
}

/** Appends to an array kept as own metadata, copying an inherited one first so a parent is never changed. */
export function appendMetadata<T>(
  key: symbol,
  items: readonly T[],
  target: object,
  property?: string | symbol,
): void {
  const current: readonly T[] =
    (property === undefined
      ? Reflect.getMetadata(key, target)
      : Reflect.getMetadata(key, target, property)) ?? [];
  const next = [...current, ...items];
  if (property === undefined) Reflect.defineMetadata(key, next, target);
  else Reflect.defineMetadata(key, next, target, property);
}
