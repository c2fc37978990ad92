/**
 * Replies in basic groups and supergroups (core.telegram.org/api/threads#replies): each copy names
 * the replied message by its own id, and a bot in privacy mode sees replies to its own messages.
 */
import type { Api, MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { UserRecord } from '../src/world/records';
import { createClient, loginBot, nextInnerUpdate, rpcErrorOf, UpdateCollector } from './local-dc-harness';

describe('replies in groups', () => {
  let dc: LocalDc;
  let alice: UserRecord;
  let bob: UserRecord;
  let bot: MtprotoClient;
  let collector: UpdateCollector;
  const botId = (): bigint => dc.defaultBot.id;
  const replyTo = (id: number): Api.InputReplyToMessage => ({
    _: 'inputReplyToMessage',
    reply_to_msg_id: id,
  });

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false });
    alice = dc.createUser({ firstName: 'Alice' });
    bob = dc.createUser({ firstName: 'Bob' });
    bot = createClient(dc);
    collector = new UpdateCollector(bot);
    await loginBot(bot, dc.info.botToken);
  });

  afterAll(async () => {
    await bot.close();
    await dc.stop();
  });

  it('basic group: the privacy-mode bot sees a reply to its message, with its own ids on both sides', async () => {
    const group = dc.groups.createGroup({ creatorId: alice.id, title: 'Q&A', memberIds: [bob.id, botId()] });
    const peer: Api.TypeInputPeer = { _: 'inputPeerChat', chat_id: group.id };
    const asked = (await bot.invoke({
      _: 'messages.sendMessage',
      peer,
      message: 'What is your name?',
      random_id: 1n,
    })) as Api.UpdateShortSentMessage;
    const inAlicesBox = dc.groups.history(group.id, alice.id).at(-1)!;
    expect(inAlicesBox.text).toBe('What is your name?');

    dc.groups.sendMessage({ fromUserId: bob.id, chatId: group.id, text: 'chatter' });
    dc.groups.sendMessage({
      fromUserId: alice.id,
      chatId: group.id,
      text: 'Alice',
      replyToMessageId: inAlicesBox.id,
    });
    const answer = await collector.next(
      (update): update is Api.UpdateShortChatMessage =>
        update._ === 'updateShortChatMessage' && update.message === 'Alice',
    );
    expect(answer).toMatchObject({
      chat_id: group.id,
      from_id: alice.id,
      reply_to: { _: 'messageReplyHeader', reply_to_msg_id: asked.id },
    });
    // Privacy mode: Bob's plain chatter never reached the bot.
    expect(
      collector.received.some(
        (update) => update._ === 'updateShortChatMessage' && update.message === 'chatter',
      ),
    ).toBe(false);

    // The bot replies to Alice's answer by its own id of it; Alice's copy names her own id.
    await bot.invoke({
      _: 'messages.sendMessage',
      peer,
      message: 'Hello, Alice',
      random_id: 2n,
      reply_to: replyTo(answer.id),
    });
    const history = dc.groups.history(group.id, alice.id);
    const alicesAnswer = history.find((message) => message.text === 'Alice')!;
    expect(history.at(-1)).toMatchObject({ text: 'Hello, Alice', replyToMessageId: alicesAnswer.id });
    const got = (await bot.invoke({
      _: 'messages.getMessages',
      id: [{ _: 'inputMessageID', id: answer.id }],
    })) as Api.MessagesMessages;
    expect(got.messages[0]).toMatchObject({ reply_to: { reply_to_msg_id: asked.id } });

    await expect(
      bot.invoke({ _: 'messages.sendMessage', peer, message: 'x', random_id: 3n, reply_to: replyTo(99_999) }),
    ).rejects.toEqual(rpcErrorOf('REPLY_MESSAGE_ID_INVALID', 400));
    expect(() =>
      dc.groups.sendMessage({ fromUserId: alice.id, chatId: group.id, text: 'x', replyToMessageId: 99_999 }),
    ).toThrow(expect.objectContaining({ text: 'REPLY_MESSAGE_ID_INVALID' }));
  });

  it('supergroup: replies carry the channel message id, and the bot sees replies to its posts', async () => {
    const supergroup = dc.groups.createSupergroup({
      creatorId: alice.id,
      title: 'Big',
      memberIds: [botId()],
    });
    const peer: Api.TypeInputPeer = {
      _: 'inputPeerChannel',
      channel_id: supergroup.id,
      access_hash: supergroup.accessHash,
    };
    const sent = (await bot.invoke({
      _: 'messages.sendMessage',
      peer,
      message: 'Vote?',
      random_id: 4n,
    })) as Api.Updates;
    const posted = sent.updates.find((update) => update._ === 'updateMessageID') as Api.UpdateMessageID;
    const control = await fetch(`${dc.info.controlUrl}/groups/messages`, {
      method: 'POST',
      body: JSON.stringify({
        fromUserId: alice.id.toString(),
        chatId: supergroup.id.toString(),
        text: 'yes',
        replyToMessageId: posted.id,
      }),
    });
    expect(control.status).toBe(201);
    expect(await control.json()).toMatchObject({ message: { text: 'yes', replyToMessageId: posted.id } });
    const pushed = await nextInnerUpdate(
      collector,
      'updateNewChannelMessage',
      (each) => (each.message as Api.Message).message === 'yes',
    );
    const message = pushed.message as Api.Message;
    expect(message.reply_to).toMatchObject({ _: 'messageReplyHeader', reply_to_msg_id: posted.id });

    const replied = (await bot.invoke({
      _: 'messages.sendMessage',
      peer,
      message: 'counted',
      random_id: 5n,
      reply_to: replyTo(message.id),
    })) as Api.Updates;
    const own = replied.updates.find(
      (update) => update._ === 'updateNewChannelMessage',
    ) as Api.UpdateNewChannelMessage;
    expect((own.message as Api.Message).reply_to).toMatchObject({
      _: 'messageReplyHeader',
      reply_to_msg_id: message.id,
    });
    await expect(
      bot.invoke({ _: 'messages.sendMessage', peer, message: 'x', random_id: 6n, reply_to: replyTo(12345) }),
    ).rejects.toEqual(rpcErrorOf('REPLY_MESSAGE_ID_INVALID', 400));
  });
});
