// Photos and forwards sent while handling go through the send scheduler like texts: a burst to one
// group stays within the local DC's flood limits (sped up, see app-harness) and no FLOOD_WAIT reaches
// the handler, while the same burst from a bare client does get FLOOD_WAIT.
import type { LocalDc } from 'mtbot-local-dc';
import { FloodWaitError } from 'telegram-mtproto-core';
import type { BotApplication } from '../../src/app/bot-application';
import { BotClient } from '../../src/client/bot-client';
import { Args, Command, Controller, Ctx, type Context } from '../../src/framework';
import { botOptions } from '../client/bot-client-harness';
import { appOn, metricValue, startDc, waitFor } from './app-harness';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** What the handlers saw; the client is set once the application exists. */
const seen = {
  client: undefined as BotClient | undefined,
  errors: [] as unknown[],
  photoIds: [] as number[],
};

@Controller()
class MediaController {
  /** `/photos N`: N photos to this chat at once. */
  @Command('photos')
  async photos(@Args() args: string, @Ctx() ctx: Context) {
    const chatId = ctx.chat!.id;
    const sends = Array.from({ length: Number(args) }, (_, index) =>
      seen.client!.sendPhoto(chatId, PNG, { caption: `photo ${index}` }).then(
        (message) => (seen.photoIds[index] = message.id),
        (error: unknown) => seen.errors.push(error),
      ),
    );
    await Promise.all(sends);
  }

  /** `/forward N`: N forwards at once of the first five photos into this chat. */
  @Command('forward')
  async forward(@Args() args: string, @Ctx() ctx: Context) {
    const chatId = ctx.chat!.id;
    const ids = seen.photoIds.slice(0, 5);
    const sends = Array.from({ length: Number(args) }, () =>
      seen.client!.forwardMessages(chatId, chatId, ids).catch((error: unknown) => seen.errors.push(error)),
    );
    await Promise.all(sends);
  }
}

describe('media and forwards through the send scheduler over the local DC', () => {
  let dc: LocalDc;
  let app: BotApplication | undefined;

  beforeEach(async () => {
    seen.errors = [];
    seen.photoIds = [];
    dc = await startDc();
  });
  afterEach(async () => {
    await app?.stop({ timeoutMs: 5_000 });
    app = undefined;
    await dc.stop();
  });

  it('sends a burst of 60 photos and 8 forwards of 5 to one group with no FLOOD_WAIT reaching the handler', async () => {
    const built = appOn(dc, { controllers: [MediaController] });
    app = built.app;
    seen.client = app.client;
    await app.start();
    const alice = dc.createUser({ firstName: 'Alice' });
    const group = dc.groups.createGroup({
      creatorId: alice.id,
      title: 'Gallery',
      memberIds: [dc.defaultBot.id],
    });
    const fromBot = () =>
      dc.groups.history(group.id, alice.id).filter((message) => message.fromId === dc.defaultBot.id);

    dc.groups.sendMessage({ fromUserId: alice.id, chatId: group.id, text: '/photos 60' });
    // Until every send has resolved (the DC shows a message before its answer reaches the bot).
    const resolved = () => seen.photoIds.filter((id) => id !== undefined).length;
    await waitFor(() => resolved() === 60 || seen.errors.length > 0, '60 photos', 15_000);
    expect(seen.errors).toEqual([]);
    const photos = fromBot();
    expect(photos.map((message) => message.text)).toEqual(
      Array.from({ length: 60 }, (_, index) => `photo ${index}`),
    );
    // Each send resolved with its own new message.
    expect(new Set(seen.photoIds).size).toBe(60);

    // 40 messages in 8 calls: each forward counts as its 5 messages against the group's 20 a window.
    dc.groups.sendMessage({ fromUserId: alice.id, chatId: group.id, text: '/forward 8' });
    await waitFor(() => fromBot().length >= 100 || seen.errors.length > 0, '40 forwarded messages', 15_000);
    expect(seen.errors).toEqual([]);
    expect(fromBot()).toHaveLength(100);
    const floodWaits = ['messages.sendMedia', 'messages.forwardMessages'].map((method) =>
      metricValue(built.registry, `mtbot_flood_waits_total{method="${method}"}`),
    );
    process.stdout.write(`60 photos + 8 forwards of 5 to one group: flood waits waited out ${floodWaits}\n`);
  }, 30_000);

  it('the same photo burst from a bare client gets FLOOD_WAIT (the limits are real)', async () => {
    const other = dc.createBot({ firstName: 'Bare' });
    const bare = new BotClient(botOptions(dc, { botToken: other.token }));
    await bare.start();
    try {
      const alice = dc.createUser({ firstName: 'Alice' });
      const group = dc.groups.createGroup({ creatorId: alice.id, title: 'Bare', memberIds: [other.user.id] });
      // The bot learns the group from a command in it (peers come with updates; privacy mode hides
      // other messages from bots).
      const chatId = await new Promise<bigint>((resolve) => {
        bare.onUpdate((update) => {
          if (update.kind === 'message' && update.chatId !== undefined) resolve(update.chatId);
        });
        dc.groups.sendMessage({ fromUserId: alice.id, chatId: group.id, text: '/hello' });
      });
      const results = await Promise.allSettled(
        Array.from({ length: 30 }, (_, index) => bare.sendPhoto(chatId, PNG, { caption: `bare ${index}` })),
      );
      const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
      expect(failures.length).toBeGreaterThan(0);
      expect(failures.every((error) => FloodWaitError.isInstance(error))).toBe(true);
    } finally {
      await bare.stop();
    }
  });
});
