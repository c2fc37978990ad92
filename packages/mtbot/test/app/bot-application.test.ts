import {
  CallbackQuery,
  Catch,
  Command,
  Context,
  Controller,
  Ctx,
  Hears,
  InlineQuery,
  Match,
  Param,
  UseGuards,
} from '../../src/framework';
// After the framework, whose entry loads reflect-metadata that tsyringe needs.
import { container as rootContainer, injectable } from 'tsyringe';
import type { LocalDc } from 'mtbot-local-dc';
import { BotApplication } from '../../src/app/bot-application';
import { BotClient } from '../../src/client/bot-client';
import { articleResult } from '../../src/client/inline-results';
import { InlineKeyboard } from '../../src/keyboards/inline-keyboard';
import { HandlerError } from '../../src/framework/errors/handler-error';
import { ConfigError } from 'telegram-mtproto-core';
import { botOptions } from '../client/bot-client-harness';
import { ServiceRunner } from '../../src/runtime/lifecycle/service-runner';
import { ExitCode } from '../../src/runtime/lifecycle/exit-codes';
import { appOn, metricValue, startDc, waitFor } from './app-harness';

@injectable()
class Greetings {
  readonly greeted: string[] = [];
  greet(name: string | undefined): string {
    this.greeted.push(name ?? '?');
    return `Hello, ${name ?? 'stranger'}!`;
  }
}

class KitchenFireError extends Error {
  override readonly name = 'KitchenFireError';
}

function newGate(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}
let gate = newGate();

const ownersOnly = (ctx: Context): boolean => ctx.from?.firstName === 'Owner';

@Controller()
class ShopController {
  readonly secretsShown: string[] = [];
  constructor(private readonly greetings: Greetings) {}

  @Command('start')
  start(@Ctx() ctx: Context) {
    return ctx.reply(this.greetings.greet(ctx.from?.firstName), {
      replyMarkup: new InlineKeyboard().text('Pizza', 'order/pizza'),
    });
  }

  @Hears(/^price of (\w+)$/)
  price(@Match() match: RegExpExecArray, @Ctx() ctx: Context) {
    return ctx.reply(`${match[1]} costs 7`);
  }

  @CallbackQuery('order/:item')
  async order(@Param('item') item: string, @Ctx() ctx: Context) {
    await ctx.answer({ text: `ordered ${item}` });
    await ctx.edit(`Your ${item} is on its way`);
  }

  @InlineQuery()
  search(@Ctx() ctx: Context) {
    const query = ctx.inlineQuery!.query;
    return ctx.answerInlineQuery([articleResult({ id: 'q', title: query.toUpperCase(), text: query })]);
  }

  @Command('secret')
  @UseGuards(ownersOnly)
  secret(@Ctx() ctx: Context) {
    this.secretsShown.push(ctx.from?.firstName ?? '?');
    return ctx.reply('the secret is 42');
  }

  @Command('cook')
  @Catch((error, ctx) =>
    error instanceof KitchenFireError ? ctx.reply(`sorry: ${error.message}`) : undefined,
  )
  cook() {
    throw new KitchenFireError('the oven is on fire');
  }

  /** Waits for the test to open the gate: a handler in flight at shutdown. */
  @Command('wait')
  async wait(@Ctx() ctx: Context) {
    await gate.promise;
    await ctx.reply('waited');
  }

  @Command('crash')
  crash() {
    throw new KitchenFireError('nobody catches this');
  }
}

