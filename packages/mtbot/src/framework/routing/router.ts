import { Context } from '../context';
import { HandlerError } from '../errors/handler-error';
import { RouteDefinitionError } from '../errors/route-definition-error';
import { composeMiddleware, type ContextStep, type ErrorHandler, type Middleware } from '../middleware';
import type { RoutableChatType, RoutableMessage, RoutableUpdate } from '../routable-update';
import { CallbackDataMatcher } from './callback-data-matcher';
import { ChatMemberTable, type ChatMemberFilter } from './chat-member-table';
import {
  compileRoute,
  passToErrorHandlers,
  type CompiledRoute,
  type Handler,
  type RouteOptions,
} from './compiled-route';
import { KindTable, type MessageKindFilter } from './kind-table';
import { TextPatternTable, type TextPattern } from './text-pattern-table';

/** Options of a `router.on(...)` or `router.editedMessage(...)` route. */
export interface KindRouteOptions<C extends Context = Context> extends RouteOptions<C> {
  /** Only these chat types; all when omitted. */
  readonly chatType?: RoutableChatType | readonly RoutableChatType[];
}

/** Options of a {@link Router}. */
export interface RouterOptions<C extends Context = Context> {
  /** The bot's username (without `@`): `/start@name` is routed only when `name` is this. */
  readonly botUsername?: string;
  /** Makes the context of an update; a subclass of {@link Context} adds fields of its own. */
  readonly createContext?: (update: RoutableUpdate) => C;
}

const commandNamePattern = /^[A-Za-z0-9_]{1,32}$/;
const resolved: Promise<void> = Promise.resolve();

function describePattern(pattern: TextPattern): string {
  return typeof pattern === 'string' ? `'${pattern}'` : String(pattern);
}

function listOf<T>(value: T | readonly T[]): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

/**
 * The routing engine: handlers registered by plain calls (the decorators compile down to these same
 * calls), global middleware, and `handle(update)`, which finds the one route for an update by lookups
 * (commands in a Map, callback data in a trie, literal texts in a Map, RegExps only for texts, kinds
 * and chat types by table) and runs it. The first route found wins, in this order: command, text
 * pattern, message kind, fallback.
 *
 * @example
 * ```ts
 * const router = new Router({ botUsername: 'my_bot' });
 * router.use(async (ctx, next) => { console.time('update'); await next(); console.timeEnd('update'); });
 * router.command(['help', 'h'], (ctx) => ctx.reply('Try /start'));
 * router.hears(/^hello (\w+)/i, (ctx) => ctx.reply(`Hello, ${ctx.match?.[1]}`));
 * router.callbackQuery('item/:id', (ctx) => ctx.answer({ text: `item ${ctx.params.id}` }));
 * router.fallback((ctx) => ctx.reply('Sorry?'));
 * await router.handle(update);
 * ```
 */
export class Router<C extends Context = Context> {
  private botNameLower: string | undefined;
  private readonly createContext: (update: RoutableUpdate) => C;
  private readonly commands = new Map<string, CompiledRoute<C>>();
  private readonly texts = new TextPatternTable<CompiledRoute<C>>();
  private readonly messageKinds = new KindTable<CompiledRoute<C>>();
  private readonly editedKinds = new KindTable<CompiledRoute<C>>();
  private readonly callbackData = new CallbackDataMatcher<CompiledRoute<C>>();
  private readonly callbackRegExps = new TextPatternTable<CompiledRoute<C>>();
  private readonly inlineQueries = new TextPatternTable<CompiledRoute<C>>();
  private anyInlineQuery: CompiledRoute<C> | undefined;
  private readonly chatMembers = new ChatMemberTable<CompiledRoute<C>>();
  private fallbackRoute: CompiledRoute<C> | undefined;
  private readonly middleware: Middleware<C>[] = [];
  private readonly errorHandlers: ErrorHandler<C>[] = [];
  private pipeline: ContextStep<C> | undefined;

  constructor(options: RouterOptions<C> = {}) {
    this.botUsername = options.botUsername;
    this.createContext = options.createContext ?? ((update) => new Context(update) as C);
  }

  /** The bot's username, compared without case to the `@name` of commands. */
  get botUsername(): string | undefined {
    return this.botNameLower;
  }

  set botUsername(name: string | undefined) {
    this.botNameLower = name?.replace(/^@/, '').toLowerCase();
  }

  /** Adds global middleware; it runs for every update, before routing, in the order added. */
  use(...middleware: Middleware<C>[]): this {
    this.middleware.push(...middleware);
    this.pipeline = undefined;
    return this;
  }

