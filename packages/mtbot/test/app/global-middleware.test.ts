import {
  Catch,
  Command,
  Context,
  Controller,
  Ctx,
  sessionMiddleware,
  type Middleware,
} from '../../src/framework';
import type { LocalDc } from 'mtbot-local-dc';
import type { BotApplication } from '../../src/app/bot-application';
import { defineConversation } from '../../src/conversations/conversation';
import { conversations } from '../../src/conversations/conversations-middleware';
import { enterConversation } from '../../src/conversations/enter-conversation';
import { HandlerError } from '../../src/framework/errors/handler-error';
import { appOn, startDc, waitFor } from './app-harness';

interface Visits {
  count: number;
  name?: string;
}
type VisitContext = Context<Visits>;

const askName = defineConversation<Record<string, never>, VisitContext>({
  name: 'ask-name',
  steps: [
    {
      name: 'name',
      prompt: (ctx) => ctx.reply('your name?'),
      handle: async (ctx, conversation) => {
        ctx.session!.name = ctx.message?.text;
        await ctx.reply(`saved ${ctx.message?.text}`);
        conversation.finish();
      },
    },
  ],
});

class BrokenMiddlewareError extends Error {
  override readonly name = 'BrokenMiddlewareError';
}

/** No middleware on the controller and no fallback route: the global chain must do it all. */
@Controller()
@Catch(() => {
  throw new Error('a controller @Catch never sees global middleware errors');
})
class VisitsController {
  @Command('count')
  count(@Ctx() ctx: VisitContext) {
    ctx.session!.count += 1;
    return ctx.reply(`count ${ctx.session!.count}`);
  }

  @Command('name')
  name(@Ctx() ctx: VisitContext) {
    return enterConversation(ctx, 'ask-name');
  }

  @Command('whoami')
  whoami(@Ctx() ctx: VisitContext) {
    return ctx.reply(`you are ${ctx.session!.name ?? 'unknown'}`);
  }
}

/** The texts the bot sent to a user, in order. */
function textsFromBot(dc: LocalDc, userId: bigint): string[] {
  return dc
    .history(userId, dc.defaultBot.id)
    .filter((message) => !message.out)
    .map((message) => message.text);
}

describe('BotApplication global middleware', () => {
  let dc: LocalDc;
  let app: BotApplication | undefined;

  beforeEach(async () => {
    dc = await startDc();
  });

  afterEach(async () => {
    await app?.stop({ timeoutMs: 5_000 });
    app = undefined;
    await dc.stop();
  });

  it('runs sessions and conversations for every update, in order, without per-controller middleware', async () => {
    const order: string[] = [];
    const trace =
      (name: string): Middleware =>
      async (_ctx, next) => {
        order.push(`${name} in`);
        await next();
        order.push(`${name} out`);
      };
    app = appOn(dc, {
      controllers: [VisitsController],
      middleware: [
        trace('first'),
        sessionMiddleware<Visits>({ key: 'user', initial: () => ({ count: 0 }) }),
        conversations<VisitContext>({ conversations: [askName] }),
        trace('last'),
      ],
    }).app;
    await app.start();
    const alice = dc.createUser({ firstName: 'Alice' });
    const botId = dc.defaultBot.id;
    const replies = () => textsFromBot(dc, alice.id);
    const say = async (text: string, expected: number) => {
      dc.sendUserMessage({ fromUserId: alice.id, toUserId: botId, text });
      await waitFor(() => replies().length === expected, `the reply to ${text}`);
    };

    await say('/count', 1);
    await say('/count', 2);
    await say('/name', 3);
    // A plain text matches no route: only the global conversations middleware can take it.
    await say('Alice', 4);
    await say('/whoami', 5);
    expect(replies()).toEqual(['count 1', 'count 2', 'your name?', 'saved Alice', 'you are Alice']);
    // The conversation took the answer before `last`, which ran for the routed updates only.
    expect(order.filter((step) => step === 'first in')).toHaveLength(5);
    expect(order.filter((step) => step === 'last in')).toHaveLength(4);
    expect(order.slice(0, 4)).toEqual(['first in', 'last in', 'last out', 'first out']);
  });

  it('global error handlers, then onError, get what global middleware throws', async () => {
    const handled: unknown[] = [];
    const uncaught: unknown[] = [];
    const breaker: Middleware = (ctx, next) => {
      const text = ctx.message?.text;
      if (text === '/count boom') throw new BrokenMiddlewareError('handled');
      if (text === '/count crash') throw new BrokenMiddlewareError('uncaught');
      return next();
    };
    app = appOn(dc, {
      controllers: [VisitsController],
      middleware: [sessionMiddleware<Visits>({ initial: () => ({ count: 0 }) }), breaker],
      errorHandlers: [
        async (error, ctx: Context) => {
          if (!(error instanceof BrokenMiddlewareError) || error.message !== 'handled') throw error;
          handled.push(error);
          await ctx.reply('middleware failed, sorry');
        },
      ],
    }).app;
    app.onError((error) => uncaught.push(error));
    await app.start();
    const bob = dc.createUser({ firstName: 'Bob' });
    const botId = dc.defaultBot.id;
    const replies = () => textsFromBot(dc, bob.id);

    dc.sendUserMessage({ fromUserId: bob.id, toUserId: botId, text: '/count boom' });
    dc.sendUserMessage({ fromUserId: bob.id, toUserId: botId, text: '/count crash' });
    dc.sendUserMessage({ fromUserId: bob.id, toUserId: botId, text: '/count' });
    await waitFor(() => replies().length === 2 && uncaught.length === 1, 'the replies and the error');
    expect(replies()).toEqual(['middleware failed, sorry', 'count 1']);
    expect(handled).toHaveLength(1);
    expect(uncaught[0]).toBeInstanceOf(HandlerError);
    expect((uncaught[0] as HandlerError).cause).toBeInstanceOf(BrokenMiddlewareError);
  });
});
