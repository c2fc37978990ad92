import type { Api, MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import { deleteMessages } from '../src/world/message-deletion';
import { World } from '../src/world/world';
import { createClient, loginBot, UpdateCollector } from './local-dc-harness';

const isDelete = (update: Api.TypeUpdates): update is Api.UpdateShort =>
  update._ === 'updateShort' && update.update._ === 'updateDeleteMessages';

describe('messages.deleteMessages (core MtprotoClient over TCP)', () => {
  let dc: LocalDc;
  const clients: MtprotoClient[] = [];
  const client = (): MtprotoClient => {
    const created = createClient(dc);
    clients.push(created);
    return created;
  };

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false });
  });

  afterAll(async () => {
    await Promise.all(clients.map((each) => each.close()));
    await dc.stop();
  });

  it('deletes per account with pts, tells the other sessions and the other side, and replays it in getDifference', async () => {
    const alice = dc.createUser({ firstName: 'Alice' });
    const { user: bot, token } = dc.createBot({ firstName: 'Deleter', username: 'deleter_bot' });
    const first = client();
    const second = client();
    await loginBot(first, token);
    await loginBot(second, token);
    const secondUpdates = new UpdateCollector(second);

    dc.sendUserMessage({ fromUserId: alice.id, toUserId: bot.id, text: 'one' }); // bot id 1, pts 1
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: bot.id, text: 'two' }); // bot id 2, pts 2
    const peer: Api.InputPeerUser = { _: 'inputPeerUser', user_id: alice.id, access_hash: alice.accessHash };
    await first.invoke({ _: 'messages.sendMessage', peer, message: 'three', random_id: 7n }); // id 3, pts 3
    const aliceBefore = dc.world.box(alice.id).pts;

    const affected = await first.invoke({ _: 'messages.deleteMessages', revoke: true, id: [1, 3, 99] });
    expect(affected).toEqual({ _: 'messages.affectedMessages', pts: 5, pts_count: 2 });

    // The bot's other session hears of it; the asking session learnt it from its answer.
    const pushed = await secondUpdates.next(isDelete);
    expect(pushed.update).toEqual({ _: 'updateDeleteMessages', messages: [1, 3], pts: 5, pts_count: 2 });

    // Alice's copies went too (revoke), each side with its own ids and pts.
    expect(dc.history(alice.id, bot.id).map((message) => message.text)).toEqual(['two']);
    expect(dc.world.box(alice.id).pts).toBe(aliceBefore + 2);
    expect(dc.history(bot.id, alice.id).map((message) => [message.id, message.text])).toEqual([[2, 'two']]);

    // A session that was away from pts 3 gets the delete through updates.getDifference.
    const difference = await first.invoke({ _: 'updates.getDifference', flags: 0, pts: 3, date: 0, qts: 0 });
    expect(difference._).toBe('updates.difference');
    expect((difference as Api.UpdatesDifference).other_updates).toEqual([
      { _: 'updateDeleteMessages', messages: [1], pts: 4, pts_count: 1 },
      { _: 'updateDeleteMessages', messages: [3], pts: 5, pts_count: 1 },
    ]);
    expect((difference as Api.UpdatesDifference).state.pts).toBe(5);

    // Nothing to delete: the current pts and pts_count 0.
    expect(await first.invoke({ _: 'messages.deleteMessages', id: [1, 42] })).toEqual({
      _: 'messages.affectedMessages',
      pts: 5,
      pts_count: 0,
    });
  });

  it('without revoke deletes only from the caller’s box', async () => {
    const bob = dc.createUser({ firstName: 'Bob' });
    const bot = client();
    await loginBot(bot, dc.info.botToken);
    dc.sendUserMessage({ fromUserId: bob.id, toUserId: dc.defaultBot.id, text: 'keep me' });
    const [mine] = dc.history(dc.defaultBot.id, bob.id);
    const affected = await bot.invoke({ _: 'messages.deleteMessages', id: [mine!.id] });
    expect(affected.pts_count).toBe(1);
    expect(dc.history(dc.defaultBot.id, bob.id)).toEqual([]);
    expect(dc.history(bob.id, dc.defaultBot.id).map((message) => message.text)).toEqual(['keep me']);
  });
});

describe('deleteMessages rules (world with a fake clock)', () => {
  it('refuses a bot deleting a message older than 48 hours, and deletes nothing then', () => {
    let nowMs = Date.UTC(2026, 0, 1);
    const world = new World({ clock: { now: () => nowMs } });
    const alice = world.createUser({ firstName: 'Alice' });
    const { user: bot } = world.createBot({ firstName: 'Bot', username: 'old_bot' });
    world.sendPrivateMessage(alice.id, bot.id, 'old');
    nowMs += 47 * 3600_000;
    world.sendPrivateMessage(alice.id, bot.id, 'newer');
    nowMs += 2 * 3600_000; // 'old' is 49 hours old, 'newer' 2 hours
    expect(() => deleteMessages(world, bot.id, [1, 2], true)).toThrow(
      expect.objectContaining({ code: 403, text: 'MESSAGE_DELETE_FORBIDDEN' }),
    );
    expect(world.box(bot.id).history(alice.id)).toHaveLength(2);
    expect(deleteMessages(world, bot.id, [2], true)).toHaveLength(1);
    // A user has no such window.
    expect(deleteMessages(world, alice.id, [1], false)).toHaveLength(1);
  });
});
