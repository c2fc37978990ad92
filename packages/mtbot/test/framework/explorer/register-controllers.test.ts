import {
  Args,
  CONTEXT,
  CallbackQuery,
  Catch,
  ChatMember,
  Command,
  Context,
  Controller,
  Ctx,
  EditedMessage,
  Fallback,
  Hears,
  InlineQuery,
  Match,
  Msg,
  On,
  Param,
  Params,
  RouteDefinitionError,
  Router,
  UseGuards,
  UseMiddleware,
  registerControllers,
  type Middleware,
  type RoutableMessage,
} from '../../../src/framework';
// After the framework, whose entry loads reflect-metadata that tsyringe needs.
import { container, inject, injectable } from 'tsyringe';
import {
  callbackUpdate,
  chatMemberUpdate,
  editedMessageUpdate,
  inlineUpdate,
  messageUpdate,
  newLog,
} from '../fake-updates';

@injectable()
class Counter {
  count = 0;
  next(): number {
    this.count += 1;
    return this.count;
  }
}

@Controller()
class EveryDecorator {
  constructor(readonly counter: Counter) {}

  @Command(['help', 'h'])
  help(@Ctx() ctx: Context) {
    return ctx.reply(`help ${this.counter.next()}`);
  }

  @Command('start')
  start(@Ctx() ctx: Context, @Args() payload: string) {
    return ctx.reply(`start payload=${payload}`);
  }

  @Hears(/^order (\d+) (\w+)$/)
  order(@Match() match: RegExpExecArray, @Msg() message: RoutableMessage) {
    return message.reply(`order ${match[1]} of ${match[2]}`);
  }

  @On('photo', { chatType: 'private' })
  photo(ctx: Context) {
    return ctx.reply('photo');
  }

  @EditedMessage('text')
  edited(ctx: Context) {
    return ctx.reply('edited');
  }

  @CallbackQuery('item/:id/:action')
  item(@Param('id') id: string, @Params() params: Record<string, string>, @Ctx() ctx: Context) {
    return ctx.answer({ text: `${id} ${params.action}` });
  }

  @InlineQuery()
  inline(ctx: Context) {
    return ctx.answerInlineQuery(['a']);
  }

  @ChatMember({ newStatus: 'member' })
  joined(ctx: Context) {
    ctx.state.joined = ctx.chatMember?.user.id;
  }

  @Fallback()
  fallback(ctx: Context) {
    return ctx.reply('fallback');
  }
}

