import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage, type Api, type MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { ChannelRecord } from '../src/world/group-records';
import type { UserRecord } from '../src/world/records';
import { createClient, loginBot, nextInnerUpdate, rpcErrorOf, UpdateCollector } from './local-dc-harness';

const inputOf = (channel: ChannelRecord): Api.InputChannel => ({
  _: 'inputChannel',
  channel_id: channel.id,
  access_hash: channel.accessHash,
});

describe('channels.deleteMessages (core MtprotoClient over TCP)', () => {
  let dc: LocalDc;
  let alice: UserRecord;
  let other: { user: UserRecord; token: string };
  let bot: MtprotoClient;
  const clients: MtprotoClient[] = [];
  const track = (client: MtprotoClient): MtprotoClient => (clients.push(client), client);
  const botId = (): bigint => dc.defaultBot.id;
  let randomIds = 0;

  /** The bot posts `text` to the channel; returns the new message's id. */
  async function post(client: MtprotoClient, channel: ChannelRecord, text: string): Promise<number> {
    const sent = (await client.invoke({
      _: 'messages.sendMessage',
      peer: { _: 'inputPeerChannel', channel_id: channel.id, access_hash: channel.accessHash },
      message: text,
      random_id: BigInt(++randomIds),
    })) as Api.Updates;
    const id = sent.updates.find((update) => update._ === 'updateMessageID');
    return (id as Api.UpdateMessageID).id;
  }

  const texts = (channel: ChannelRecord): string[] =>
    dc.groups.history(channel.id).map((message) => message.text);

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false });
    alice = dc.createUser({ firstName: 'Alice' });
    other = dc.createBot({ firstName: 'Other', username: 'other_deleter_bot' });
    bot = track(createClient(dc));
    await loginBot(bot, dc.info.botToken);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await dc.stop();
  });

  it('deletes the bot’s own supergroup message with the channel’s pts and pushes it to other members', async () => {
    const group = dc.groups.createSupergroup({
      creatorId: alice.id,
      title: 'Deletes',
      memberIds: [botId()],
      admins: [{ userId: other.user.id }],
    });
    const otherClient = track(createClient(dc));
    await loginBot(otherClient, other.token);
    const otherUpdates = new UpdateCollector(otherClient);
    const mine = await post(bot, group, 'mine');
    const ptsBefore = group.pts;

    const affected = await bot.invoke({
      _: 'channels.deleteMessages',
      channel: inputOf(group),
      id: [mine, mine, 999],
    });
    expect(affected).toEqual({ _: 'messages.affectedMessages', pts: ptsBefore + 1, pts_count: 1 });
    const pushed = await nextInnerUpdate(otherUpdates, 'updateDeleteChannelMessages');
    expect(pushed).toEqual({
      _: 'updateDeleteChannelMessages',
      channel_id: group.id,
      messages: [mine],
      pts: ptsBefore + 1,
      pts_count: 1,
    });
    expect(texts(group)).not.toContain('mine');
    const fetched = await bot.invoke({
      _: 'channels.getMessages',
      channel: inputOf(group),
      id: [{ _: 'inputMessageID', id: mine }],
    });
    expect((fetched as Api.MessagesChannelMessages).messages).toEqual([{ _: 'messageEmpty', id: mine }]);

    // Unknown (or already deleted) ids only: nothing moves.
    expect(
      await bot.invoke({ _: 'channels.deleteMessages', channel: inputOf(group), id: [mine, 12345] }),
    ).toEqual({ _: 'messages.affectedMessages', pts: ptsBefore + 1, pts_count: 0 });
    expect(group.pts).toBe(ptsBefore + 1);
  });

  it('forbids others’ messages to non-admins and admins without delete_messages, allows them with it', async () => {
    const group = dc.groups.createSupergroup({
      creatorId: alice.id,
      title: 'Moderated',
      memberIds: [botId()],
      admins: [{ userId: other.user.id }],
    });
    const otherClient = track(createClient(dc));
    await loginBot(otherClient, other.token);
    const mine = await post(bot, group, 'bot says');
    const hers = dc.groups.sendMessage({ fromUserId: alice.id, chatId: group.id, text: 'alice says' }).id;
    const ptsBefore = group.pts;

    // Nothing goes when one of the messages is forbidden, not even the bot's own.
    await expect(
      bot.invoke({ _: 'channels.deleteMessages', channel: inputOf(group), id: [mine, hers] }),
    ).rejects.toEqual(rpcErrorOf('MESSAGE_DELETE_FORBIDDEN', 403));
    dc.groups.promote({ chatId: group.id, userId: botId(), rights: ['post_messages', 'pin_messages'] });
    await expect(
      bot.invoke({ _: 'channels.deleteMessages', channel: inputOf(group), id: [hers] }),
    ).rejects.toEqual(rpcErrorOf('MESSAGE_DELETE_FORBIDDEN', 403));
    expect(texts(group)).toEqual(['', 'bot says', 'alice says']);
    expect(group.pts).toBe(ptsBefore);

    // An admin with delete_messages deletes anyone's messages.
    const affected = await otherClient.invoke({
      _: 'channels.deleteMessages',
      channel: inputOf(group),
      id: [hers, mine],
    });
    expect(affected).toEqual({ _: 'messages.affectedMessages', pts: ptsBefore + 2, pts_count: 2 });
    expect(texts(group)).toEqual(['']); // only the creation message is left
  });

  it('deletes a broadcast channel post and replays the delete through getChannelDifference', async () => {
    const channel = dc.groups.createChannel({
      creatorId: alice.id,
      title: 'News',
      admins: [{ userId: botId() }, { userId: other.user.id }],
    });
    const storage = new MemoryStorage();
    const away = track(createClient(dc, storage));
    await loginBot(away, other.token);
    const first = await post(bot, channel, 'first post');
    const second = await post(bot, channel, 'second post');
    const seen = channel.pts;
    await away.close();

    const affected = await bot.invoke({
      _: 'channels.deleteMessages',
      channel: inputOf(channel),
      id: [first, second],
    });
    expect(affected).toEqual({ _: 'messages.affectedMessages', pts: seen + 2, pts_count: 2 });
    expect(texts(channel)).toEqual(['']); // only the creation message is left

    const back = track(createClient(dc, storage));
    const difference = (await back.invoke({
      _: 'updates.getChannelDifference',
      channel: inputOf(channel),
      filter: { _: 'channelMessagesFilterEmpty' },
      pts: seen,
      limit: 100,
    })) as Api.UpdatesChannelDifference;
    expect(difference).toMatchObject({ _: 'updates.channelDifference', final: true, pts: seen + 2 });
    expect(difference.new_messages).toEqual([]);
    expect(difference.other_updates).toEqual([
      {
        _: 'updateDeleteChannelMessages',
        channel_id: channel.id,
        messages: [first],
        pts: seen + 1,
        pts_count: 1,
      },
      {
        _: 'updateDeleteChannelMessages',
        channel_id: channel.id,
        messages: [second],
        pts: seen + 2,
        pts_count: 1,
      },
    ]);

    // Replaying from before the posts: the deleted posts are not new messages any more.
    const replay = (await back.invoke({
      _: 'updates.getChannelDifference',
      channel: inputOf(channel),
      filter: { _: 'channelMessagesFilterEmpty' },
      pts: seen - 2,
      limit: 100,
    })) as Api.UpdatesChannelDifference;
    expect(replay.new_messages).toEqual([]);
    expect(replay.other_updates.map((update) => update._)).toEqual([
      'updateDeleteChannelMessages',
      'updateDeleteChannelMessages',
    ]);
  });

  it('answers CHANNEL_INVALID for a bad channel and CHANNEL_PRIVATE for a non-member', async () => {
    const elsewhere = dc.groups.createSupergroup({ creatorId: alice.id, title: 'Elsewhere' });
    const own = dc.groups.sendMessage({ fromUserId: alice.id, chatId: elsewhere.id, text: 'hi' }).id;
    await expect(
      bot.invoke({ _: 'channels.deleteMessages', channel: inputOf(elsewhere), id: [own] }),
    ).rejects.toEqual(rpcErrorOf('CHANNEL_PRIVATE', 400));
    await expect(
      bot.invoke({
        _: 'channels.deleteMessages',
        channel: { ...inputOf(elsewhere), access_hash: elsewhere.accessHash + 1n },
        id: [own],
      }),
    ).rejects.toEqual(rpcErrorOf('CHANNEL_INVALID', 400));
    await expect(
      bot.invoke({ _: 'channels.deleteMessages', channel: { _: 'inputChannelEmpty' }, id: [own] }),
    ).rejects.toEqual(rpcErrorOf('CHANNEL_INVALID', 400));
    expect(texts(elsewhere)).toContain('hi');
  });

  it('keeps deletions across a restart on the same data dir', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'local-dc-channel-deletes-'));
    try {
      const first = await LocalDc.start({ port: 0, dataDir, floodLimits: false });
      const owner = first.createUser({ firstName: 'Owner' });
      const group = first.groups.createSupergroup({
        creatorId: owner.id,
        title: 'Kept',
        admins: [{ userId: first.defaultBot.id }],
      });
      const gone = first.groups.sendMessage({ fromUserId: owner.id, chatId: group.id, text: 'gone' }).id;
      first.groups.sendMessage({ fromUserId: owner.id, chatId: group.id, text: 'stays' });
      const storage = new MemoryStorage();
      const bot = createClient(first, storage);
      await loginBot(bot, first.info.botToken);
      const seen = group.pts;
      await bot.invoke({ _: 'channels.deleteMessages', channel: inputOf(group), id: [gone] });
      await bot.close();
      await first.stop();

      const second = await LocalDc.start({ port: 0, dataDir, floodLimits: false });
      try {
        expect(second.groups.history(group.id).map((message) => message.text)).toEqual(['', 'stays']);
        const again = createClient(second, storage);
        try {
          const difference = (await again.invoke({
            _: 'updates.getChannelDifference',
            channel: inputOf(group),
            filter: { _: 'channelMessagesFilterEmpty' },
            pts: seen,
            limit: 100,
          })) as Api.UpdatesChannelDifference;
          expect(difference.other_updates).toEqual([
            expect.objectContaining({ _: 'updateDeleteChannelMessages', messages: [gone], pts: seen + 1 }),
          ]);
        } finally {
          await again.close();
        }
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
