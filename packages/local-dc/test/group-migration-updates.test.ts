/**
 * What member bots are told when their basic group becomes a supergroup (messages.migrateChat;
 * core.telegram.org/api/channel#migration), over real sockets: one `updates` with the old group's
 * final updateChatParticipants and updateChannel for the supergroup, naming the old chat (deactivated,
 * migrated_to) and the new channel with its access hash, which is all a bot needs to follow the chat
 * to its new id and write there. Admin and plain member bots alike.
 */
import type { Api, MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { BasicGroupRecord, ChannelRecord } from '../src/world/group-records';
import type { UserRecord } from '../src/world/records';
import { createClient, loginBot, UpdateCollector } from './local-dc-harness';

describe('migration updates for member bots', () => {
  let dc: LocalDc;
  let alice: UserRecord;
  let memberBot: UserRecord;
  let admin: MtprotoClient;
  let member: MtprotoClient;
  let adminUpdates: UpdateCollector;
  let memberUpdates: UpdateCollector;
  let group: BasicGroupRecord;
  let supergroup: ChannelRecord;

  /** The pushed `updates` holding updateChannel for the supergroup. */
  const migrationPush = (collector: UpdateCollector) =>
    collector.next(
      (each): each is Api.Updates =>
        each._ === 'updates' &&
        each.updates.some((update) => update._ === 'updateChannel' && update.channel_id === supergroup.id),
    );

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false });
    alice = dc.createUser({ firstName: 'Alice' });
    const created = dc.createBot({ firstName: 'Member', username: 'plain_member_bot' });
    memberBot = created.user;
    admin = createClient(dc);
    adminUpdates = new UpdateCollector(admin);
    await loginBot(admin, dc.info.botToken);
    member = createClient(dc);
    memberUpdates = new UpdateCollector(member);
    await loginBot(member, created.token);
    group = dc.groups.createGroup({
      creatorId: alice.id,
      title: 'Moving',
      memberIds: [memberBot.id],
      admins: [{ userId: dc.defaultBot.id }],
    });
    supergroup = dc.groups.migrate({ chatId: group.id });
  });

  afterAll(async () => {
    await Promise.all([admin.close(), member.close()]);
    await dc.stop();
  });

  it('tells every member bot the old group’s final participants and the new channel, naming both chats', async () => {
    for (const [collector, botId] of [
      [adminUpdates, dc.defaultBot.id],
      [memberUpdates, memberBot.id],
    ] as const) {
      const pushed = await migrationPush(collector);
      expect(pushed.updates).toEqual([
        {
          _: 'updateChatParticipants',
          participants: {
            _: 'chatParticipants',
            chat_id: group.id,
            participants: [
              { _: 'chatParticipantCreator', user_id: alice.id },
              expect.objectContaining({ _: 'chatParticipant', user_id: memberBot.id }),
              expect.objectContaining({ _: 'chatParticipantAdmin', user_id: dc.defaultBot.id }),
            ],
            version: group.version,
          },
        },
        { _: 'updateChannel', channel_id: supergroup.id },
      ]);
      expect(pushed.chats).toEqual([
        expect.objectContaining({
          _: 'chat',
          id: group.id,
          deactivated: true,
          migrated_to: { _: 'inputChannel', channel_id: supergroup.id, access_hash: supergroup.accessHash },
        }),
        expect.objectContaining({
          _: 'channel',
          id: supergroup.id,
          megagroup: true,
          access_hash: supergroup.accessHash,
        }),
      ]);
      expect(pushed.users.map((user) => (user as Api.User).id).sort()).toEqual(
        [alice.id, memberBot.id, dc.defaultBot.id].sort(),
      );
      expect(pushed.users.find((user) => (user as Api.User).id === botId)).toMatchObject({ self: true });
    }
  });

  it('lets a plain member bot follow the chat: it writes to the supergroup with what the push named', async () => {
    const pushed = await migrationPush(memberUpdates);
    const channel = pushed.chats.find((chat): chat is Api.Channel => chat._ === 'channel')!;
    const peer: Api.TypeInputPeer = {
      _: 'inputPeerChannel',
      channel_id: channel.id,
      access_hash: channel.access_hash!,
    };
    await expect(
      member.invoke({ _: 'messages.sendMessage', peer, message: 'moved along', random_id: 77n }),
    ).resolves.toMatchObject({ _: 'updates' });
    expect(dc.groups.history(supergroup.id).at(-1)).toMatchObject({
      text: 'moved along',
      fromId: memberBot.id,
    });
  });
});
