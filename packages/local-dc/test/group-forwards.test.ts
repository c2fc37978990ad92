/**
 * messages.forwardMessages from and to basic groups, supergroups and channels: new messages of the
 * target, sent as the bot, with fwd_from naming the original's author (a channel for a post) and date.
 */
import type { Api, MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { UserRecord } from '../src/world/records';
import { createClient, loginBot, rpcErrorOf } from './local-dc-harness';

describe('forwards with groups and channels', () => {
  let dc: LocalDc;
  let alice: UserRecord;
  let bob: UserRecord;
  let bot: MtprotoClient;
  let randomId = 100n;
  const botId = (): bigint => dc.defaultBot.id;
  const userPeer = (user: UserRecord): Api.TypeInputPeer => ({
    _: 'inputPeerUser',
    user_id: user.id,
    access_hash: user.accessHash,
  });
  const forward = (
    from_peer: Api.TypeInputPeer,
    id: number[],
    to_peer: Api.TypeInputPeer,
    random_id?: bigint[],
  ) =>
    bot.invoke({
      _: 'messages.forwardMessages',
      from_peer,
      id,
      random_id: random_id ?? id.map(() => randomId++),
      to_peer,
    }) as Promise<Api.Updates>;

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false });
    alice = dc.createUser({ firstName: 'Alice' });
    bob = dc.createUser({ firstName: 'Bob' });
    bot = createClient(dc);
    await loginBot(bot, dc.info.botToken);
  });

  afterAll(async () => {
    await bot.close();
    await dc.stop();
  });

  it('private chat -> supergroup -> private chat, keeping the first author', async () => {
    const supergroup = dc.groups.createSupergroup({
      creatorId: alice.id,
      title: 'Big',
      memberIds: [botId(), bob.id],
    });
    const channelPeer: Api.TypeInputPeer = {
      _: 'inputPeerChannel',
      channel_id: supergroup.id,
      access_hash: supergroup.accessHash,
    };
    const said = dc.sendUserMessage({ fromUserId: alice.id, toUserId: botId(), text: 'a fact' });
    const botsCopy = dc.history(botId(), alice.id).at(-1)!;
    const into = await forward(userPeer(alice), [botsCopy.id], channelPeer);
    const posted = into.updates.find(
      (each) => each._ === 'updateNewChannelMessage',
    ) as Api.UpdateNewChannelMessage;
    expect(posted.message).toMatchObject({
      message: 'a fact',
      from_id: { _: 'peerUser', user_id: botId() },
      fwd_from: { _: 'messageFwdHeader', from_id: { _: 'peerUser', user_id: alice.id }, date: said.date },
    });
    expect(into.updates[0]).toMatchObject({ _: 'updateMessageID', id: posted.message.id });
    expect(into.chats).toEqual([expect.objectContaining({ id: supergroup.id })]);
    expect(dc.groups.history(supergroup.id).at(-1)).toMatchObject({ text: 'a fact', fromId: botId() });

    const out = await forward(channelPeer, [posted.message.id], userPeer(bob));
    const delivered = out.updates.find((each) => each._ === 'updateNewMessage') as Api.UpdateNewMessage;
    expect(delivered.message).toMatchObject({
      message: 'a fact',
      fwd_from: { from_id: { _: 'peerUser', user_id: alice.id }, date: said.date },
    });
    expect(dc.history(bob.id, botId()).at(-1)).toMatchObject({
      text: 'a fact',
      forwardedFrom: { fromId: alice.id, date: said.date },
    });
  });

  it('a channel post forwarded into a basic group names the channel', async () => {
    const channel = dc.groups.createChannel({
      creatorId: alice.id,
      title: 'News',
      admins: [{ userId: botId() }],
    });
    const group = dc.groups.createGroup({ creatorId: alice.id, title: 'Readers', memberIds: [botId()] });
    const post = (await bot.invoke({
      _: 'messages.sendMessage',
      peer: { _: 'inputPeerChannel', channel_id: channel.id, access_hash: channel.accessHash },
      message: 'headline',
      random_id: randomId++,
    })) as Api.Updates;
    const postId = (post.updates.find((each) => each._ === 'updateMessageID') as Api.UpdateMessageID).id;
    const result = await forward(
      { _: 'inputPeerChannel', channel_id: channel.id, access_hash: channel.accessHash },
      [postId],
      { _: 'inputPeerChat', chat_id: group.id },
    );
    const copy = result.updates.find((each) => each._ === 'updateNewMessage') as Api.UpdateNewMessage;
    expect(copy.message).toMatchObject({
      message: 'headline',
      peer_id: { _: 'peerChat', chat_id: group.id },
      fwd_from: { from_id: { _: 'peerChannel', channel_id: channel.id } },
    });
    expect(result.chats.map((chat) => chat.id)).toEqual(expect.arrayContaining([channel.id, group.id]));
    // Alice's copy in the group carries the header too.
    const alicesCopy = dc.world.box(alice.id).history(group.id).at(-1);
    expect(alicesCopy).toMatchObject({
      text: 'headline',
      forwardedFrom: { fromId: channel.id, fromChannel: true },
    });
  });

  it('refuses bad forwards and sends nothing', async () => {
    const group = dc.groups.createGroup({ creatorId: alice.id, title: 'Strict', memberIds: [botId()] });
    const groupPeer: Api.TypeInputPeer = { _: 'inputPeerChat', chat_id: group.id };
    const outside = dc.groups.createGroup({ creatorId: alice.id, title: 'Closed' });
    const before = dc.world.exportState();
    await expect(forward(groupPeer, [99_999], userPeer(bob))).rejects.toEqual(
      rpcErrorOf('MESSAGE_ID_INVALID', 400),
    );
    const mine = dc.history(botId(), alice.id).at(-1)!;
    await expect(forward(userPeer(alice), [mine.id], groupPeer, [1n, 2n])).rejects.toEqual(
      rpcErrorOf('RANDOM_ID_INVALID', 400),
    );
    await expect(forward(userPeer(alice), [mine.id, mine.id], groupPeer, [5n, 5n])).rejects.toEqual(
      rpcErrorOf('RANDOM_ID_DUPLICATE', 500),
    );
    await expect(
      forward(userPeer(alice), [mine.id], { _: 'inputPeerChat', chat_id: outside.id }),
    ).rejects.toEqual(rpcErrorOf('CHAT_WRITE_FORBIDDEN', 403));
    expect(dc.world.exportState()).toEqual(before);
  });
});
