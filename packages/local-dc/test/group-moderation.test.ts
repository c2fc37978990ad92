/**
 * Admin changes and bans (dc.groups.promote/demote/ban/unban and the /groups/* control routes) as a
 * bot sees them over MTProto: updateChannelParticipant / updateChatParticipant with qts, pushed and
 * replayed by updates.getDifference; channels.getParticipant(s) with the banned filters.
 */
import type { Api, MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { ChannelRecord } from '../src/world/group-records';
import type { UserRecord } from '../src/world/records';
import { createClient, loginBot, rpcErrorOf, UpdateCollector } from './local-dc-harness';

type ParticipantUpdate = Api.UpdateChannelParticipant | Api.UpdateChatParticipant;

/** The participant update with qts `qts` among everything pushed so far (waiting for it). */
async function participantUpdate(collector: UpdateCollector, qts: number): Promise<ParticipantUpdate> {
  const isIt = (update: Api.TypeUpdate): update is ParticipantUpdate =>
    (update._ === 'updateChannelParticipant' || update._ === 'updateChatParticipant') && update.qts === qts;
  const pushed = await collector.next(
    (updates): updates is Api.Updates => updates._ === 'updates' && updates.updates.some(isIt),
  );
  return pushed.updates.find(isIt)!;
}

describe('promote, demote, ban and unban in groups and channels', () => {
  let dc: LocalDc;
  let alice: UserRecord;
  let bob: UserRecord;
  let bot: MtprotoClient;
  let collector: UpdateCollector;
  let supergroup: ChannelRecord;
  let qts: number;
  const botId = (): bigint => dc.defaultBot.id;
  const channelInput = (): Api.TypeInputChannel => ({
    _: 'inputChannel',
    channel_id: supergroup.id,
    access_hash: supergroup.accessHash,
  });
  const bobInput = (): Api.TypeInputPeer => ({
    _: 'inputPeerUser',
    user_id: bob.id,
    access_hash: bob.accessHash,
  });

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false });
    alice = dc.createUser({ firstName: 'Alice' });
    bob = dc.createUser({ firstName: 'Bob', username: 'bobby' });
    bot = createClient(dc);
    collector = new UpdateCollector(bot);
    await loginBot(bot, dc.info.botToken);
    supergroup = dc.groups.createSupergroup({
      creatorId: alice.id,
      title: 'Moderated',
      memberIds: [bob.id],
      admins: [{ userId: botId(), rights: ['ban_users', 'delete_messages'] }],
    });
    qts = ((await bot.invoke({ _: 'updates.getState' })) as Api.UpdatesState).qts;
  });

  afterAll(async () => {
    await bot.close();
    await dc.stop();
  });

  it('promotes and demotes a member: the admin bot gets updateChannelParticipant each time', async () => {
    const promoted = dc.groups.promote({ chatId: supergroup.id, userId: bob.id, rights: ['pin_messages'] });
    expect(promoted).toMatchObject({ role: 'admin', adminRights: ['pin_messages'], inviterId: alice.id });
    expect(await participantUpdate(collector, ++qts)).toMatchObject({
      _: 'updateChannelParticipant',
      channel_id: supergroup.id,
      actor_id: alice.id,
      user_id: bob.id,
      prev_participant: { _: 'channelParticipant', user_id: bob.id },
      new_participant: {
        _: 'channelParticipantAdmin',
        user_id: bob.id,
        promoted_by: alice.id,
        admin_rights: { _: 'chatAdminRights', pin_messages: true },
      },
    });
    const admins = (await bot.invoke({
      _: 'channels.getParticipants',
      channel: channelInput(),
      filter: { _: 'channelParticipantsAdmins' },
      offset: 0,
      limit: 10,
      hash: 0n,
    })) as Api.ChannelsChannelParticipants;
    expect(admins.participants.map((each) => each._)).toEqual([
      'channelParticipantCreator',
      'channelParticipantAdmin',
      'channelParticipantAdmin',
    ]);

    dc.groups.demote({ chatId: supergroup.id, userId: bob.id });
    expect(await participantUpdate(collector, ++qts)).toMatchObject({
      prev_participant: { _: 'channelParticipantAdmin', user_id: bob.id },
      new_participant: { _: 'channelParticipant', user_id: bob.id },
    });
  });

  it('refuses what Telegram refuses, and changes nothing then', async () => {
    const before = dc.world.exportState();
    const errors = [
      [() => dc.groups.promote({ chatId: supergroup.id, userId: alice.id }), 'USER_CREATOR'],
      [() => dc.groups.demote({ chatId: supergroup.id, userId: bob.id }), 'CHAT_NOT_MODIFIED'],
      [
        () => dc.groups.promote({ chatId: supergroup.id, userId: bob.id, actorId: bob.id }),
        'CHAT_ADMIN_REQUIRED',
      ],
      // The bot may ban but not appoint admins.
      [
        () => dc.groups.promote({ chatId: supergroup.id, userId: bob.id, actorId: botId() }),
        'CHAT_ADMIN_REQUIRED',
      ],
      [() => dc.groups.ban({ chatId: supergroup.id, userId: alice.id }), 'USER_ADMIN_INVALID'],
      [
        () => dc.groups.ban({ chatId: supergroup.id, userId: alice.id, actorId: bob.id }),
        'CHAT_ADMIN_REQUIRED',
      ],
      [() => dc.groups.unban({ chatId: supergroup.id, userId: bob.id }), 'USER_NOT_PARTICIPANT'],
      [() => dc.groups.promote({ chatId: supergroup.id, userId: 123n }), 'USER_NOT_PARTICIPANT'],
    ] as const;
    for (const [call, text] of errors) expect(call).toThrow(expect.objectContaining({ text, code: 400 }));
    expect(dc.world.exportState()).toEqual(before);
  });

  it('bans a member: out with a service message, listed as banned, kept out until unbanned', async () => {
    dc.groups.ban({ chatId: supergroup.id, userId: bob.id, actorId: alice.id });
    expect(await participantUpdate(collector, ++qts)).toMatchObject({
      actor_id: alice.id,
      user_id: bob.id,
      prev_participant: { _: 'channelParticipant', user_id: bob.id },
      new_participant: {
        _: 'channelParticipantBanned',
        left: true,
        peer: { _: 'peerUser', user_id: bob.id },
        kicked_by: alice.id,
        banned_rights: { _: 'chatBannedRights', view_messages: true, until_date: 0 },
      },
    });
    expect(dc.groups.history(supergroup.id).at(-1)).toMatchObject({
      fromId: alice.id,
      action: { type: 'delete-user', userId: bob.id },
    });
    for (const filter of [
      { _: 'channelParticipantsKicked', q: '' },
      { _: 'channelParticipantsKicked', q: 'bob' },
    ] as const) {
      const banned = (await bot.invoke({
        _: 'channels.getParticipants',
        channel: channelInput(),
        filter,
        offset: 0,
        limit: 10,
        hash: 0n,
      })) as Api.ChannelsChannelParticipants;
      expect(banned.count).toBe(1);
      expect(banned.participants).toEqual([expect.objectContaining({ _: 'channelParticipantBanned' })]);
      expect(banned.users.map((user) => (user as Api.User).id)).toEqual(
        expect.arrayContaining([bob.id, alice.id]),
      );
    }
    const none = (await bot.invoke({
      _: 'channels.getParticipants',
      channel: channelInput(),
      filter: { _: 'channelParticipantsKicked', q: 'nobody' },
      offset: 0,
      limit: 10,
      hash: 0n,
    })) as Api.ChannelsChannelParticipants;
    expect(none.count).toBe(0);
    // Restricted-but-present members ("banned") are not emulated: a full ban is "kicked".
    const restricted = (await bot.invoke({
      _: 'channels.getParticipants',
      channel: channelInput(),
      filter: { _: 'channelParticipantsBanned', q: '' },
      offset: 0,
      limit: 10,
      hash: 0n,
    })) as Api.ChannelsChannelParticipants;
    expect(restricted.count).toBe(0);
    const one = (await bot.invoke({
      _: 'channels.getParticipant',
      channel: channelInput(),
      participant: bobInput(),
    })) as Api.ChannelsChannelParticipant;
    expect(one.participant).toMatchObject({ _: 'channelParticipantBanned', kicked_by: alice.id });
    expect(() => dc.groups.join({ chatId: supergroup.id, userId: bob.id })).toThrow(
      expect.objectContaining({ text: 'USER_BANNED_IN_CHANNEL' }),
    );
    expect(() => dc.groups.ban({ chatId: supergroup.id, userId: bob.id })).toThrow(
      expect.objectContaining({ text: 'USER_ALREADY_BANNED' }),
    );

    // The bot itself has ban_users: it lifts the ban (control API), and Bob may come back.
    const response = await fetch(`${dc.info.controlUrl}/groups/unban`, {
      method: 'POST',
      body: JSON.stringify({
        chatId: supergroup.id.toString(),
        userId: bob.id.toString(),
        actorId: botId().toString(),
      }),
    });
    expect(response.status).toBe(200);
    expect(await participantUpdate(collector, ++qts)).toMatchObject({
      actor_id: botId(),
      user_id: bob.id,
      prev_participant: { _: 'channelParticipantBanned', kicked_by: alice.id },
      new_participant: undefined,
    });
    dc.groups.join({ chatId: supergroup.id, userId: bob.id });
    expect(await participantUpdate(collector, ++qts)).toMatchObject({
      new_participant: { _: 'channelParticipant', user_id: bob.id },
    });
  });

  it('replays every change through updates.getDifference by qts', async () => {
    // Since the promotion: demote, ban, unban, join.
    const difference = (await bot.invoke({
      _: 'updates.getDifference',
      pts: 1,
      date: 0,
      qts: qts - 4,
    })) as Api.UpdatesDifference;
    const replayed = difference.other_updates.filter(
      (update): update is Api.UpdateChannelParticipant => update._ === 'updateChannelParticipant',
    );
    expect(
      replayed.map((update) => [update.qts, update.prev_participant?._, update.new_participant?._]),
    ).toEqual([
      [qts - 3, 'channelParticipantAdmin', 'channelParticipant'],
      [qts - 2, 'channelParticipant', 'channelParticipantBanned'],
      [qts - 1, 'channelParticipantBanned', undefined],
      [qts, undefined, 'channelParticipant'],
    ]);
    expect(difference.state.qts).toBe(qts);
  });

  it('in a basic group: promoting the bot and removing a member reach it as updateChatParticipant', async () => {
    const group = dc.groups.createGroup({
      creatorId: alice.id,
      title: 'Basic',
      memberIds: [bob.id, botId()],
    });
    expect(await participantUpdate(collector, ++qts)).toMatchObject({
      _: 'updateChatParticipant',
      new_participant: { _: 'chatParticipant', user_id: botId() },
    });
    // A plain member bot hears only of itself.
    const promoted = await fetch(`${dc.info.controlUrl}/groups/promote`, {
      method: 'POST',
      body: JSON.stringify({
        chatId: group.id.toString(),
        userId: botId().toString(),
        rights: ['ban_users'],
      }),
    });
    expect(promoted.status).toBe(200);
    expect(await promoted.json()).toMatchObject({ member: { role: 'admin', adminRights: ['ban_users'] } });
    expect(await participantUpdate(collector, ++qts)).toMatchObject({
      _: 'updateChatParticipant',
      chat_id: group.id,
      user_id: botId(),
      prev_participant: { _: 'chatParticipant' },
      new_participant: { _: 'chatParticipantAdmin', user_id: botId() },
    });
    // Now an admin, it hears of Bob's removal (a basic group has no ban list: he may be added again).
    dc.groups.ban({ chatId: group.id, userId: bob.id });
    expect(await participantUpdate(collector, ++qts)).toMatchObject({
      _: 'updateChatParticipant',
      user_id: bob.id,
      actor_id: alice.id,
      prev_participant: { _: 'chatParticipant', user_id: bob.id },
      new_participant: undefined,
    });
    expect(dc.groups.history(group.id, alice.id).at(-1)).toMatchObject({
      action: { type: 'delete-user', userId: bob.id },
    });
    dc.groups.join({ chatId: group.id, userId: bob.id, inviterId: alice.id });
    expect(await participantUpdate(collector, ++qts)).toMatchObject({ user_id: bob.id });
  });

  it('answers bad control requests with 400', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${dc.info.controlUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
    const chatId = supergroup.id.toString();
    const bad = await post('/groups/promote', { chatId, userId: bob.id.toString(), rights: ['fly'] });
    expect(bad.status).toBe(400);
    const unknown = await post('/groups/ban', { chatId: '999', userId: bob.id.toString() });
    expect(unknown.status).toBe(400);
    const refused = await post('/groups/demote', { chatId, userId: alice.id.toString() });
    expect(await refused.json()).toEqual({ error: 'USER_CREATOR', code: 400 });
  });

  describe('over MTProto (the bot moderates)', () => {
    let carol: UserRecord;
    let channel: ChannelRecord;
    const carolUser = (): Api.TypeInputUser => ({
      _: 'inputUser',
      user_id: carol.id,
      access_hash: carol.accessHash,
    });
    const input = (): Api.TypeInputChannel => ({
      _: 'inputChannel',
      channel_id: channel.id,
      access_hash: channel.accessHash,
    });

    beforeAll(() => {
      carol = dc.createUser({ firstName: 'Carol' });
      channel = dc.groups.createSupergroup({
        creatorId: alice.id,
        title: 'Bot-run',
        memberIds: [carol.id],
        admins: [{ userId: botId() }],
      });
      qts += 1; // the bot's own membership
    });

    it('channels.editAdmin promotes and (no rights) demotes; without add_admins it is CHAT_ADMIN_REQUIRED', async () => {
      const editAdmin = (rights: Api.ChatAdminRights) =>
        bot.invoke({
          _: 'channels.editAdmin',
          channel: input(),
          user_id: carolUser(),
          admin_rights: rights,
          rank: '',
        });
      // Default admin rights leave add_admins out.
      await expect(editAdmin({ _: 'chatAdminRights', pin_messages: true })).rejects.toEqual(
        rpcErrorOf('CHAT_ADMIN_REQUIRED', 400),
      );
      dc.groups.promote({ chatId: channel.id, userId: botId(), rights: ['add_admins', 'ban_users'] });
      expect(await participantUpdate(collector, ++qts)).toMatchObject({ user_id: botId() });
      const promoted = (await editAdmin({ _: 'chatAdminRights', pin_messages: true })) as Api.Updates;
      expect(promoted.chats).toEqual([expect.objectContaining({ _: 'channel', id: channel.id })]);
      expect(await participantUpdate(collector, ++qts)).toMatchObject({
        actor_id: botId(),
        new_participant: { _: 'channelParticipantAdmin', user_id: carol.id, promoted_by: botId() },
      });
      expect(dc.groups.group(channel.id)!.members.get(carol.id)).toMatchObject({
        role: 'admin',
        adminRights: ['pin_messages'],
      });
      await editAdmin({ _: 'chatAdminRights' });
      expect(await participantUpdate(collector, ++qts)).toMatchObject({
        new_participant: { _: 'channelParticipant', user_id: carol.id },
      });
      await expect(
        bot.invoke({
          _: 'channels.editAdmin',
          channel: input(),
          user_id: { _: 'inputUser', user_id: carol.id, access_hash: 1n },
          admin_rights: { _: 'chatAdminRights' },
          rank: '',
        }),
      ).rejects.toEqual(rpcErrorOf('USER_ID_INVALID', 400));
    });

    it('channels.editBanned bans (view_messages) and unbans (no rights); a banned user cannot be restricted', async () => {
      const editBanned = (rights: Api.ChatBannedRights) =>
        bot.invoke({
          _: 'channels.editBanned',
          channel: input(),
          participant: { _: 'inputPeerUser', user_id: carol.id, access_hash: carol.accessHash },
          banned_rights: rights,
        });
      await editBanned({ _: 'chatBannedRights', view_messages: true, until_date: 0 });
      expect(await participantUpdate(collector, ++qts)).toMatchObject({
        actor_id: botId(),
        new_participant: { _: 'channelParticipantBanned', kicked_by: botId() },
      });
      expect(dc.groups.group(channel.id)!.members.has(carol.id)).toBe(false);
      // Partial restrictions are for members (partial-restrictions.test.ts); Carol is out.
      await expect(editBanned({ _: 'chatBannedRights', send_media: true, until_date: 0 })).rejects.toEqual(
        rpcErrorOf('USER_NOT_PARTICIPANT', 400),
      );
      await editBanned({ _: 'chatBannedRights', until_date: 0 });
      expect(await participantUpdate(collector, ++qts)).toMatchObject({
        prev_participant: { _: 'channelParticipantBanned' },
        new_participant: undefined,
      });
    });

    it('channels.getFullChannel counts members, admins and kicked users', async () => {
      dc.groups.ban({ chatId: channel.id, userId: bob.id });
      qts += 1;
      const full = (await bot.invoke({
        _: 'channels.getFullChannel',
        channel: input(),
      })) as Api.MessagesChatFull;
      expect(full.full_chat).toMatchObject({
        _: 'channelFull',
        id: channel.id,
        participants_count: 2,
        admins_count: 2,
        kicked_count: 1,
        can_view_participants: true,
        pts: channel.pts,
      });
      expect(full.chats).toEqual([expect.objectContaining({ id: channel.id })]);
      await expect(
        bot.invoke({
          _: 'channels.getFullChannel',
          channel: { _: 'inputChannel', channel_id: channel.id, access_hash: channel.accessHash ^ 1n },
        }),
      ).rejects.toEqual(rpcErrorOf('CHANNEL_INVALID', 400));
      const outside = dc.groups.createChannel({ creatorId: alice.id, title: 'Elsewhere' });
      await expect(
        bot.invoke({
          _: 'channels.getFullChannel',
          channel: { _: 'inputChannel', channel_id: outside.id, access_hash: outside.accessHash },
        }),
      ).rejects.toEqual(rpcErrorOf('CHANNEL_PRIVATE', 400));
    });

    it('messages.getFullChat lists a basic group; editChatAdmin and deleteChatUser work for its admin bot', async () => {
      const group = dc.groups.createGroup({
        creatorId: alice.id,
        title: 'Small',
        memberIds: [carol.id],
        admins: [{ userId: botId(), rights: ['ban_users', 'add_admins'] }],
      });
      qts += 1;
      const full = (await bot.invoke({
        _: 'messages.getFullChat',
        chat_id: group.id,
      })) as Api.MessagesChatFull;
      expect(full.full_chat).toMatchObject({
        _: 'chatFull',
        id: group.id,
        participants: { _: 'chatParticipants', chat_id: group.id, version: group.version },
      });
      const participants = (full.full_chat as Api.ChatFull).participants as Api.ChatParticipants;
      expect(participants.participants.map((each) => each._).sort()).toEqual([
        'chatParticipant',
        'chatParticipantAdmin',
        'chatParticipantCreator',
      ]);
      expect(full.users.map((user) => (user as Api.User).id)).toEqual(
        expect.arrayContaining([alice.id, carol.id, botId()]),
      );
      await expect(bot.invoke({ _: 'messages.getFullChat', chat_id: 42n })).rejects.toEqual(
        rpcErrorOf('PEER_ID_INVALID', 400),
      );

      await expect(
        bot.invoke({ _: 'messages.editChatAdmin', chat_id: group.id, user_id: carolUser(), is_admin: true }),
      ).resolves.toBe(true);
      expect(await participantUpdate(collector, ++qts)).toMatchObject({
        _: 'updateChatParticipant',
        new_participant: { _: 'chatParticipantAdmin', user_id: carol.id },
      });
      await expect(
        bot.invoke({ _: 'messages.editChatAdmin', chat_id: group.id, user_id: carolUser(), is_admin: true }),
      ).rejects.toEqual(rpcErrorOf('CHAT_NOT_MODIFIED', 400));
      await bot.invoke({ _: 'messages.deleteChatUser', chat_id: group.id, user_id: carolUser() });
      expect(await participantUpdate(collector, ++qts)).toMatchObject({
        _: 'updateChatParticipant',
        actor_id: botId(),
        user_id: carol.id,
        new_participant: undefined,
      });
      expect(dc.groups.history(group.id, alice.id).at(-1)).toMatchObject({
        fromId: botId(),
        action: { type: 'delete-user', userId: carol.id },
      });
    });

    it('messages.getChats and channels.getChannels refuse bad ids', async () => {
      await expect(bot.invoke({ _: 'messages.getChats', id: [123n] })).rejects.toEqual(
        rpcErrorOf('CHAT_ID_INVALID', 400),
      );
      await expect(bot.invoke({ _: 'messages.getChats', id: [channel.id] })).rejects.toEqual(
        rpcErrorOf('CHAT_ID_INVALID', 400),
      );
      await expect(
        bot.invoke({
          _: 'channels.getChannels',
          id: [{ _: 'inputChannel', channel_id: channel.id, access_hash: 0n }],
        }),
      ).rejects.toEqual(rpcErrorOf('CHANNEL_INVALID', 400));
      await expect(
        bot.invoke({ _: 'channels.getChannels', id: [{ _: 'inputChannelEmpty' }] }),
      ).rejects.toEqual(rpcErrorOf('CHANNEL_INVALID', 400));
      const ok = (await bot.invoke({ _: 'channels.getChannels', id: [input()] })) as Api.MessagesChats;
      expect(ok.chats).toEqual([expect.objectContaining({ _: 'channel', id: channel.id })]);
    });
  });
});
