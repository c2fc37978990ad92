/**
 * messages.sendMedia to basic groups, supergroups and channels, and media forwarded from them: the
 * medium comes back with the message (updates, getMessages, the pushed update) and downloads intact.
 */
import type { Api, MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { UserRecord } from '../src/world/records';
import { createClient, loginBot, rpcErrorOf } from './local-dc-harness';

describe('media in groups and channels', () => {
  let dc: LocalDc;
  let alice: UserRecord;
  let bot: MtprotoClient;
  let randomId = 1n;
  let fileId = 1n;
  const botId = (): bigint => dc.defaultBot.id;
  const bytes = Uint8Array.from({ length: 6000 }, (_, index) => (index * 7) % 251);

  /** Uploads `bytes` as one part; the document input for it. */
  async function upload(): Promise<Api.InputMediaUploadedDocument> {
    const id = fileId++;
    await bot.invoke({ _: 'upload.saveFilePart', file_id: id, file_part: 0, bytes });
    return {
      _: 'inputMediaUploadedDocument',
      file: { _: 'inputFile', id, parts: 1, name: 'data.bin', md5_checksum: '' },
      mime_type: 'application/octet-stream',
      attributes: [],
    };
  }

  async function download(document: Api.Document): Promise<Uint8Array> {
    const file = (await bot.invoke({
      _: 'upload.getFile',
      location: {
        _: 'inputDocumentFileLocation',
        id: document.id,
        access_hash: document.access_hash,
        file_reference: document.file_reference,
        thumb_size: '',
      },
      offset: 0n,
      limit: 1024 * 1024,
    })) as Api.UploadFile;
    return file.bytes;
  }

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false });
    alice = dc.createUser({ firstName: 'Alice' });
    bot = createClient(dc);
    await loginBot(bot, dc.info.botToken);
  });

  afterAll(async () => {
    await bot.close();
    await dc.stop();
  });

  it('sends a document to a supergroup and a basic group, with a caption', async () => {
    const supergroup = dc.groups.createSupergroup({
      creatorId: alice.id,
      title: 'Files',
      memberIds: [botId()],
    });
    const group = dc.groups.createGroup({ creatorId: alice.id, title: 'Small', memberIds: [botId()] });
    const peers: Api.TypeInputPeer[] = [
      { _: 'inputPeerChannel', channel_id: supergroup.id, access_hash: supergroup.accessHash },
      { _: 'inputPeerChat', chat_id: group.id },
    ];
    for (const peer of peers) {
      const result = (await bot.invoke({
        _: 'messages.sendMedia',
        peer,
        media: await upload(),
        message: 'the data',
        random_id: randomId++,
      })) as Api.Updates;
      expect(result.updates[0]).toMatchObject({ _: 'updateMessageID' });
      const update = result.updates[1] as Api.UpdateNewChannelMessage | Api.UpdateNewMessage;
      expect(update._).toBe(peer._ === 'inputPeerChat' ? 'updateNewMessage' : 'updateNewChannelMessage');
      const message = update.message as Api.Message;
      expect(message).toMatchObject({ message: 'the data', media: { _: 'messageMediaDocument' } });
      const document = (message.media as Api.MessageMediaDocument).document as Api.Document;
      expect(await download(document)).toEqual(bytes);
    }
    // Alice's basic-group copy has it too.
    const copy = dc.world.box(alice.id).history(group.id).at(-1)!;
    expect(copy.media).toMatchObject({ kind: 'document' });
    expect(dc.groups.history(supergroup.id).at(-1)).toMatchObject({ text: 'the data' });
  });

  it('keeps the entities of a caption, the buttons and the message replied to, in a private chat and a group', async () => {
    const group = dc.groups.createGroup({ creatorId: alice.id, title: 'Styled', memberIds: [botId()] });
    const question = dc.sendUserMessage({ fromUserId: alice.id, toUserId: botId(), text: 'a file please' });
    const keyboard: Api.ReplyInlineMarkup = {
      _: 'replyInlineMarkup',
      rows: [
        {
          _: 'keyboardButtonRow',
          buttons: [{ _: 'keyboardButtonCallback', text: 'Again', data: new TextEncoder().encode('again') }],
        },
      ],
    };
    const bold: Api.TypeMessageEntity[] = [{ _: 'messageEntityBold', offset: 4, length: 4 }];
    const privatePeer: Api.TypeInputPeer = {
      _: 'inputPeerUser',
      user_id: alice.id,
      access_hash: alice.accessHash,
    };
    const botQuestionId = dc
      .history(botId(), alice.id)
      .find((message) => message.text === 'a file please')!.id;
    await bot.invoke({
      _: 'messages.sendMedia',
      peer: privatePeer,
      media: await upload(),
      message: 'the data',
      entities: bold,
      reply_markup: keyboard,
      reply_to: { _: 'inputReplyToMessage', reply_to_msg_id: botQuestionId },
      random_id: randomId++,
    });
    const received = dc.history(alice.id, botId()).at(-1)!;
    expect(received).toMatchObject({ text: 'the data', entities: bold, replyToMessageId: question.id });
    expect(received.media).toMatchObject({ kind: 'document' });
    expect(received.replyMarkup).toMatchObject({ _: 'replyInlineMarkup' });
    await expect(
      dc.bots.pressButton({
        userId: alice.id,
        botId: botId(),
        messageId: received.id,
        row: 0,
        column: 0,
        timeoutMs: 50,
      }),
    ).rejects.toMatchObject({ type: 'BOT_RESPONSE_TIMEOUT' });

    await bot.invoke({
      _: 'messages.sendMedia',
      peer: { _: 'inputPeerChat', chat_id: group.id },
      media: await upload(),
      message: 'the data',
      entities: bold,
      reply_markup: keyboard,
      random_id: randomId++,
    });
    const inGroup = dc.world.box(alice.id).history(group.id).at(-1)!;
    expect(inGroup).toMatchObject({ text: 'the data', entities: bold });
    expect(inGroup.replyMarkup).toMatchObject({ _: 'replyInlineMarkup' });
  });

  it('forwards a channel document to a private chat, and refuses a send where the bot may not post', async () => {
    const channel = dc.groups.createChannel({
      creatorId: alice.id,
      title: 'Docs',
      admins: [{ userId: botId() }],
    });
    const channelPeer: Api.TypeInputPeer = {
      _: 'inputPeerChannel',
      channel_id: channel.id,
      access_hash: channel.accessHash,
    };
    const posted = (await bot.invoke({
      _: 'messages.sendMedia',
      peer: channelPeer,
      media: await upload(),
      message: '',
      random_id: randomId++,
    })) as Api.Updates;
    const postId = (posted.updates[0] as Api.UpdateMessageID).id;
    const forwarded = (await bot.invoke({
      _: 'messages.forwardMessages',
      from_peer: channelPeer,
      id: [postId],
      random_id: [randomId++],
      to_peer: { _: 'inputPeerUser', user_id: alice.id, access_hash: alice.accessHash },
    })) as Api.Updates;
    const copy = (forwarded.updates.find((each) => each._ === 'updateNewMessage') as Api.UpdateNewMessage)
      .message as Api.Message;
    expect(copy).toMatchObject({
      media: { _: 'messageMediaDocument' },
      fwd_from: { from_id: { _: 'peerChannel', channel_id: channel.id } },
    });

    const closed = dc.groups.createChannel({ creatorId: alice.id, title: 'Closed', memberIds: [botId()] });
    const media = await upload();
    await expect(
      bot.invoke({
        _: 'messages.sendMedia',
        peer: { _: 'inputPeerChannel', channel_id: closed.id, access_hash: closed.accessHash },
        media,
        message: '',
        random_id: randomId++,
      }),
    ).rejects.toEqual(rpcErrorOf('CHAT_ADMIN_REQUIRED', 400));
    await expect(
      bot.invoke({
        _: 'messages.sendMedia',
        peer: channelPeer,
        media: { ...media },
        message: 'x'.repeat(1025),
        random_id: randomId++,
      }),
    ).rejects.toEqual(rpcErrorOf('MEDIA_CAPTION_TOO_LONG', 400));
  });
});