describe('BotApplication over the local DC', () => {
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

  it('answers a command, a pattern, a button press and an inline query with an injected service', async () => {
    const container = rootContainer.createChildContainer();
    container.registerSingleton(Greetings);
    const built = appOn(dc, { controllers: [ShopController], container });
    app = built.app;
    await app.start();
    expect(app.container).toBe(container);
    expect(app.container.resolve(BotClient)).toBe(app.client);
    const alice = dc.createUser({ firstName: 'Alice' });
    const botId = dc.defaultBot.id;
    const botReplies = () => dc.history(alice.id, botId).filter((message) => !message.out);

    dc.sendUserMessage({ fromUserId: alice.id, toUserId: botId, text: '/start' });
    await waitFor(() => botReplies().length === 1, 'the greeting');
    expect(botReplies()[0]!.text).toBe('Hello, Alice!');
    expect(app.container.resolve(Greetings).greeted).toEqual(['Alice']);

    dc.sendUserMessage({ fromUserId: alice.id, toUserId: botId, text: 'price of tea' });
    await waitFor(() => botReplies().length === 2, 'the price');
    expect(botReplies()[1]!.text).toBe('tea costs 7');

    const menu = botReplies()[0]!;
    const answer = await dc.bots.pressButton({
      userId: alice.id,
      botId,
      messageId: menu.id,
      data: 'order/pizza',
    });
    expect(answer.message).toBe('ordered pizza');
    await waitFor(() => botReplies()[0]!.text === 'Your pizza is on its way', 'the edit');

    const results = await dc.bots.inlineQuery({ userId: alice.id, botId, query: 'cats' });
    expect(results.results).toHaveLength(1);
    expect(results.results[0]).toMatchObject({ id: 'q', title: 'CATS' });

    const handled = (kind: string) =>
      metricValue(built.registry, `mtbot_updates_handled_total{kind="${kind}",outcome="handled"}`);
    // The DC has the answers before the handlers' ends are counted.
    await waitFor(() => handled('callback_query') === 1 && handled('inline_query') === 1, 'the metrics');
    expect(handled('message')).toBe(2);
    expect(metricValue(built.registry, 'mtbot_handler_duration_seconds_count{kind="message"}')).toBe(2);
  });

  it('a guard blocks, an error handler catches, and an uncaught error reaches onError, not the client', async () => {
    const built = appOn(dc, { controllers: [ShopController] });
    app = built.app;
    const errors: unknown[] = [];
    app.onError((error) => errors.push(error));
    await app.start();
    const owner = dc.createUser({ firstName: 'Owner' });
    const mallory = dc.createUser({ firstName: 'Mallory' });
    const botId = dc.defaultBot.id;
    const repliesTo = (userId: bigint) =>
      dc
        .history(userId, botId)
        .filter((message) => !message.out)
        .map((m) => m.text);

    dc.sendUserMessage({ fromUserId: mallory.id, toUserId: botId, text: '/secret' });
    dc.sendUserMessage({ fromUserId: mallory.id, toUserId: botId, text: '/cook' });
    dc.sendUserMessage({ fromUserId: mallory.id, toUserId: botId, text: '/crash' });
    dc.sendUserMessage({ fromUserId: mallory.id, toUserId: botId, text: '/start' });
    dc.sendUserMessage({ fromUserId: owner.id, toUserId: botId, text: '/secret' });
    // Mallory's chat is handled in order: her /start reply comes after everything before it.
    await waitFor(
      () => repliesTo(mallory.id).length === 2 && repliesTo(owner.id).length === 1,
      'the replies',
    );
    expect(repliesTo(mallory.id)).toEqual(['sorry: the oven is on fire', 'Hello, Mallory!']);
    expect(repliesTo(owner.id)).toEqual(['the secret is 42']);
    expect(app.container.resolve(ShopController).secretsShown).toEqual(['Owner']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(HandlerError);
    expect((errors[0] as HandlerError).cause).toBeInstanceOf(KitchenFireError);
    expect(metricValue(built.registry, 'mtbot_updates_handled_total{kind="message",outcome="error"}')).toBe(
      1,
    );
    expect(app.isRunning).toBe(true);
  });

  it('runs as a ServiceRunner part whose shutdown waits for the handler in flight', async () => {
    gate = newGate();
    const runner = new ServiceRunner({
      exitProcess: false,
      process: { on: () => undefined, off: () => undefined, exit: () => undefined },
      shutdownTimeoutMs: 10_000,
    });
    const built = appOn(dc, {
      controllers: [ShopController],
      trackInFlight: (work) => runner.trackInFlight(work),
    });
    app = built.app;
    runner.add('bot', app);
    const exitCode = runner.run();
    await waitFor(() => app!.isRunning, 'the bot running');
    const alice = dc.createUser({ firstName: 'Alice' });
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: '/wait' });
    await waitFor(() => runner.inFlight.count === 1, 'the handler in flight');
    const stopped = runner.stop('test');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(app.client.isRunning).toBe(true);
    gate.resolve();
    expect(await stopped).toBe(ExitCode.Clean);
    expect(await exitCode).toBe(ExitCode.Clean);
    const texts = dc.history(alice.id, dc.defaultBot.id).map((message) => message.text);
    expect(texts).toEqual(['/wait', 'waited']);
    expect(app.client.isRunning).toBe(false);
    expect(app.shutdownReport?.drained).toBe(true);
  });

  it('stop() after its timeout reports the handler still running and stops the client anyway', async () => {
    gate = newGate();
    const built = appOn(dc, { controllers: [ShopController] });
    app = built.app;
    await app.start();
    const alice = dc.createUser({ firstName: 'Alice' });
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: '/wait' });
    await waitFor(() => app!.stats.running === 1, 'the handler in flight');
    await app.stop({ timeoutMs: 200 });
    expect(app.shutdownReport).toMatchObject({ drained: false, queued: 0 });
    expect(app.shutdownReport?.inFlight.map((task) => task.label)).toEqual([`message of ${alice.id}`]);
    expect(app.client.isRunning).toBe(false);
    gate.resolve();
  });

  it('refuses bad options with a ConfigError', () => {
    const client = botOptions(dc);
    expect(() => new BotApplication({ controllers: [ShopController], client, maxPendingUpdates: 0 })).toThrow(
      ConfigError,
    );
    expect(() => new BotApplication({ controllers: [ShopController], client, concurrency: -1 })).toThrow(
      ConfigError,
    );
    expect(
      () => new BotApplication({ controllers: [ShopController], client, shutdownTimeoutMs: Number.NaN }),
    ).toThrow(ConfigError);
  });
});
