/**
 * Partial restrictions in a supergroup (core.telegram.org/api/rights, channels.editBanned without
 * view_messages) over real sockets: an admin bot restricts a member bot, whose sends are then refused
 * with Telegram's 403s; getParticipant(s) show it as channelParticipantBanned (not left); admin bots
 * get updateChannelParticipant; the restriction ends at its until_date.
 */
import type { Api, Clock, MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { ChannelRecord } from '../src/world/group-records';
import type { UserRecord } from '../src/world/records';
import {
  createClient,
  loginBot,
  nextInnerUpdate,
  rpcErrorOf,
  sendSmallDocument,
  UpdateCollector,
} from './local-dc-harness';

const PNG_1X1 = new Uint8Array(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
    'base64',
  ),
);

/** The real time moved forward by `skewMs`: the DC's clock, so a test can pass an until_date. */
class SkewedClock implements Clock {
  skewMs = 0;
  now(): number {
    return Date.now() + this.skewMs;
  }
}

describe('partial restrictions in a supergroup (channels.editBanned)', () => {
  const clock = new SkewedClock();
  let dc: LocalDc;
  let alice: UserRecord;
  let bob: UserRecord;
  let admin: MtprotoClient;
  let adminUpdates: UpdateCollector;
  let member: MtprotoClient;
  let memberBot: UserRecord;
  let memberToken: string;
  let supergroup: ChannelRecord;
  const channelInput = (): Api.TypeInputChannel => ({
    _: 'inputChannel',
    channel_id: supergroup.id,
    access_hash: supergroup.accessHash,
  });
  const groupPeer = (): Api.TypeInputPeer => ({
    _: 'inputPeerChannel',
    channel_id: supergroup.id,
    access_hash: supergroup.accessHash,
  });
  const memberPeer = (): Api.TypeInputPeer => ({
    _: 'inputPeerUser',
    user_id: memberBot.id,
    access_hash: memberBot.accessHash,
  });
  const editBanned = (rights: Omit<Api.ChatBannedRights, '_'>, participant = memberPeer()) =>
    admin.invoke({
      _: 'channels.editBanned',
      channel: channelInput(),
      participant,
      banned_rights: { _: 'chatBannedRights', ...rights },
    });
  let randomId = 1n;
  const sendText = (text = 'hello') =>
    member.invoke({ _: 'messages.sendMessage', peer: groupPeer(), message: text, random_id: randomId++ });
  const sendDocument = (fileId: bigint) => sendSmallDocument(member, groupPeer(), fileId, randomId++);
  const sendPhoto = async (fileId: bigint) => {
    await member.invoke({ _: 'upload.saveFilePart', file_id: fileId, file_part: 0, bytes: PNG_1X1 });
    return member.invoke({
      _: 'messages.sendMedia',
      peer: groupPeer(),
      media: {
        _: 'inputMediaUploadedPhoto',
        file: { _: 'inputFile', id: fileId, parts: 1, name: 'a.png', md5_checksum: '' },
      },
      message: '',
      random_id: randomId++,
    });
  };
  const getParticipant = async () =>
    (
      (await admin.invoke({
        _: 'channels.getParticipant',
        channel: channelInput(),
        participant: memberPeer(),
      })) as Api.ChannelsChannelParticipant
    ).participant;
  const participantUpdate = (where: (update: Api.UpdateChannelParticipant) => boolean) =>
    nextInnerUpdate(adminUpdates, 'updateChannelParticipant', where);

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false, clock });
    alice = dc.createUser({ firstName: 'Alice' });
    bob = dc.createUser({ firstName: 'Bob' });
    ({ user: memberBot, token: memberToken } = dc.createBot({ firstName: 'Member', username: 'member_bot' }));
    admin = createClient(dc);
    adminUpdates = new UpdateCollector(admin);
    await loginBot(admin, dc.info.botToken);
    member = createClient(dc);
    await loginBot(member, memberToken);
    supergroup = dc.groups.createSupergroup({
      creatorId: alice.id,
      title: 'Restricted',
      memberIds: [bob.id, memberBot.id],
      admins: [{ userId: dc.defaultBot.id, rights: ['ban_users'] }],
    });
  });

  afterAll(async () => {
    await Promise.all([admin.close(), member.close()]);
    await dc.stop();
  });

  it('send_plain refuses texts (CHAT_SEND_PLAIN_FORBIDDEN) but not documents; the member stays in', async () => {
    await sendText('before');
    const answer = (await editBanned({ send_plain: true, until_date: 0 })) as Api.Updates;
    expect(answer.chats).toEqual([expect.objectContaining({ _: 'channel', id: supergroup.id })]);
    await expect(sendText()).rejects.toEqual(rpcErrorOf('CHAT_SEND_PLAIN_FORBIDDEN', 403));
    await expect(sendDocument(11n)).resolves.toMatchObject({ _: 'updates' });
    expect(supergroup.members.has(memberBot.id)).toBe(true);
    const update = await participantUpdate(
      (each) => each.user_id === memberBot.id && each.new_participant?._ === 'channelParticipantBanned',
    );
    expect(update).toMatchObject({
      channel_id: supergroup.id,
      actor_id: dc.defaultBot.id,
      prev_participant: { _: 'channelParticipant', user_id: memberBot.id },
      new_participant: {
        _: 'channelParticipantBanned',
        left: false,
        peer: { _: 'peerUser', user_id: memberBot.id },
        kicked_by: dc.defaultBot.id,
        banned_rights: { _: 'chatBannedRights', send_plain: true, until_date: 0 },
      },
    });
    expect(update.new_participant).not.toHaveProperty('banned_rights.view_messages', true);
  });

  it('send_media, send_docs and send_photos refuse media with their own codes; send_messages refuses everything', async () => {
    await editBanned({ send_media: true, until_date: 0 });
    await expect(sendDocument(12n)).rejects.toEqual(rpcErrorOf('CHAT_SEND_MEDIA_FORBIDDEN', 403));
    await expect(sendText('text is fine now')).resolves.toMatchObject({ _: 'updates' });
    await editBanned({ send_docs: true, until_date: 0 });
    await expect(sendDocument(13n)).rejects.toEqual(rpcErrorOf('CHAT_SEND_DOCS_FORBIDDEN', 403));
    await editBanned({ send_photos: true, until_date: 0 });
    await expect(sendPhoto(15n)).rejects.toEqual(rpcErrorOf('CHAT_SEND_PHOTOS_FORBIDDEN', 403));
    await expect(sendDocument(13n)).resolves.toMatchObject({ _: 'updates' });
    await editBanned({ send_messages: true, until_date: 0 });
    await expect(sendText()).rejects.toEqual(rpcErrorOf('CHAT_WRITE_FORBIDDEN', 403));
    await expect(sendDocument(14n)).rejects.toEqual(rpcErrorOf('CHAT_WRITE_FORBIDDEN', 403));
    // A refused send left its upload for another try: once allowed, the same file goes.
    await editBanned({ until_date: 0 });
    await expect(sendDocument(14n)).resolves.toMatchObject({ _: 'updates' });
  });

  it('users are held to it too (the control side), and admins or the creator cannot be restricted', async () => {
    dc.groups.restrict({ chatId: supergroup.id, userId: bob.id, rights: ['send_messages'] });
    expect(() => dc.groups.sendMessage({ fromUserId: bob.id, chatId: supergroup.id, text: 'hi' })).toThrow(
      expect.objectContaining({ text: 'CHAT_WRITE_FORBIDDEN', code: 403 }),
    );
    const aliceInput: Api.TypeInputPeer = {
      _: 'inputPeerUser',
      user_id: alice.id,
      access_hash: alice.accessHash,
    };
    await expect(editBanned({ send_messages: true, until_date: 0 }, aliceInput)).rejects.toEqual(
      rpcErrorOf('USER_ADMIN_INVALID', 400),
    );
    const control = await fetch(`${dc.info.controlUrl}/groups/restrict`, {
      method: 'POST',
      body: JSON.stringify({
        chatId: supergroup.id.toString(),
        userId: bob.id.toString(),
        rights: ['view_messages'],
      }),
    });
    expect(control.status).toBe(400);
    const lifted = await fetch(`${dc.info.controlUrl}/groups/restrict`, {
      method: 'POST',
      body: JSON.stringify({ chatId: supergroup.id.toString(), userId: bob.id.toString(), rights: [] }),
    });
    expect(lifted.status).toBe(200);
    expect(
      ((await lifted.json()) as { member: { restriction?: unknown } }).member.restriction,
    ).toBeUndefined();
    expect(dc.groups.sendMessage({ fromUserId: bob.id, chatId: supergroup.id, text: 'free' })).toMatchObject({
      text: 'free',
    });
  });

  it('send_inline refuses inline results (CHAT_SEND_INLINE_FORBIDDEN)', async () => {
    dc.groups.restrict({ chatId: supergroup.id, userId: bob.id, rights: ['send_inline'] });
    const results = dc.bots.inlineQuery({
      userId: bob.id,
      botId: dc.defaultBot.id,
      query: 'q',
      timeoutMs: 5000,
    });
    const query = await nextInnerUpdate(
      adminUpdates,
      'updateBotInlineQuery',
      (each) => each.user_id === bob.id,
    );
    await admin.invoke({
      _: 'messages.setInlineBotResults',
      query_id: query.query_id,
      results: [
        {
          _: 'inputBotInlineResult',
          id: '1',
          type: 'article',
          title: 'One',
          send_message: { _: 'inputBotInlineMessageText', message: 'via the bot' },
        },
      ],
      cache_time: 0,
    });
    await results;
    const send = () =>
      dc.bots.sendInlineResult({
        userId: bob.id,
        peerId: supergroup.id,
        queryId: query.query_id,
        resultId: '1',
      });
    expect(send).toThrow(expect.objectContaining({ text: 'CHAT_SEND_INLINE_FORBIDDEN', code: 403 }));
    // A plain text still goes; lifted, the result goes too.
    expect(dc.groups.sendMessage({ fromUserId: bob.id, chatId: supergroup.id, text: 'typed' })).toMatchObject(
      {
        text: 'typed',
      },
    );
    dc.groups.restrict({ chatId: supergroup.id, userId: bob.id, rights: [] });
    expect(send()).toMatchObject({ text: 'via the bot', viaBotId: dc.defaultBot.id });
  });

  it('lists restricted members under channelParticipantsBanned and counts them in banned_count', async () => {
    await editBanned({ send_media: true, send_inline: true, until_date: 0 });
    const participants = async (filter: Api.TypeChannelParticipantsFilter) =>
      (await admin.invoke({
        _: 'channels.getParticipants',
        channel: channelInput(),
        filter,
        offset: 0,
        limit: 10,
        hash: 0n,
      })) as Api.ChannelsChannelParticipants;
    const listed = await participants({ _: 'channelParticipantsBanned', q: '' });
    expect(listed.count).toBe(1);
    expect(listed.participants).toEqual([
      expect.objectContaining({
        _: 'channelParticipantBanned',
        peer: { _: 'peerUser', user_id: memberBot.id },
        banned_rights: expect.objectContaining({ send_media: true, send_inline: true }),
      }),
    ]);
    const kicked = await participants({ _: 'channelParticipantsKicked', q: '' });
    expect(kicked.count).toBe(0);
    const full = (await admin.invoke({
      _: 'channels.getFullChannel',
      channel: channelInput(),
    })) as Api.MessagesChatFull;
    expect(full.full_chat).toMatchObject({ banned_count: 1, kicked_count: 0 });
    // The restricted bot sees its own rights on the channel.
    const seen = (await member.invoke({
      _: 'channels.getChannels',
      id: [channelInput()],
    })) as Api.MessagesChats;
    expect(seen.chats[0]).toMatchObject({ banned_rights: { send_media: true, send_inline: true } });
  });

  it('ends at until_date: sends go through again and getParticipant shows a plain member', async () => {
    const now = Math.floor(clock.now() / 1000);
    await editBanned({ send_messages: true, until_date: now + 60 });
    expect(await getParticipant()).toMatchObject({
      _: 'channelParticipantBanned',
      banned_rights: { send_messages: true, until_date: now + 60 },
    });
    await expect(sendText()).rejects.toEqual(rpcErrorOf('CHAT_WRITE_FORBIDDEN', 403));
    clock.skewMs += 61_000;
    await expect(sendText('after the restriction')).resolves.toMatchObject({ _: 'updates' });
    expect(await getParticipant()).toEqual({
      _: 'channelParticipant',
      user_id: memberBot.id,
      date: expect.any(Number),
    });
  });

  it('keeps an until_date under 30 s or over 366 days away as forever (0), and a timed ban ends too', async () => {
    const now = Math.floor(clock.now() / 1000);
    await editBanned({ send_messages: true, until_date: now + 10 });
    expect(await getParticipant()).toMatchObject({ banned_rights: { until_date: 0 } });
    await editBanned({ send_messages: true, until_date: now + 400 * 24 * 3600 });
    expect(await getParticipant()).toMatchObject({ banned_rights: { until_date: 0 } });
    await editBanned({ until_date: 0 });
    const update = await participantUpdate(
      (each) => each.user_id === memberBot.id && each.new_participant?._ === 'channelParticipant',
    );
    expect(update.prev_participant).toMatchObject({ _: 'channelParticipantBanned' });

    const bobPeer: Api.TypeInputPeer = { _: 'inputPeerUser', user_id: bob.id, access_hash: bob.accessHash };
    await editBanned({ view_messages: true, until_date: now + 120 }, bobPeer);
    expect(() => dc.groups.join({ chatId: supergroup.id, userId: bob.id })).toThrow(
      expect.objectContaining({ text: 'USER_BANNED_IN_CHANNEL' }),
    );
    clock.skewMs += 121_000;
    expect(dc.groups.join({ chatId: supergroup.id, userId: bob.id })).toMatchObject({ role: 'member' });
  });

  it('refuses a restriction of a non-member with USER_NOT_PARTICIPANT', async () => {
    const carol = dc.createUser({ firstName: 'Carol' });
    const carolPeer: Api.TypeInputPeer = {
      _: 'inputPeerUser',
      user_id: carol.id,
      access_hash: carol.accessHash,
    };
    await expect(editBanned({ send_messages: true, until_date: 0 }, carolPeer)).rejects.toEqual(
      rpcErrorOf('USER_NOT_PARTICIPANT', 400),
    );
  });
});
