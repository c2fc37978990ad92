import 'reflect-metadata';
import { LocalDc } from 'mtbot-local-dc';
import { container as rootContainer, inject, injectable } from 'tsyringe';
import { Command, Controller, Ctx, type Context } from '../../src/framework';
import type { LoadedConfig } from '../../src/runtime/config/bot-config';
import { APP_CONFIG, BOT_CONFIG } from '../../src/runtime/config/config-tokens';
import { env } from '../../src/runtime/config/env';
import type { EnvValues } from '../../src/runtime/config/parse-env';
import { createBotService } from '../../src/service/run-bot';
import { waitFor } from '../app/app-harness';

const schema = { GREETING: env.string(), ADMIN_ID: env.int({ min: 1 }) };

@injectable()
class GreetingService {
  constructor(@inject(APP_CONFIG) private readonly app: EnvValues<typeof schema>) {}

  greeting(): string {
    return `${this.app.GREETING} (admin ${this.app.ADMIN_ID})`;
  }
}

@Controller()
class ConfigController {
  constructor(
    @inject(BOT_CONFIG) private readonly config: LoadedConfig<typeof schema>,
    private readonly greetings: GreetingService,
  ) {}

  @Command('greet')
  greet(@Ctx() ctx: Context) {
    return ctx.reply(`${this.greetings.greeting()} via ${this.config.localDc?.kind ?? 'telegram'}`);
  }
}

@Controller({ scope: 'update' })
class PerUpdateController {
  constructor(@inject(APP_CONFIG) private readonly app: EnvValues<typeof schema>) {}

  @Command('admin')
  admin(@Ctx() ctx: Context) {
    return ctx.reply(`admin is ${this.app.ADMIN_ID}`);
  }
}

describe('the service config in the bot container', () => {
  let dc: LocalDc;

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0 });
  });
  afterAll(async () => {
    await dc.stop();
  });

  const environment = () => ({
    API_ID: '12345',
    API_HASH: '0123456789abcdef0123456789abcdef',
    LOCAL_DC_URL: dc.info.controlUrl,
    SESSION_STORE: 'memory',
    LOG_LEVEL: 'silent',
    GREETING: 'Hello',
    ADMIN_ID: '42',
  });

  it('is injected into controllers and their services, singleton and update-scoped, by token', async () => {
    const service = await createBotService({
      controllers: [ConfigController, PerUpdateController],
      env: environment(),
      envFile: false,
      schema,
    });
    const { app, config } = service;
    expect(app.container.resolve(BOT_CONFIG)).toBe(config);
    expect(app.container.resolve(APP_CONFIG)).toEqual({ GREETING: 'Hello', ADMIN_ID: 42 });
    // The root container is left alone.
    expect(rootContainer.isRegistered(BOT_CONFIG)).toBe(false);

    await app.start();
    try {
      const alice = dc.createUser({ firstName: 'Alice' });
      const replies = () =>
        dc
          .history(alice.id, dc.defaultBot.id)
          .filter((message) => !message.out)
          .map((message) => message.text);
      dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: '/greet' });
      await waitFor(() => replies().length === 1, 'the greeting');
      dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: '/admin' });
      await waitFor(() => replies().length === 2, 'the admin reply');
      expect(replies()).toEqual(['Hello (admin 42) via control', 'admin is 42']);
    } finally {
      await app.stop({ timeoutMs: 2_000 });
    }
  });

  it('is registered in a container the caller passes', async () => {
    const container = rootContainer.createChildContainer();
    const { config } = await createBotService({
      controllers: [ConfigController],
      container,
      env: environment(),
      envFile: false,
      schema,
    });
    expect(container.resolve(BOT_CONFIG)).toBe(config);
    expect(container.resolve(ConfigController)).toBeInstanceOf(ConfigController);
  });
});