describe('registerControllers', () => {
  it('routes every route and parameter decorator to its method', async () => {
    const log = newLog();
    const router = new Router({ botUsername: 'my_bot' });
    registerControllers(router, [EveryDecorator]);
    await router.handle(messageUpdate('/help', log));
    await router.handle(messageUpdate('/h@my_bot', log));
    await router.handle(messageUpdate('/start ref-7', log));
    await router.handle(messageUpdate('order 3 tea', log));
    await router.handle(messageUpdate('', log, { mediaKind: 'photo' }));
    await router.handle(editedMessageUpdate('fixed', log));
    await router.handle(callbackUpdate('item/12/buy', log));
    await router.handle(inlineUpdate('anything', log));
    await router.handle(messageUpdate('what?', log));
    const joined = await router.handle(chatMemberUpdate('left', 'member'));
    expect(joined.route).toBe('EveryDecorator.joined');
    expect(joined.state.joined).toBe(2n);
    expect(log.calls).toEqual([
      'reply:help 1',
      'reply:help 2',
      'reply:start payload=ref-7',
      'reply:order 3 of tea',
      'reply:photo',
      'reply:edited',
      'answer:12 buy',
      'inline:1',
      'reply:fallback',
    ]);
  });

  it('resolves controllers once by default and per update in update scope, with the context injectable', async () => {
    @injectable()
    class Greeting {
      constructor(@inject(CONTEXT) readonly ctx: Context) {}
      text(): string {
        return `hi ${this.ctx.from?.id}`;
      }
    }
    let singletons = 0;
    let scoped = 0;
    @Controller()
    class Once {
      constructor() {
        singletons += 1;
      }
      @Command('once') once() {}
    }
    @Controller({ scope: 'update' })
    class PerUpdate {
      constructor(
        readonly greeting: Greeting,
        readonly ctx: Context,
      ) {
        scoped += 1;
      }
      @Command('scoped') scoped() {
        return this.ctx.reply(`${this.greeting.text()} same=${this.greeting.ctx === this.ctx}`);
      }
    }
    const log = newLog();
    const router = new Router();
    const botContainer = registerControllers(router, [Once, PerUpdate]);
    expect(singletons).toBe(1);
    for (const senderId of [1n, 2n]) {
      await router.handle(messageUpdate('/once', log, { senderId }));
      await router.handle(messageUpdate('/scoped', log, { senderId }));
    }
    expect(singletons).toBe(1);
    expect(scoped).toBe(2);
    expect(log.calls).toEqual(['reply:hi 1 same=true', 'reply:hi 2 same=true']);
    expect(botContainer).not.toBe(container);
    expect(botContainer.resolve(Once)).toBe(botContainer.resolve(Once));
  });

  it('runs global, controller and handler middleware in that order, then controller and handler guards', async () => {
    const order: string[] = [];
    const mark =
      (name: string): Middleware =>
      async (_ctx, next) => {
        order.push(`${name} in`);
        await next();
        order.push(`${name} out`);
      };
    const guard = (name: string, pass: boolean) => () => {
      order.push(`guard ${name}`);
      return pass;
    };
    @Controller({ middleware: [mark('controller option')], guards: [guard('controller option', true)] })
    @UseMiddleware(mark('controller 1'), mark('controller 2'))
    @UseGuards(guard('controller', true))
    class Layered {
      @Command('go')
      @UseMiddleware(mark('handler 1'))
      @UseMiddleware(mark('handler 2'))
      @UseGuards(guard('handler', true))
      go() {
        order.push('handler');
      }

      @Command('blocked')
      @UseGuards(guard('refusing', false))
      blocked() {
        order.push('must not run');
      }
    }
    const router = new Router();
    router.use(mark('global'));
    registerControllers(router, [Layered]);
    await router.handle(messageUpdate('/go', newLog()));
    expect(order).toEqual([
      'global in',
      'controller option in',
      'controller 1 in',
      'controller 2 in',
      'handler 1 in',
      'handler 2 in',
      'guard controller option',
      'guard controller',
      'guard handler',
      'handler',
      'handler 2 out',
      'handler 1 out',
      'controller 2 out',
      'controller 1 out',
      'controller option out',
      'global out',
    ]);
    order.length = 0;
    await router.handle(messageUpdate('/blocked', newLog()));
    expect(order).not.toContain('must not run');
    expect(order).toContain('guard refusing');
  });

  it('passes an error from the handler to the handler, controller and global error handlers in turn', async () => {
    const seen: string[] = [];
    const rethrow = (level: string) => (error: unknown, ctx: Context) => {
      seen.push(`${level}: ${(error as Error).message} (${ctx.route})`);
      throw new Error(`${level} gave up`);
    };
    @Controller({ catch: rethrow('controller option') })
    @Catch(rethrow('controller'))
    class Failing {
      @Command('all')
      @Catch(rethrow('handler'))
      all() {
        throw new Error('boom');
      }

      @Command('handled')
      @Catch((error) => {
        seen.push(`handler took ${(error as Error).message}`);
      })
      handled() {
        throw new Error('small');
      }
    }
    const router = new Router();
    router.catch((error) => {
      seen.push(`global: ${(error as Error).message}`);
    });
    registerControllers(router, [Failing]);
    await router.handle(messageUpdate('/all', newLog()));
    await router.handle(messageUpdate('/handled', newLog()));
    expect(seen).toEqual([
      'handler: boom (Failing.all)',
      'controller: handler gave up (Failing.all)',
      'controller option: controller gave up (Failing.all)',
      'global: controller option gave up',
      'handler took small',
    ]);
  });
  it('takes handlers, parameter decorators and method enhancers from a base class', async () => {
    const seen: string[] = [];
    class BaseHandlers {
      @Command('base')
      @UseGuards(() => {
        seen.push('base guard');
        return true;
      })
      base(@Args() args: string) {
        seen.push(`base ${args}`);
      }
    }
    @Controller()
    @UseGuards(() => {
      seen.push('derived guard');
      return true;
    })
    class Derived extends BaseHandlers {
      @Command('own') own() {
        seen.push('own');
      }
    }
    const router = new Router();
    registerControllers(router, [Derived]);
    await router.handle(messageUpdate('/base x', newLog()));
    await router.handle(messageUpdate('/own', newLog()));
    expect(seen).toEqual(['derived guard', 'base guard', 'base x', 'derived guard', 'own']);
    expect(() => registerControllers(new Router(), [BaseHandlers])).toThrow(
      'BaseHandlers: is not decorated with @Controller()',
    );
  });
});