  /** Adds a global error handler: it gets what no handler- or controller-level handler took. */
  catch(handler: ErrorHandler<C>): this {
    this.errorHandlers.push(handler);
    return this;
  }

  /** Handles `/name` (or any of several aliases); `ctx.args` is the rest of the text. */
  command(names: string | readonly string[], handler: Handler<C>, options?: RouteOptions<C>): this {
    const list = listOf(names);
    const source = options?.source ?? `router.command(${list.map((name) => `'${name}'`).join(', ')})`;
    if (list.length === 0) throw new RouteDefinitionError(source, 'no command name given');
    for (const name of list) {
      if (typeof name !== 'string' || !commandNamePattern.test(name)) {
        throw new RouteDefinitionError(
          source,
          `bad command name "${String(name)}": 1-32 letters, digits or _, without the leading /`,
        );
      }
      const existing = this.commands.get(name);
      if (existing !== undefined) {
        throw new RouteDefinitionError(source, `command /${name} is already handled by ${existing.source}`);
      }
    }
    const route = compileRoute(source, handler, options);
    for (const name of list) this.commands.set(name, route);
    return this;
  }

  /** Handles messages whose whole text is a string, or whose text a RegExp matches (`ctx.match`). */
  hears(
    patterns: TextPattern | readonly TextPattern[],
    handler: Handler<C>,
    options?: RouteOptions<C>,
  ): this {
    const list = listOf(patterns);
    const source = options?.source ?? `router.hears(${list.map(describePattern).join(', ')})`;
    const route = compileRoute(source, handler, options);
    for (const pattern of list) this.texts.add(pattern, route, source, 'text pattern');
    return this;
  }

  /** Handles messages of a kind (`photo`, `text`, ... or `message` for any), optionally in some chat types. */
  on(
    kinds: MessageKindFilter | readonly MessageKindFilter[],
    handler: Handler<C>,
    options?: KindRouteOptions<C>,
  ): this {
    const list = listOf(kinds);
    const source = options?.source ?? `router.on(${list.map((kind) => `'${kind}'`).join(', ')})`;
    this.messageKinds.add(list, chatTypesOf(options), compileRoute(source, handler, options), source);
    return this;
  }

  /** Handles edited messages, of any kind or of the kinds given. */
  editedMessage(handler: Handler<C>, options?: KindRouteOptions<C>): this;
  editedMessage(
    kinds: MessageKindFilter | readonly MessageKindFilter[],
    handler: Handler<C>,
    options?: KindRouteOptions<C>,
  ): this;
  editedMessage(
    first: Handler<C> | MessageKindFilter | readonly MessageKindFilter[],
    second?: Handler<C> | KindRouteOptions<C>,
    third?: KindRouteOptions<C>,
  ): this {
    const [kinds, handler, options] =
      typeof first === 'function'
        ? [['message'] as const, first, second as KindRouteOptions<C> | undefined]
        : [listOf(first), second as Handler<C>, third];
    const source = options?.source ?? `router.editedMessage(${kinds.map((kind) => `'${kind}'`).join(', ')})`;
    this.editedKinds.add(kinds, chatTypesOf(options), compileRoute(source, handler, options), source);
    return this;
  }

  /** Handles button presses whose data matches `item/:id` (`ctx.params.id`) or a RegExp (`ctx.match`). */
  callbackQuery(
    patterns: TextPattern | readonly TextPattern[],
    handler: Handler<C>,
    options?: RouteOptions<C>,
  ): this {
    const list = listOf(patterns);
    const source = options?.source ?? `router.callbackQuery(${list.map(describePattern).join(', ')})`;
    const route = compileRoute(source, handler, options);
    for (const pattern of list) {
      if (typeof pattern === 'string') this.callbackData.add(pattern, route, source);
      else this.callbackRegExps.add(pattern, route, source, 'callback data pattern');
    }
    return this;
  }

  /** Handles inline queries: any, or those whose text equals a string or matches a RegExp. */
  inlineQuery(handler: Handler<C>, options?: RouteOptions<C>): this;
  inlineQuery(
    patterns: TextPattern | readonly TextPattern[],
    handler: Handler<C>,
    options?: RouteOptions<C>,
  ): this;
  inlineQuery(
    first: Handler<C> | TextPattern | readonly TextPattern[],
    second?: Handler<C> | RouteOptions<C>,
    third?: RouteOptions<C>,
  ): this {
    if (typeof first === 'function') {
      const options = second as RouteOptions<C> | undefined;
      const source = options?.source ?? 'router.inlineQuery()';
      if (this.anyInlineQuery !== undefined) {
        throw new RouteDefinitionError(
          source,
          `any inline query is already handled by ${this.anyInlineQuery.source}`,
        );
      }
      this.anyInlineQuery = compileRoute(source, first, options);
      return this;
    }
    const list = listOf(first);
    const source = third?.source ?? `router.inlineQuery(${list.map(describePattern).join(', ')})`;
    const route = compileRoute(source, second as Handler<C>, third);
    for (const pattern of list) this.inlineQueries.add(pattern, route, source, 'inline query pattern');
    return this;
  }

