/**
 * Basic group → supergroup migration (core.telegram.org/api/channel#migration, messages.migrateChat)
 * as a member bot sees it over real sockets: messageActionChatMigrateTo in the old group,
 * messageActionChannelMigrateFrom in the new supergroup, `chat.migrated_to`, members and admins
 * carried over, and the old group refusing changes.
 */
import type { Api, MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { BasicGroupRecord, ChannelRecord } from '../src/world/group-records';
import type { UserRecord } from '../src/world/records';
import { createClient, loginBot, nextInnerUpdate, rpcErrorOf, UpdateCollector } from './local-dc-harness';

describe('basic group to supergroup migration', () => {
  let dc: LocalDc;
  let alice: UserRecord;
  let bob: UserRecord;
  let bot: MtprotoClient;
  let updates: UpdateCollector;
  let group: BasicGroupRecord;
  let supergroup: ChannelRecord;
  const chatPeer = (): Api.TypeInputPeer => ({ _: 'inputPeerChat', chat_id: group.id });
  const channelInput = (): Api.TypeInputChannel => ({
    _: 'inputChannel',
    channel_id: supergroup.id,
    access_hash: supergroup.accessHash,
  });

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false });
    alice = dc.createUser({ firstName: 'Alice' });
    bob = dc.createUser({ firstName: 'Bob' });
    bot = createClient(dc);
    updates = new UpdateCollector(bot);
    await loginBot(bot, dc.info.botToken);
    group = dc.groups.createGroup({
      creatorId: alice.id,
      title: 'Growing',
      memberIds: [bob.id],
      admins: [{ userId: dc.defaultBot.id }],
    });
    dc.groups.sendMessage({ fromUserId: bob.id, chatId: group.id, text: 'old times' });
  });

  afterAll(async () => {
    await bot.close();
    await dc.stop();
  });

  it('refuses anyone but the creator (403 CHAT_ADMIN_REQUIRED), and a bot calling migrateChat', async () => {
    expect(() => dc.groups.migrate({ chatId: group.id, actorId: bob.id })).toThrow(
      expect.objectContaining({ text: 'CHAT_ADMIN_REQUIRED', code: 403 }),
    );
    await expect(bot.invoke({ _: 'messages.migrateChat', chat_id: group.id })).rejects.toEqual(
      rpcErrorOf('BOT_METHOD_INVALID', 400),
    );
    expect(group.migratedTo).toBeUndefined();
  });

  it('makes a supergroup with the members and admins, and tells the bot in both chats', async () => {
    const response = await fetch(`${dc.info.controlUrl}/groups/migrate`, {
      method: 'POST',
      body: JSON.stringify({ chatId: group.id.toString() }),
    });
    expect(response.status).toBe(200);
    const { chat } = (await response.json()) as { chat: { id: string; type: string; title: string } };
    expect(chat).toMatchObject({ type: 'supergroup', title: 'Growing' });
    supergroup = dc.groups.group(BigInt(chat.id)) as ChannelRecord;
    expect(supergroup.migratedFrom).toBe(group.id);
    expect(group.migratedTo).toBe(supergroup.id);
    expect([...supergroup.members.values()].map(({ userId, role }) => [userId, role])).toEqual([
      [alice.id, 'creator'],
      [bob.id, 'member'],
      [dc.defaultBot.id, 'admin'],
    ]);

    const migrateTo = await nextInnerUpdate(
      updates,
      'updateNewMessage',
      (update) =>
        update.message._ === 'messageService' && update.message.action._ === 'messageActionChatMigrateTo',
    );
    expect(migrateTo.message).toMatchObject({
      peer_id: { _: 'peerChat', chat_id: group.id },
      from_id: { _: 'peerUser', user_id: alice.id },
      action: { _: 'messageActionChatMigrateTo', channel_id: supergroup.id },
    });
    const migrateFrom = await nextInnerUpdate(updates, 'updateNewChannelMessage');
    expect(migrateFrom).toMatchObject({
      pts: 1,
      message: {
        _: 'messageService',
        id: 1,
        peer_id: { _: 'peerChannel', channel_id: supergroup.id },
        action: { _: 'messageActionChannelMigrateFrom', title: 'Growing', chat_id: group.id },
      },
    });
    // Each push names both chats: the old one deactivated, pointing at the new one.
    const pushed = updates.received.find(
      (each): each is Api.Updates => each._ === 'updates' && each.updates.includes(migrateTo),
    )!;
    expect(pushed.chats).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          _: 'chat',
          id: group.id,
          deactivated: true,
          migrated_to: { _: 'inputChannel', channel_id: supergroup.id, access_hash: supergroup.accessHash },
        }),
        expect.objectContaining({ _: 'channel', id: supergroup.id, megagroup: true }),
      ]),
    );
  });

  it('answers sends and changes to the old group with CHAT_ID_INVALID; the supergroup takes them', async () => {
    await expect(
      bot.invoke({ _: 'messages.sendMessage', peer: chatPeer(), message: '/still', random_id: 1n }),
    ).rejects.toEqual(rpcErrorOf('CHAT_ID_INVALID', 400));
    expect(() => dc.groups.sendMessage({ fromUserId: bob.id, chatId: group.id, text: 'hello?' })).toThrow(
      expect.objectContaining({ text: 'CHAT_ID_INVALID' }),
    );
    expect(() =>
      dc.groups.join({ chatId: group.id, userId: dc.createUser({ firstName: 'Late' }).id }),
    ).toThrow(expect.objectContaining({ text: 'CHAT_ID_INVALID' }));
    expect(() => dc.groups.migrate({ chatId: group.id })).toThrow(
      expect.objectContaining({ text: 'CHAT_ID_INVALID' }),
    );
    const sent = (await bot.invoke({
      _: 'messages.sendMessage',
      peer: { _: 'inputPeerChannel', channel_id: supergroup.id, access_hash: supergroup.accessHash },
      message: 'moved in',
      random_id: 2n,
    })) as Api.Updates;
    expect(sent.updates).toEqual(
      expect.arrayContaining([expect.objectContaining({ _: 'updateNewChannelMessage', pts: 2 })]),
    );
    // The old history stays readable in the old chat.
    expect(dc.groups.history(group.id).map((each) => each.text)).toContain('old times');
  });

  it('shows the carried-over admin rights and the migration in getParticipants, getFullChannel and getChats', async () => {
    const admins = (await bot.invoke({
      _: 'channels.getParticipants',
      channel: channelInput(),
      filter: { _: 'channelParticipantsAdmins' },
      offset: 0,
      limit: 10,
      hash: 0n,
    })) as Api.ChannelsChannelParticipants;
    expect(admins.participants).toEqual([
      expect.objectContaining({ _: 'channelParticipantCreator', user_id: alice.id }),
      expect.objectContaining({
        _: 'channelParticipantAdmin',
        user_id: dc.defaultBot.id,
        admin_rights: expect.objectContaining({ ban_users: true, add_admins: false }),
      }),
    ]);
    const full = (await bot.invoke({
      _: 'channels.getFullChannel',
      channel: channelInput(),
    })) as Api.MessagesChatFull;
    const oldIds = dc.history(dc.defaultBot.id, group.id).map((each) => each.id);
    expect(full.full_chat).toMatchObject({
      _: 'channelFull',
      participants_count: 3,
      migrated_from_chat_id: group.id,
      migrated_from_max_id: Math.max(...oldIds),
    });
    const chats = (await bot.invoke({ _: 'messages.getChats', id: [group.id] })) as Api.MessagesChats;
    expect(chats.chats[0]).toMatchObject({
      _: 'chat',
      deactivated: true,
      migrated_to: { channel_id: supergroup.id },
    });
  });

  it('refuses the 201st member of a basic group with USERS_TOO_MUCH (clients migrate first)', () => {
    const big = dc.groups.createGroup({
      creatorId: alice.id,
      title: 'Big',
      memberIds: Array.from({ length: 199 }, (_, index) => dc.createUser({ firstName: `U${index}` }).id),
    });
    expect(big.members.size).toBe(200);
    expect(() => dc.groups.join({ chatId: big.id, userId: bob.id })).toThrow(
      expect.objectContaining({ text: 'USERS_TOO_MUCH' }),
    );
    const migrated = dc.groups.migrate({ chatId: big.id });
    expect(dc.groups.join({ chatId: migrated.id, userId: bob.id })).toMatchObject({ role: 'member' });
    expect(migrated.members.size).toBe(201);
  });
});
