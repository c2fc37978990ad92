// mtbot_reconnects_total counts connections re-established after a loss (the local DC dropping
// them), not the first connect; BotClient.onReconnect is what feeds it.
import 'reflect-metadata';
import { LocalDc } from 'mtbot-local-dc';
import { BotClient } from '../../src/client/bot-client';
import { Command, Controller, Ctx, type Context } from '../../src/framework';
import { createBotService } from '../../src/service/run-bot';
import { waitFor } from '../app/app-harness';
import { botOptions } from '../client/bot-client-harness';

@Controller()
class Echo {
  @Command('ping')
  ping(@Ctx() ctx: Context) {
    return ctx.reply('pong');
  }
}

describe('reconnects', () => {
  let dc: LocalDc;

  beforeEach(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false });
  });
  afterEach(async () => {
    await dc.stop();
  });

  it('BotClient.onReconnect fires once per re-established connection, not on the first connect', async () => {
    const bot = new BotClient(botOptions(dc));
    const reconnects: number[] = [];
    bot.onReconnect((dcId) => reconnects.push(dcId));
    await bot.start();
    try {
      expect(reconnects).toEqual([]);
      dc.faults.dropConnections();
      await waitFor(() => reconnects.length === 1, 'the first reconnect');
      expect(reconnects).toEqual([dc.info.dcId]);
      // The client works on the new connection.
      expect((await bot.getMe()).id).toBe(dc.defaultBot.id);
      dc.faults.dropConnections();
      await waitFor(() => reconnects.length === 2, 'the second reconnect');
      expect(reconnects).toEqual([dc.info.dcId, dc.info.dcId]);
    } finally {
      await bot.stop();
    }
  });

  it('a service counts them in mtbot_reconnects_total by DC', async () => {
    const service = await createBotService({
      controllers: [Echo],
      env: {
        API_ID: '12345',
        API_HASH: '0123456789abcdef0123456789abcdef',
        LOCAL_DC_URL: dc.info.controlUrl,
        SESSION_STORE: 'memory',
        LOG_LEVEL: 'silent',
      },
      envFile: false,
    });
    const reconnectLine = () =>
      service.runtime.metrics
        .renderMetrics()
        .split('\n')
        .find((line) => line.startsWith('mtbot_reconnects_total{'));
    await service.app.start();
    try {
      expect(reconnectLine()).toBeUndefined();
      dc.faults.dropConnections();
      await waitFor(() => reconnectLine() !== undefined, 'a reconnect counted');
      expect(reconnectLine()).toBe(`mtbot_reconnects_total{dc="${dc.info.dcId}"} 1`);
      // Still answering on the new connection.
      const alice = dc.createUser({ firstName: 'Alice' });
      dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: '/ping' });
      await waitFor(
        () =>
          dc.history(alice.id, dc.defaultBot.id).some((message) => !message.out && message.text === 'pong'),
        'the reply after the reconnect',
      );
    } finally {
      await service.app.stop({ timeoutMs: 2_000 });
    }
  });
});