  /** Handles chat member changes, all or those matching old/new status filters. */
  chatMember(handler: Handler<C>, options?: RouteOptions<C>): this;
  chatMember(filter: ChatMemberFilter, handler: Handler<C>, options?: RouteOptions<C>): this;
  chatMember(
    first: Handler<C> | ChatMemberFilter,
    second?: Handler<C> | RouteOptions<C>,
    third?: RouteOptions<C>,
  ): this {
    const [filter, handler, options] =
      typeof first === 'function'
        ? [undefined, first, second as RouteOptions<C> | undefined]
        : [first, second as Handler<C>, third];
    const source = options?.source ?? 'router.chatMember()';
    this.chatMembers.add(filter, compileRoute(source, handler, options), source);
    return this;
  }

  /** Handles every update no other route took. */
  fallback(handler: Handler<C>, options?: RouteOptions<C>): this {
    const source = options?.source ?? 'router.fallback()';
    if (this.fallbackRoute !== undefined) {
      throw new RouteDefinitionError(source, `a fallback is already set by ${this.fallbackRoute.source}`);
    }
    this.fallbackRoute = compileRoute(source, handler, options);
    return this;
  }

  /**
   * Runs global middleware, finds the route and runs it. Resolves with the context (its `route` says
   * which handler ran, undefined when none matched); rejects with a {@link HandlerError} only when an
   * error got past every error handler.
   */
  async handle(update: RoutableUpdate): Promise<C> {
    const ctx = this.createContext(update);
    const pipeline = (this.pipeline ??= composeMiddleware(this.middleware, this.dispatch));
    try {
      await pipeline(ctx);
    } catch (error) {
      try {
        await passToErrorHandlers(error, ctx, this.errorHandlers);
      } catch (left) {
        throw new HandlerError(update.kind, ctx.route, left);
      }
    }
    return ctx;
  }

  private readonly dispatch: ContextStep<C> = (ctx) => {
    const route = this.find(ctx);
    if (route === undefined) return resolved;
    ctx.route = route.source;
    return route.run(ctx);
  };

  private find(ctx: C): CompiledRoute<C> | undefined {
    const update = ctx.update;
    switch (update.kind) {
      case 'message':
        return this.findMessageRoute(ctx, update.message) ?? this.fallbackRoute;
      case 'editedMessage': {
        const message = update.message;
        return this.editedKinds.lookup(message.mediaKind, message.chat.type) ?? this.fallbackRoute;
      }
      case 'callbackQuery': {
        const data = update.callbackQuery.data;
        if (data === undefined) return this.fallbackRoute;
        const hit = this.callbackData.match(data);
        if (hit !== undefined) {
          ctx.params = hit.params;
          return hit.value;
        }
        const patternHit = this.callbackRegExps.match(data);
        if (patternHit === undefined) return this.fallbackRoute;
        ctx.match = patternHit.match;
        return patternHit.value;
      }
      case 'inlineQuery': {
        const hit = this.inlineQueries.match(update.inlineQuery.query);
        if (hit === undefined) return this.anyInlineQuery ?? this.fallbackRoute;
        ctx.match = hit.match;
        return hit.value;
      }
      case 'chatMember': {
        const change = update.chatMember;
        return this.chatMembers.lookup(change.oldStatus, change.newStatus) ?? this.fallbackRoute;
      }
    }
  }

  private findMessageRoute(ctx: C, message: RoutableMessage): CompiledRoute<C> | undefined {
    const command = message.command;
    // A command addressed to another bot (`/start@other_bot`) is not ours: it is routed as plain text.
    if (
      command !== undefined &&
      (command.botName === undefined || command.botName.toLowerCase() === this.botNameLower)
    ) {
      const route = this.commands.get(command.name);
      if (route !== undefined) {
        ctx.args = command.args;
        return route;
      }
    }
    if (message.text.length > 0) {
      const hit = this.texts.match(message.text);
      if (hit !== undefined) {
        ctx.match = hit.match;
        return hit.value;
      }
    }
    return this.messageKinds.lookup(message.mediaKind, message.chat.type);
  }
}

function chatTypesOf(options: KindRouteOptions<never> | undefined): readonly RoutableChatType[] | undefined {
  const chatType = options?.chatType;
  return chatType === undefined ? undefined : listOf(chatType);
}
