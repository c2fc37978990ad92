import type { Api, MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { UserRecord } from '../src/world/records';
import { typingSignalsOf, type TypingNotice } from '../src/mtproto/typing-signals';
import { sendUserTyping } from '../src/user-typing';
import { createClient, loginBot, rpcErrorOf, UpdateCollector } from './local-dc-harness';

const isTyping = (update: Api.TypeUpdates): update is Api.UpdateShort =>
  update._ === 'updateShort' && update.update._ === 'updateUserTyping';

describe('users.getFullUser, contacts.resolveUsername, messages.setTyping (core MtprotoClient over TCP)', () => {
  let dc: LocalDc;
  let alice: UserRecord;
  let bot: MtprotoClient;
  const clients: MtprotoClient[] = [];

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0 });
    alice = dc.createUser({ firstName: 'Alice', lastName: 'Liddell', username: 'Alice_L' });
    bot = createClient(dc);
    clients.push(bot);
    await loginBot(bot, dc.info.botToken);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await dc.stop();
  });

  const alicePeer = (): Api.InputPeerUser => ({
    _: 'inputPeerUser',
    user_id: alice.id,
    access_hash: alice.accessHash,
  });

  it('gives the full user of a user, of itself (with bot_info), and USER_ID_INVALID for a wrong hash', async () => {
    const full = await bot.invoke({
      _: 'users.getFullUser',
      id: { _: 'inputUser', user_id: alice.id, access_hash: alice.accessHash },
    });
    expect(full.full_user).toMatchObject({ _: 'userFull', id: alice.id, common_chats_count: 0 });
    expect(full.full_user.bot_info).toBeUndefined();
    expect(full.users).toEqual([
      expect.objectContaining({ _: 'user', id: alice.id, first_name: 'Alice', username: 'Alice_L' }),
    ]);

    const self = await bot.invoke({ _: 'users.getFullUser', id: { _: 'inputUserSelf' } });
    expect(self.full_user).toMatchObject({
      id: dc.defaultBot.id,
      bot_info: { _: 'botInfo', user_id: dc.defaultBot.id },
    });
    expect(self.users[0]).toMatchObject({ self: true, bot: true });

    await expect(
      bot.invoke({
        _: 'users.getFullUser',
        id: { _: 'inputUser', user_id: alice.id, access_hash: alice.accessHash + 1n },
      }),
    ).rejects.toEqual(rpcErrorOf('USER_ID_INVALID', 400));
  });

  it('counts the groups both are in as common chats', async () => {
    dc.groups.createGroup({ creatorId: alice.id, title: 'Tea party', memberIds: [dc.defaultBot.id] });
    const full = await bot.invoke({
      _: 'users.getFullUser',
      id: { _: 'inputUser', user_id: alice.id, access_hash: alice.accessHash },
    });
    expect(full.full_user.common_chats_count).toBe(1);
  });

  it('resolves usernames case-insensitively, with USERNAME_NOT_OCCUPIED and USERNAME_INVALID', async () => {
    const resolved = await bot.invoke({ _: 'contacts.resolveUsername', flags: 0, username: 'alice_l' });
    expect(resolved.peer).toEqual({ _: 'peerUser', user_id: alice.id });
    expect(resolved.users).toEqual([
      expect.objectContaining({ id: alice.id, access_hash: alice.accessHash }),
    ]);

    const itself = await bot.invoke({ _: 'contacts.resolveUsername', flags: 0, username: 'local_dc_bot' });
    expect(itself.users[0]).toMatchObject({ id: dc.defaultBot.id, self: true });

    await expect(
      bot.invoke({ _: 'contacts.resolveUsername', flags: 0, username: 'nobody_here' }),
    ).rejects.toEqual(rpcErrorOf('USERNAME_NOT_OCCUPIED', 400));
    for (const username of ['@alice_l', 'ab', '1alice', 'a'.repeat(33), 'al ice']) {
      await expect(bot.invoke({ _: 'contacts.resolveUsername', flags: 0, username })).rejects.toEqual(
        rpcErrorOf('USERNAME_INVALID', 400),
      );
    }
  });

  it('tells the other side about typing: a user typing reaches the bot as updateUserTyping', async () => {
    const updates = new UpdateCollector(bot);
    sendUserTyping(dc.world, {
      fromUserId: alice.id,
      toUserId: dc.defaultBot.id,
      action: { _: 'sendMessageUploadPhotoAction', progress: 40 },
    });
    const typing = await updates.next(isTyping);
    expect(typing.update).toEqual({
      _: 'updateUserTyping',
      user_id: alice.id,
      action: { _: 'sendMessageUploadPhotoAction', progress: 40 },
    });

    // The bot typing to Alice: users have no MTProto sessions here, so the notice is checked where it
    // leaves the handler, addressed to Alice.
    const notices: TypingNotice[] = [];
    const stop = typingSignalsOf(dc.world).on('typing', (notice) => notices.push(notice));
    expect(
      await bot.invoke({
        _: 'messages.setTyping',
        flags: 0,
        peer: alicePeer(),
        action: { _: 'sendMessageTypingAction' },
      }),
    ).toBe(true);
    stop();
    expect(notices).toEqual([
      expect.objectContaining({
        fromId: dc.defaultBot.id,
        toId: alice.id,
        action: { _: 'sendMessageTypingAction' },
      }),
    ]);
  });

  it('refuses typing to a bot (USER_IS_BOT) and to a peer with a wrong access hash (PEER_ID_INVALID)', async () => {
    const other = dc.createBot({ firstName: 'Helper', username: 'helper_bot' });
    await expect(
      bot.invoke({
        _: 'messages.setTyping',
        flags: 0,
        peer: { _: 'inputPeerUser', user_id: other.user.id, access_hash: other.user.accessHash },
        action: { _: 'sendMessageTypingAction' },
      }),
    ).rejects.toEqual(rpcErrorOf('USER_IS_BOT', 400));
    await expect(
      bot.invoke({
        _: 'messages.setTyping',
        flags: 0,
        peer: { ...alicePeer(), access_hash: alice.accessHash + 1n },
        action: { _: 'sendMessageTypingAction' },
      }),
    ).rejects.toEqual(rpcErrorOf('PEER_ID_INVALID', 400));
  });
});