describe('registerControllers start-up errors', () => {
  function errorOf(register: () => void): RouteDefinitionError {
    try {
      register();
    } catch (error) {
      if (RouteDefinitionError.isInstance(error)) return error;
      throw error;
    }
    throw new Error('expected a RouteDefinitionError');
  }

  it('names both handlers of a command registered twice', () => {
    @Controller()
    class First {
      @Command('start') start() {}
    }
    @Controller()
    class Second {
      @Command(['begin', 'start']) begin() {}
    }
    const error = errorOf(() => registerControllers(new Router(), [First, Second]));
    expect(error.source).toBe('Second.begin');
    expect(error.message).toBe('Second.begin: command /start is already handled by First.start');
  });

  it('refuses an undecorated class, a class listed twice and a class without handlers', () => {
    class Plain {
      @Command('x') x() {}
    }
    @Controller()
    class Empty {}
    @Controller()
    class Fine {
      @Command('fine') fine() {}
    }
    expect(errorOf(() => registerControllers(new Router(), [Plain])).message).toBe(
      'Plain: is not decorated with @Controller(), so it cannot be registered',
    );
    expect(errorOf(() => registerControllers(new Router(), [Fine, Fine])).message).toBe(
      'Fine: is listed twice',
    );
    expect(errorOf(() => registerControllers(new Router(), [Empty])).message).toMatch(
      /^Empty: has no handler methods/,
    );
  });

  it('refuses a parameter decorator on a method that handles nothing, and gaps between decorated parameters', () => {
    @Controller()
    class Misplaced {
      @Command('ok') ok() {}
      helper(@Ctx() _ctx: Context) {}
    }
    @Controller()
    class Gap {
      @Command('gap') gap(_first: unknown, @Ctx() _ctx: Context) {}
    }
    expect(errorOf(() => registerControllers(new Router(), [Misplaced])).source).toBe('Misplaced.helper');
    expect(errorOf(() => registerControllers(new Router(), [Gap])).message).toMatch(
      /^Gap.gap: parameter 0 has no parameter decorator/,
    );
  });

  it('refuses an undecorated trailing parameter, and keeps the ctx convention without decorators', async () => {
    @Controller()
    class Trailing {
      @Command('a') a(@Ctx() _ctx: Context, _x: string) {}
    }
    const error = errorOf(() => registerControllers(new Router(), [Trailing]));
    expect(error.source).toBe('Trailing.a');
    expect(error.message).toMatch(/^Trailing.a: parameter 1 has no parameter decorator/);

    const seen: unknown[] = [];
    @Controller()
    class Plain {
      @Command('plain') plain(ctx: Context, extra?: unknown) {
        seen.push(ctx, extra);
      }
    }
    const router = new Router();
    registerControllers(router, [Plain]);
    const ctx = await router.handle(messageUpdate('/plain', newLog()));
    expect(ctx.route).toBe('Plain.plain');
    expect(seen).toEqual([ctx, undefined]);
  });

  it('refuses bad patterns and kinds with the method named', () => {
    @Controller()
    class BadCallback {
      @CallbackQuery('item/:') item() {}
    }
    @Controller()
    class BadKind {
      @On('hologram' as never) on() {}
    }
    @Controller()
    class TwoFallbacks {
      @Fallback() one() {}
      @Fallback() two() {}
    }
    expect(errorOf(() => registerControllers(new Router(), [BadCallback])).message).toMatch(
      /^BadCallback.item: bad parameter ":"/,
    );
    expect(errorOf(() => registerControllers(new Router(), [BadKind])).message).toMatch(
      /^BadKind.on: unknown message kind "hologram"/,
    );
    expect(errorOf(() => registerControllers(new Router(), [TwoFallbacks])).message).toBe(
      'TwoFallbacks.two: a fallback is already set by TwoFallbacks.one',
    );
  });

  it('fails at start-up when a singleton controller cannot be resolved', () => {
    interface Store {
      load(): string;
    }
    @Controller()
    class NeedsStore {
      constructor(@inject('Store') readonly store: Store) {}
      @Command('load') load() {}
    }
    expect(() => registerControllers(new Router(), [NeedsStore])).toThrow(/Store/);
  });
});
