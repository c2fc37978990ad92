// SESSION_STORE=redis://... end to end: a service on a local DC keeps its session in a real
// redis-server, and the next service for the same bot logs in with it (no new authorization).
import { Redis } from 'ioredis';
import { LocalDc } from 'mtbot-local-dc';
import { Command, Controller, Ctx, type Context } from '../../src/framework';
import { createBotService } from '../../src/service/run-bot';
import { waitFor } from '../app/app-harness';
import { startRedis, type TestRedis } from '../stores/redis-server';

@Controller()
class PingController {
  @Command('ping')
  ping(@Ctx() ctx: Context) {
    return ctx.reply('pong');
  }
}

const PASSWORD = 'redis-pw-4821';

describe('a bot service with its session in Redis', () => {
  let dc: LocalDc;
  let redis: TestRedis;

  beforeAll(async () => {
    [dc, redis] = await Promise.all([LocalDc.start({ port: 0 }), startRedis()]);
  });
  afterAll(async () => {
    await Promise.all([dc?.stop(), redis?.stop()]);
  });

  async function runOnce(): Promise<string[]> {
    const lines: string[] = [];
    const { app } = await createBotService({
      controllers: [PingController],
      env: {
        API_ID: '12345',
        API_HASH: '0123456789abcdef0123456789abcdef',
        LOCAL_DC_URL: dc.info.controlUrl,
        SESSION_STORE: `redis://:${PASSWORD}@127.0.0.1:${redis.port}/0`,
        LOG_LEVEL: 'info',
      },
      envFile: false,
      logDestination: { write: (line: string) => lines.push(line) },
    });
    await app.start();
    try {
      const user = dc.createUser({ firstName: 'Pinger' });
      dc.sendUserMessage({ fromUserId: user.id, toUserId: dc.defaultBot.id, text: '/ping' });
      const answered = () => dc.history(user.id, dc.defaultBot.id).some((message) => message.text === 'pong');
      await waitFor(answered, 'pong');
    } finally {
      await app.stop({ timeoutMs: 2_000 });
    }
    return lines;
  }

  it('logs in once and reuses the session after a restart', async () => {
    // A server with a password, so the URL's password is used (and must not be logged).
    const admin = new Redis(redis.port, '127.0.0.1');
    await admin.config('SET', 'requirepass', PASSWORD);
    admin.disconnect();

    const first = await runOnce();
    const second = await runOnce();
    const messages = (lines: string[]) => lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages(first)).toContain('bot authorization imported');
    expect(messages(second)).not.toContain('bot authorization imported');
    const logged = [...first, ...second].join('\n');
    expect(logged).not.toContain(dc.info.botToken.split(':')[1]);
    expect(logged).not.toContain(PASSWORD);
  });
});
