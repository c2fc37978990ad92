import { MemoryStorage, type Api, type MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { UserRecord } from '../src/world/records';
import { createClient, loginBot, rpcErrorOf, UpdateCollector } from './local-dc-harness';

const isShortChatMessage = (update: Api.TypeUpdates): update is Api.UpdateShortChatMessage =>
  update._ === 'updateShortChatMessage';

/** The first pushed `updates` holding an update of kind `kind` (optionally matching `where`). */
function updateOf<K extends Api.TypeUpdate['_']>(
  kind: K,
  where: (update: Extract<Api.TypeUpdate, { _: K }>) => boolean = () => true,
) {
  return (updates: Api.TypeUpdates): updates is Api.Updates =>
    updates._ === 'updates' &&
    updates.updates.some((update) => update._ === kind && where(update as Extract<Api.TypeUpdate, { _: K }>));
}

function inner<K extends Api.TypeUpdate['_']>(
  updates: Api.Updates,
  kind: K,
): Extract<Api.TypeUpdate, { _: K }> {
  return updates.updates.find((update) => update._ === kind) as Extract<Api.TypeUpdate, { _: K }>;
}

describe('groups and channels through the local DC (core MtprotoClient over TCP)', () => {
  let dc: LocalDc;
  let alice: UserRecord;
  let bob: UserRecord;
  let bot: MtprotoClient;
  let updates: UpdateCollector;
  const clients: MtprotoClient[] = [];
  const track = (client: MtprotoClient): MtprotoClient => (clients.push(client), client);
  const botId = (): bigint => dc.defaultBot.id;

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0, differenceSliceSize: 3, floodLimits: false });
    alice = dc.createUser({ firstName: 'Alice', username: 'alice' });
    bob = dc.createUser({ firstName: 'Bob' });
    bot = track(createClient(dc));
    updates = new UpdateCollector(bot);
    await loginBot(bot, dc.info.botToken);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await dc.stop();
  });

  it('a bot in a basic group receives a member’s command and replies, in its own id and pts sequence', async () => {
    const before = await bot.invoke({ _: 'updates.getState' });
    const group = dc.groups.createGroup({
      creatorId: alice.id,
      title: 'Friends',
      memberIds: [bob.id, botId()],
    });

    // The creation reaches the bot as a service message in its box and as its own member update (qts).
    const created = await updates.next(updateOf('updateNewMessage'));
    const createdMessage = inner(created, 'updateNewMessage');
    expect(createdMessage).toMatchObject({ pts: before.pts + 1, pts_count: 1 });
    expect(createdMessage.message).toMatchObject({
      _: 'messageService',
      id: before.pts + 1,
      peer_id: { _: 'peerChat', chat_id: group.id },
      action: { _: 'messageActionChatCreate', title: 'Friends' },
    });
    expect(created.chats).toEqual([expect.objectContaining({ _: 'chat', id: group.id, title: 'Friends' })]);
    const joined = await updates.next(updateOf('updateChatParticipant'));
    expect(inner(joined, 'updateChatParticipant')).toMatchObject({
      chat_id: group.id,
      user_id: botId(),
      actor_id: alice.id,
      qts: before.qts + 1,
      new_participant: { _: 'chatParticipant', user_id: botId() },
    });

    // Privacy mode (Telegram's default): the bot does not see Bob's chatter, but sees a command.
    dc.groups.sendMessage({ fromUserId: bob.id, chatId: group.id, text: 'hi all' });
    dc.groups.sendMessage({ fromUserId: alice.id, chatId: group.id, text: '/start@local_dc_bot' });
    const command = await updates.next(isShortChatMessage);
    expect(command).toMatchObject({
      chat_id: group.id,
      from_id: alice.id,
      message: '/start@local_dc_bot',
      id: before.pts + 2,
      pts: before.pts + 2,
      pts_count: 1,
    });
    expect(updates.received.filter(isShortChatMessage).map((update) => update.message)).toEqual([
      '/start@local_dc_bot',
    ]);

    const sent = await bot.invoke({
      _: 'messages.sendMessage',
      peer: { _: 'inputPeerChat', chat_id: group.id },
      message: 'Hello, group!',
      random_id: 11n,
    });
    expect(sent).toMatchObject({
      _: 'updateShortSentMessage',
      out: true,
      id: before.pts + 3,
      pts: before.pts + 3,
    });

    // Alice's box holds every message with her own ids: creation, Bob, her command, the bot's reply.
    const aliceView = dc.groups.history(group.id, alice.id);
    expect(aliceView.map((message) => [message.fromId, message.text])).toEqual([
      [alice.id, ''],
      [bob.id, 'hi all'],
      [alice.id, '/start@local_dc_bot'],
      [botId(), 'Hello, group!'],
    ]);
    expect(dc.groups.history(group.id, botId()).map((message) => message.text)).toEqual([
      '',
      '/start@local_dc_bot',
      'Hello, group!',
    ]);

    const edited = (await bot.invoke({
      _: 'messages.editMessage',
      peer: { _: 'inputPeerChat', chat_id: group.id },
      id: (sent as Api.UpdateShortSentMessage).id,
      message: 'Hello again!',
    })) as Api.Updates;
    expect(edited.updates[0]).toMatchObject({ _: 'updateEditMessage', pts: before.pts + 4 });
    expect(dc.groups.history(group.id, alice.id).at(-1)).toMatchObject({ text: 'Hello again!' });

    const chats = await bot.invoke({ _: 'messages.getChats', id: [group.id] });
    expect(chats.chats).toEqual([
      expect.objectContaining({ _: 'chat', id: group.id, participants_count: 3, version: 1 }),
    ]);
    const fetched = (await bot.invoke({
      _: 'messages.getMessages',
      id: [{ _: 'inputMessageID', id: command.id }],
    })) as Api.MessagesMessages;
    expect(fetched.messages[0]).toMatchObject({
      _: 'message',
      from_id: { _: 'peerUser', user_id: alice.id },
      peer_id: { _: 'peerChat', chat_id: group.id },
    });
    expect(fetched.chats).toEqual([expect.objectContaining({ id: group.id })]);

    await expect(
      bot.invoke({
        _: 'messages.sendMessage',
        peer: { _: 'inputPeerChat', chat_id: 42n },
        message: 'x',
        random_id: 12n,
      }),
    ).rejects.toEqual(rpcErrorOf('PEER_ID_INVALID', 400));

    // A member leaving is a service message for everyone left and a member update for the bot.
    dc.groups.leave({ chatId: group.id, userId: botId() });
    await expect(
      bot.invoke({
        _: 'messages.sendMessage',
        peer: { _: 'inputPeerChat', chat_id: group.id },
        message: 'still here?',
        random_id: 13n,
      }),
    ).rejects.toEqual(rpcErrorOf('CHAT_WRITE_FORBIDDEN', 403));
    const left = await updates.next(
      updateOf('updateChatParticipant', (update) => update.new_participant === undefined),
    );
    expect(inner(left, 'updateChatParticipant')).toMatchObject({ user_id: botId(), qts: before.qts + 2 });
    expect(dc.groups.history(group.id, alice.id).at(-1)).toMatchObject({
      action: { type: 'delete-user', userId: botId() },
    });
  });

  it('keeps message ids and pts per supergroup, apart from the bot’s own box', async () => {
    const admins = [{ userId: botId() }];
    const first = dc.groups.createSupergroup({
      creatorId: alice.id,
      title: 'First',
      memberIds: [bob.id],
      admins,
    });
    const second = dc.groups.createSupergroup({ creatorId: alice.id, title: 'Second', admins });
    const state = await bot.invoke({ _: 'updates.getState' });

    dc.groups.sendMessage({ fromUserId: alice.id, chatId: first.id, text: 'one' });
    dc.groups.sendMessage({ fromUserId: bob.id, chatId: first.id, text: 'two' });
    dc.groups.sendMessage({ fromUserId: alice.id, chatId: second.id, text: 'three' });
    const isChannelText = (text: string) =>
      updateOf('updateNewChannelMessage', (update) => (update.message as Api.Message).message === text);
    const one = inner(await updates.next(isChannelText('one')), 'updateNewChannelMessage');
    const two = await updates.next(isChannelText('two'));
    const three = inner(await updates.next(isChannelText('three')), 'updateNewChannelMessage');
    // Each channel's log started with its creation message (id 1, pts 1).
    expect(one).toMatchObject({
      pts: 2,
      pts_count: 1,
      message: { id: 2, peer_id: { _: 'peerChannel', channel_id: first.id } },
    });
    expect(inner(two, 'updateNewChannelMessage')).toMatchObject({
      pts: 3,
      message: { id: 3, from_id: { user_id: bob.id } },
    });
    expect(three).toMatchObject({
      pts: 2,
      message: { id: 2, peer_id: { _: 'peerChannel', channel_id: second.id } },
    });
    // The pushed updates carry the users and the channel (with its access hash) they name.
    expect(two.users.map((user) => (user as Api.User).id)).toContain(bob.id);
    const channel = two.chats[0] as Api.Channel;
    expect(channel).toMatchObject({
      _: 'channel',
      id: first.id,
      megagroup: true,
      access_hash: first.accessHash,
    });
    expect(channel.admin_rights).toMatchObject({ post_messages: true, add_admins: false });

    const posted = (await bot.invoke({
      _: 'messages.sendMessage',
      peer: { _: 'inputPeerChannel', channel_id: first.id, access_hash: channel.access_hash! },
      message: 'four',
      random_id: 21n,
    })) as Api.Updates;
    expect(posted.updates).toEqual([
      { _: 'updateMessageID', id: 4, random_id: 21n },
      expect.objectContaining({
        _: 'updateNewChannelMessage',
        pts: 4,
        message: expect.objectContaining({ id: 4, out: true }),
      }),
    ]);
    expect((await bot.invoke({ _: 'updates.getState' })).pts).toBe(state.pts);
    expect(dc.groups.history(first.id).map((message) => message.text)).toEqual(['', 'one', 'two', 'four']);

    const input = { _: 'inputChannel', channel_id: first.id, access_hash: first.accessHash } as const;
    const messages = (await bot.invoke({
      _: 'channels.getMessages',
      channel: input,
      id: [
        { _: 'inputMessageID', id: 3 },
        { _: 'inputMessageID', id: 99 },
      ],
    })) as Api.MessagesChannelMessages;
    expect(messages).toMatchObject({ _: 'messages.channelMessages', pts: 4 });
    expect(messages.messages).toEqual([
      expect.objectContaining({ _: 'message', id: 3, message: 'two' }),
      { _: 'messageEmpty', id: 99 },
    ]);
    const channels = await bot.invoke({ _: 'channels.getChannels', id: [input] });
    expect(channels.chats).toEqual([expect.objectContaining({ _: 'channel', id: first.id, title: 'First' })]);
    await expect(
      bot.invoke({ _: 'channels.getChannels', id: [{ ...input, access_hash: first.accessHash + 1n }] }),
    ).rejects.toEqual(rpcErrorOf('CHANNEL_INVALID', 400));
  });

  it('fills a gap in a channel with updates.getChannelDifference (slices, empty, too long)', async () => {
    const storage = new MemoryStorage();
    const client = track(createClient(dc, storage));
    await loginBot(client, dc.info.botToken);
    const group = dc.groups.createSupergroup({
      creatorId: alice.id,
      title: 'Gap',
      admins: [{ userId: botId() }],
    });
    const channel = { _: 'inputChannel', channel_id: group.id, access_hash: group.accessHash } as const;
    const filter = { _: 'channelMessagesFilterEmpty' } as const;
    await client.close();
    for (let index = 1; index <= 5; index++) {
      dc.groups.sendMessage({ fromUserId: alice.id, chatId: group.id, text: `missed ${index}` });
    }

    const again = track(createClient(dc, storage));
    // A slice of 3 (the DC's slice size), then the rest with final set.
    const slice = (await again.invoke({
      _: 'updates.getChannelDifference',
      channel,
      filter,
      pts: 1,
      limit: 100,
    })) as Api.UpdatesChannelDifference;
    expect(slice).toMatchObject({ _: 'updates.channelDifference', pts: 4 });
    expect(slice.final).toBeFalsy();
    expect(slice.new_messages.map((message) => (message as Api.Message).message)).toEqual([
      'missed 1',
      'missed 2',
      'missed 3',
    ]);
    expect(slice.users.map((user) => (user as Api.User).id)).toContain(alice.id);
    const rest = (await again.invoke({
      _: 'updates.getChannelDifference',
      channel,
      filter,
      pts: slice.pts,
      limit: 100,
    })) as Api.UpdatesChannelDifference;
    expect(rest).toMatchObject({ _: 'updates.channelDifference', final: true, pts: 6 });
    expect(rest.new_messages.map((message) => (message as Api.Message).id)).toEqual([5, 6]);

    const empty = await again.invoke({
      _: 'updates.getChannelDifference',
      channel,
      filter,
      pts: 6,
      limit: 100,
    });
    expect(empty).toMatchObject({ _: 'updates.channelDifferenceEmpty', final: true, pts: 6 });
    const tooLong = (await again.invoke({
      _: 'updates.getChannelDifference',
      channel,
      filter,
      pts: 1,
      limit: 2,
    })) as Api.UpdatesChannelDifferenceTooLong;
    expect(tooLong._).toBe('updates.channelDifferenceTooLong');
    expect(tooLong.dialog).toMatchObject({ pts: 6, top_message: 6 });
    expect((tooLong.messages[0] as Api.Message).message).toBe('missed 5');
    await expect(
      again.invoke({ _: 'updates.getChannelDifference', channel, filter, pts: 7, limit: 100 }),
    ).rejects.toEqual(rpcErrorOf('PERSISTENT_TIMESTAMP_INVALID', 400));
  });

  it('reports users joining and leaving to an admin bot with qts, also through getDifference', async () => {
    const storage = new MemoryStorage();
    const client = track(createClient(dc, storage));
    const collector = new UpdateCollector(client);
    await loginBot(client, dc.info.botToken);
    const group = dc.groups.createSupergroup({
      creatorId: alice.id,
      title: 'Club',
      admins: [{ userId: botId() }],
    });
    const carol = dc.createUser({ firstName: 'Carol' });
    const state = await client.invoke({ _: 'updates.getState' });

    dc.groups.join({ chatId: group.id, userId: carol.id });
    const joined = await collector.next(
      updateOf('updateChannelParticipant', (update) => update.user_id === carol.id),
    );
    expect(inner(joined, 'updateChannelParticipant')).toMatchObject({
      channel_id: group.id,
      actor_id: carol.id,
      qts: state.qts + 1,
      prev_participant: undefined,
      new_participant: { _: 'channelParticipant', user_id: carol.id },
    });
    expect(joined.users.map((user) => (user as Api.User).id)).toContain(carol.id);
    // In a supergroup the join is also a service message of the channel's log.
    await collector.next(
      updateOf(
        'updateNewChannelMessage',
        (update) => (update.message as Api.MessageService).action?._ === 'messageActionChatAddUser',
      ),
    );

    await client.close();
    dc.groups.leave({ chatId: group.id, userId: carol.id });
    const again = track(createClient(dc, storage));
    const difference = (await again.invoke({
      _: 'updates.getDifference',
      pts: state.pts,
      date: state.date,
      qts: state.qts + 1,
    })) as Api.UpdatesDifference;
    expect(difference._).toBe('updates.difference');
    expect(difference.other_updates).toEqual([
      expect.objectContaining({
        _: 'updateChannelParticipant',
        channel_id: group.id,
        user_id: carol.id,
        qts: state.qts + 2,
        prev_participant: expect.objectContaining({ _: 'channelParticipant', user_id: carol.id }),
        new_participant: undefined,
      }),
    ]);
    expect(difference.state).toMatchObject({ qts: state.qts + 2, pts: state.pts });
    expect(difference.users.map((user) => (user as Api.User).id)).toContain(carol.id);
    expect(difference.chats).toEqual([expect.objectContaining({ _: 'channel', id: group.id })]);
    const caughtUp = await again.invoke({
      _: 'updates.getDifference',
      pts: state.pts,
      date: 0,
      qts: state.qts + 2,
    });
    expect(caughtUp._).toBe('updates.differenceEmpty');
  });

  it('lets only admins post to a channel, with Telegram’s errors, and lists its participants', async () => {
    const news = dc.groups.createChannel({
      creatorId: alice.id,
      title: 'News',
      memberIds: [bob.id, botId()],
    });
    const peer = { _: 'inputPeerChannel', channel_id: news.id, access_hash: news.accessHash } as const;
    const send = (to: Api.TypeInputPeer) =>
      bot.invoke({ _: 'messages.sendMessage', peer: to, message: 'breaking', random_id: 31n });
    await expect(send(peer)).rejects.toEqual(rpcErrorOf('CHAT_ADMIN_REQUIRED', 400));
    await expect(send({ ...peer, access_hash: news.accessHash ^ 1n })).rejects.toEqual(
      rpcErrorOf('CHANNEL_INVALID', 400),
    );
    const other = dc.groups.createChannel({ creatorId: alice.id, title: 'Elsewhere' });
    await expect(
      send({ _: 'inputPeerChannel', channel_id: other.id, access_hash: other.accessHash }),
    ).rejects.toEqual(rpcErrorOf('CHANNEL_PRIVATE', 400));

    const board = dc.groups.createChannel({
      creatorId: alice.id,
      title: 'Board',
      memberIds: [bob.id],
      admins: [{ userId: botId(), rights: ['post_messages', 'edit_messages'] }],
    });
    const boardInput = { _: 'inputChannel', channel_id: board.id, access_hash: board.accessHash } as const;
    const posted = (await send({
      _: 'inputPeerChannel',
      channel_id: board.id,
      access_hash: board.accessHash,
    })) as Api.Updates;
    // A broadcast post is shown as from the channel: `post`, no `from_id`.
    expect(inner(posted, 'updateNewChannelMessage').message).toMatchObject({
      post: true,
      from_id: undefined,
      id: 2,
    });

    const recent = (await bot.invoke({
      _: 'channels.getParticipants',
      channel: boardInput,
      filter: { _: 'channelParticipantsRecent' },
      offset: 0,
      limit: 100,
      hash: 0n,
    })) as Api.ChannelsChannelParticipants;
    expect(recent.count).toBe(3);
    expect(
      recent.participants.map((participant) => [participant._, (participant as { user_id: bigint }).user_id]),
    ).toEqual(
      expect.arrayContaining([
        ['channelParticipantCreator', alice.id],
        ['channelParticipant', bob.id],
        ['channelParticipantAdmin', botId()],
      ]),
    );
    expect(recent.users.map((user) => (user as Api.User).id).sort()).toEqual(
      [alice.id, bob.id, botId()].sort(),
    );
    const admins = (await bot.invoke({
      _: 'channels.getParticipants',
      channel: boardInput,
      filter: { _: 'channelParticipantsAdmins' },
      offset: 0,
      limit: 100,
      hash: 0n,
    })) as Api.ChannelsChannelParticipants;
    expect(admins.participants.map((participant) => participant._)).toEqual([
      'channelParticipantCreator',
      'channelParticipantAdmin',
    ]);
    expect(admins.participants[1]).toMatchObject({
      self: true,
      admin_rights: { post_messages: true, edit_messages: true, ban_users: false },
    });
    const me = await bot.invoke({
      _: 'channels.getParticipant',
      channel: boardInput,
      participant: { _: 'inputPeerSelf' },
    });
    expect(me.participant).toMatchObject({ _: 'channelParticipantAdmin', user_id: botId() });
    await expect(
      bot.invoke({
        _: 'channels.getParticipant',
        channel: { _: 'inputChannel', channel_id: other.id, access_hash: other.accessHash },
        participant: { _: 'inputPeerSelf' },
      }),
    ).rejects.toEqual(rpcErrorOf('CHANNEL_PRIVATE', 400));
  });
});
