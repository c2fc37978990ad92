/**
 * Chat-wide default rights (core.telegram.org/method/messages.editChatDefaultBannedRights) over real
 * sockets: an admin bot sets them in a basic group and a supergroup, members get
 * updateChatDefaultBannedRights, plain members' sends are refused with Telegram's 403s (together with
 * their own restrictions, the stricter wins), admins keep every right; the chat objects carry
 * default_banned_rights; the data dir keeps them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Api, MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { BasicGroupRecord, ChannelRecord } from '../src/world/group-records';
import type { UserRecord } from '../src/world/records';
import {
  createClient,
  loginBot,
  nextInnerUpdate,
  rpcErrorOf,
  sendSmallDocument,
  UpdateCollector,
} from './local-dc-harness';

describe('default banned rights (messages.editChatDefaultBannedRights)', () => {
  let dc: LocalDc;
  let alice: UserRecord;
  let admin: MtprotoClient;
  let member: MtprotoClient;
  let memberUpdates: UpdateCollector;
  let memberBot: UserRecord;
  let group: BasicGroupRecord;
  let supergroup: ChannelRecord;
  let randomId = 1n;
  const chatPeer = (): Api.TypeInputPeer => ({ _: 'inputPeerChat', chat_id: group.id });
  const channelPeer = (): Api.TypeInputPeer => ({
    _: 'inputPeerChannel',
    channel_id: supergroup.id,
    access_hash: supergroup.accessHash,
  });
  const editDefaults = (
    client: MtprotoClient,
    peer: Api.TypeInputPeer,
    rights: Omit<Api.ChatBannedRights, '_' | 'until_date'>,
  ) =>
    client.invoke({
      _: 'messages.editChatDefaultBannedRights',
      peer,
      banned_rights: { _: 'chatBannedRights', ...rights, until_date: 0 },
    });
  const sendText = (client: MtprotoClient, peer: Api.TypeInputPeer, text = 'hello') =>
    client.invoke({ _: 'messages.sendMessage', peer, message: text, random_id: randomId++ });
  const sendDocument = (peer: Api.TypeInputPeer, fileId: bigint) =>
    sendSmallDocument(member, peer, fileId, randomId++);

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false });
    alice = dc.createUser({ firstName: 'Alice' });
    const created = dc.createBot({ firstName: 'Member', username: 'member_bot' });
    memberBot = created.user;
    admin = createClient(dc);
    await loginBot(admin, dc.info.botToken);
    member = createClient(dc);
    memberUpdates = new UpdateCollector(member);
    await loginBot(member, created.token);
    const input = {
      creatorId: alice.id,
      title: 'Quiet',
      memberIds: [memberBot.id],
      admins: [{ userId: dc.defaultBot.id }],
    };
    group = dc.groups.createGroup(input);
    supergroup = dc.groups.createSupergroup({ ...input, title: 'Quieter' });
  });

  afterAll(async () => {
    await Promise.all([admin.close(), member.close()]);
    await dc.stop();
  });

  it('in a basic group: the answer and the members carry the update, plain members are refused, admins are not', async () => {
    const versionBefore = group.version;
    const answer = (await editDefaults(admin, chatPeer(), { send_plain: true })) as Api.Updates;
    expect(answer.updates).toEqual([
      {
        _: 'updateChatDefaultBannedRights',
        peer: { _: 'peerChat', chat_id: group.id },
        default_banned_rights: expect.objectContaining({ send_plain: true, until_date: 0 }),
        version: versionBefore + 1,
      },
    ]);
    expect(answer.chats).toEqual([
      expect.objectContaining({
        _: 'chat',
        id: group.id,
        default_banned_rights: expect.objectContaining({ _: 'chatBannedRights', send_plain: true }),
      }),
    ]);
    const pushed = await nextInnerUpdate(memberUpdates, 'updateChatDefaultBannedRights', (update) =>
      update.peer._ === 'peerChat' ? update.peer.chat_id === group.id : false,
    );
    expect(pushed.default_banned_rights).toMatchObject({ send_plain: true });
    expect(pushed.default_banned_rights).not.toHaveProperty('send_media', true);

    await expect(sendText(member, chatPeer())).rejects.toEqual(rpcErrorOf('CHAT_SEND_PLAIN_FORBIDDEN', 403));
    await expect(sendDocument(chatPeer(), 1n)).resolves.toMatchObject({ _: 'updates' });
    await expect(sendText(admin, chatPeer())).resolves.toMatchObject({ _: 'updateShortSentMessage' });
    const chats = (await member.invoke({ _: 'messages.getChats', id: [group.id] })) as Api.MessagesChats;
    expect(chats.chats[0]).toMatchObject({ default_banned_rights: { send_plain: true } });
  });

  it('refuses a plain member (CHAT_ADMIN_REQUIRED), view_messages (BANNED_RIGHTS_INVALID), no change (CHAT_NOT_MODIFIED), a user peer', async () => {
    await expect(editDefaults(member, chatPeer(), { send_media: true })).rejects.toEqual(
      rpcErrorOf('CHAT_ADMIN_REQUIRED', 400),
    );
    await expect(editDefaults(admin, chatPeer(), { view_messages: true })).rejects.toEqual(
      rpcErrorOf('BANNED_RIGHTS_INVALID', 400),
    );
    await expect(editDefaults(admin, chatPeer(), { send_plain: true })).rejects.toEqual(
      rpcErrorOf('CHAT_NOT_MODIFIED', 400),
    );
    await expect(
      editDefaults(admin, { _: 'inputPeerUser', user_id: alice.id, access_hash: alice.accessHash }, {}),
    ).rejects.toEqual(rpcErrorOf('PEER_ID_INVALID', 400));
    expect(group.defaultBannedRights).toEqual(['send_plain']);
  });

  it('in a supergroup the defaults and a member restriction add up; lifting one leaves the other', async () => {
    await editDefaults(admin, channelPeer(), { send_media: true });
    const pushed = await nextInnerUpdate(memberUpdates, 'updateChatDefaultBannedRights', (update) =>
      update.peer._ === 'peerChannel' ? update.peer.channel_id === supergroup.id : false,
    );
    expect(pushed).toMatchObject({ version: 0, default_banned_rights: { send_media: true } });
    dc.groups.restrict({ chatId: supergroup.id, userId: memberBot.id, rights: ['send_plain'] });
    await expect(sendDocument(channelPeer(), 2n)).rejects.toEqual(
      rpcErrorOf('CHAT_SEND_MEDIA_FORBIDDEN', 403),
    );
    await expect(sendText(member, channelPeer())).rejects.toEqual(
      rpcErrorOf('CHAT_SEND_PLAIN_FORBIDDEN', 403),
    );
    await expect(sendText(admin, channelPeer())).resolves.toMatchObject({ _: 'updates' });

    await editDefaults(admin, channelPeer(), {});
    await expect(sendDocument(channelPeer(), 2n)).resolves.toMatchObject({ _: 'updates' });
    await expect(sendText(member, channelPeer())).rejects.toEqual(
      rpcErrorOf('CHAT_SEND_PLAIN_FORBIDDEN', 403),
    );
    dc.groups.restrict({ chatId: supergroup.id, userId: memberBot.id, rights: [] });
    await expect(sendText(member, channelPeer())).resolves.toMatchObject({ _: 'updates' });
  });

  it('the control API and dc.groups set them as a user; users are held to them; a broadcast channel has none', async () => {
    const bob = dc.createUser({ firstName: 'Bob' });
    dc.groups.join({ chatId: supergroup.id, userId: bob.id });
    const response = await fetch(`${dc.info.controlUrl}/groups/default-rights`, {
      method: 'POST',
      body: JSON.stringify({ chatId: supergroup.id.toString(), rights: ['send_messages'] }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { chat: { defaultBannedRights: string[] } }).chat).toMatchObject({
      defaultBannedRights: ['send_messages'],
    });
    expect(() => dc.groups.sendMessage({ fromUserId: bob.id, chatId: supergroup.id, text: 'hi' })).toThrow(
      expect.objectContaining({ text: 'CHAT_WRITE_FORBIDDEN', code: 403 }),
    );
    await expect(sendText(member, channelPeer())).rejects.toEqual(rpcErrorOf('CHAT_WRITE_FORBIDDEN', 403));
    const bad = await fetch(`${dc.info.controlUrl}/groups/default-rights`, {
      method: 'POST',
      body: JSON.stringify({ chatId: supergroup.id.toString(), rights: ['fly'] }),
    });
    expect(bad.status).toBe(400);
    expect(() => dc.groups.setDefaultRights({ chatId: supergroup.id, rights: [], actorId: bob.id })).toThrow(
      expect.objectContaining({ text: 'CHAT_ADMIN_REQUIRED' }),
    );
    dc.groups.setDefaultRights({ chatId: supergroup.id, rights: [] });
    expect(dc.groups.sendMessage({ fromUserId: bob.id, chatId: supergroup.id, text: 'hi' })).toMatchObject({
      text: 'hi',
    });
    const channel = dc.groups.createChannel({ creatorId: alice.id, title: 'News' });
    expect(() => dc.groups.setDefaultRights({ chatId: channel.id, rights: ['send_media'] })).toThrow(
      expect.objectContaining({ text: 'CHANNEL_INVALID' }),
    );
  });

  it('carries the defaults over when the group migrates to a supergroup', () => {
    const migrated = dc.groups.migrate({ chatId: group.id });
    expect(migrated.defaultBannedRights).toEqual(['send_plain']);
  });
});

describe('default banned rights in a data dir', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'local-dc-defaults-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('survive a restart and still refuse sends', async () => {
    const first = await LocalDc.start({ port: 0, dataDir, saveDebounceMs: 10, floodLimits: false });
    const alice = first.createUser({ firstName: 'Alice' });
    const bob = first.createUser({ firstName: 'Bob' });
    const group = first.groups.createGroup({ creatorId: alice.id, title: 'Kept', memberIds: [bob.id] });
    first.groups.setDefaultRights({ chatId: group.id, rights: ['send_plain', 'send_inline'] });
    await first.stop();

    const second = await LocalDc.start({ port: 0, dataDir, saveDebounceMs: 10, floodLimits: false });
    try {
      expect(second.groups.group(group.id)?.defaultBannedRights).toEqual(['send_plain', 'send_inline']);
      expect(() => second.groups.sendMessage({ fromUserId: bob.id, chatId: group.id, text: 'x' })).toThrow(
        expect.objectContaining({ text: 'CHAT_SEND_PLAIN_FORBIDDEN', code: 403 }),
      );
    } finally {
      await second.stop();
    }
  });
});
