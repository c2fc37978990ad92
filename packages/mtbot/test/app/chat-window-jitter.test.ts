// The send scheduler counts a chat's sends from their answers: with the local DC's exact group window
// (no slack, unlike app-harness's FAST_SEND_LIMITS) a burst to one group never earns a FLOOD_WAIT.
// Counted from their starts, the same burst got 8 to 11 (measured when this test was written).
import type { LocalDc } from 'mtbot-local-dc';
import type { BotApplication } from '../../src/app/bot-application';
import { Args, Command, Controller, Ctx, type Context } from '../../src/framework';
import { appOn, FAST_DC_LIMITS, FAST_SEND_LIMITS, metricValue, startDc, waitFor } from './app-harness';

const sendErrors: unknown[] = [];

@Controller()
class BurstController {
  @Command('burst')
  async burst(@Args() args: string, @Ctx() ctx: Context) {
    const sends = Array.from({ length: Number(args) }, (_, index) =>
      ctx.reply(`burst ${index}`).catch((error: unknown) => sendErrors.push(error)),
    );
    await Promise.all(sends);
  }
}

describe('a chat window counted from the answers', () => {
  let dc: LocalDc;
  let app: BotApplication | undefined;

  beforeEach(async () => {
    dc = await startDc();
  });
  afterEach(async () => {
    await app?.stop({ timeoutMs: 5_000 });
    await dc.stop();
  });

  it('sends 300 replies to one group at exactly the DC’s window with no FLOOD_WAIT at all', async () => {
    const built = appOn(dc, {
      controllers: [BurstController],
      sendLimits: { ...FAST_SEND_LIMITS, group: [FAST_DC_LIMITS.group] },
    });
    app = built.app;
    await app.start();
    const alice = dc.createUser({ firstName: 'Alice' });
    const group = dc.groups.createGroup({
      creatorId: alice.id,
      title: 'Exact',
      memberIds: [dc.defaultBot.id],
    });
    dc.groups.sendMessage({ fromUserId: alice.id, chatId: group.id, text: '/burst 300' });
    const fromBot = () =>
      dc.groups.history(group.id, alice.id).filter((message) => message.fromId === dc.defaultBot.id);
    await waitFor(() => fromBot().length >= 300 || sendErrors.length > 0, '300 group messages', 20_000);
    expect(sendErrors).toEqual([]);
    expect(fromBot().map((message) => message.text)).toEqual(
      Array.from({ length: 300 }, (_, index) => `burst ${index}`),
    );
    expect(metricValue(built.registry, 'mtbot_flood_waits_total{method="messages.sendMessage"}')).toBe(0);
  }, 30_000);
});
