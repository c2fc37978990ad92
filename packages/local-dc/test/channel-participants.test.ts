/**
 * channels.getParticipants with each filter, paging, and who may list a broadcast channel
 * (core.telegram.org/method/channels.getParticipants).
 */
import type { Api, MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { ChannelRecord } from '../src/world/group-records';
import { createClient, loginBot, rpcErrorOf } from './local-dc-harness';

describe('channels.getParticipants filters', () => {
  let dc: LocalDc;
  let bot: MtprotoClient;
  let supergroup: ChannelRecord;
  const ids: Record<string, bigint> = {};

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false });
    for (const [name, username] of [
      ['Alice', 'alice_a'],
      ['Bob', 'bobby_b'],
      ['Carol', undefined],
    ] as const) {
      ids[name] = dc.createUser({ firstName: name, username }).id;
    }
    ids.Helper = dc.createBot({ firstName: 'Helper', username: 'helper_bot' }).user.id;
    supergroup = dc.groups.createSupergroup({
      creatorId: ids.Alice!,
      title: 'People',
      memberIds: [ids.Bob!, ids.Carol!, ids.Helper!, dc.defaultBot.id],
    });
    bot = createClient(dc);
    await loginBot(bot, dc.info.botToken);
  });

  afterAll(async () => {
    await bot.close();
    await dc.stop();
  });

  const list = async (
    filter: Api.TypeChannelParticipantsFilter,
    offset = 0,
    limit = 50,
    channel = supergroup,
  ) =>
    (await bot.invoke({
      _: 'channels.getParticipants',
      channel: { _: 'inputChannel', channel_id: channel.id, access_hash: channel.accessHash },
      filter,
      offset,
      limit,
      hash: 0n,
    })) as Api.ChannelsChannelParticipants;
  const userIds = (page: Api.ChannelsChannelParticipants) =>
    page.participants.map((each) => (each as { user_id: bigint }).user_id);

  it('filters bots, names and usernames, mentions, and pages through recent members', async () => {
    expect(userIds(await list({ _: 'channelParticipantsBots' })).sort()).toEqual(
      [ids.Helper!, dc.defaultBot.id].sort(),
    );
    expect(userIds(await list({ _: 'channelParticipantsSearch', q: 'BOBBY' }))).toEqual([ids.Bob]);
    expect(userIds(await list({ _: 'channelParticipantsSearch', q: 'car' }))).toEqual([ids.Carol]);
    expect(userIds(await list({ _: 'channelParticipantsSearch', q: 'nobody' }))).toEqual([]);
    expect(userIds(await list({ _: 'channelParticipantsMentions', q: 'ali' }))).toEqual([ids.Alice]);
    const all = await list({ _: 'channelParticipantsRecent' });
    expect(all.count).toBe(5);
    const first = await list({ _: 'channelParticipantsRecent' }, 0, 2);
    const rest = await list({ _: 'channelParticipantsRecent' }, 2, 10);
    expect(first.count).toBe(5);
    expect([...userIds(first), ...userIds(rest)]).toEqual(userIds(all));
    expect(all.users.map((user) => (user as Api.User).id).sort()).toEqual(
      [ids.Alice!, ids.Bob!, ids.Carol!, ids.Helper!, dc.defaultBot.id].sort(),
    );
  });

  it('lets only admins list a broadcast channel or its banned users', async () => {
    const channel = dc.groups.createChannel({
      creatorId: ids.Alice!,
      title: 'Broadcast',
      memberIds: [dc.defaultBot.id],
    });
    await expect(list({ _: 'channelParticipantsRecent' }, 0, 10, channel)).rejects.toEqual(
      rpcErrorOf('CHAT_ADMIN_REQUIRED', 400),
    );
    await expect(list({ _: 'channelParticipantsKicked', q: '' })).rejects.toEqual(
      rpcErrorOf('CHAT_ADMIN_REQUIRED', 400),
    );
    dc.groups.promote({ chatId: channel.id, userId: dc.defaultBot.id });
    expect((await list({ _: 'channelParticipantsRecent' }, 0, 10, channel)).count).toBe(2);
  });
});
