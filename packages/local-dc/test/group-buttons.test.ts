/**
 * Inline keyboards and callback queries in basic groups, supergroups and channels, and inline queries
 * typed in groups (core.telegram.org/api/bots/buttons, /api/bots/inline): the buttons come back with
 * the message; a member's press reaches the bot as updateBotCallbackQuery with the chat as peer and the
 * bot's own message id, and the member gets the bot's answer.
 */
import type { Api, MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { UserRecord } from '../src/world/records';
import { createClient, loginBot, nextInnerUpdate, rpcErrorOf, UpdateCollector } from './local-dc-harness';

const keyboard: Api.ReplyInlineMarkup = {
  _: 'replyInlineMarkup',
  rows: [
    {
      _: 'keyboardButtonRow',
      buttons: [{ _: 'keyboardButtonCallback', text: 'Up', data: new TextEncoder().encode('vote:up') }],
    },
  ],
};

describe('buttons and inline queries in groups', () => {
  let dc: LocalDc;
  let alice: UserRecord;
  let bot: MtprotoClient;
  let collector: UpdateCollector;
  let randomId = 1n;
  const botId = (): bigint => dc.defaultBot.id;

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false });
    alice = dc.createUser({ firstName: 'Alice' });
    bot = createClient(dc);
    collector = new UpdateCollector(bot);
    await loginBot(bot, dc.info.botToken);
  });

  afterAll(async () => {
    await bot.close();
    await dc.stop();
  });

  /** Answers the next callback query with `text`, once it arrives; resolves with the query. */
  async function answerNextQuery(text: string): Promise<Api.UpdateBotCallbackQuery> {
    const query = await nextInnerUpdate(
      collector,
      'updateBotCallbackQuery',
      (each) => !answered.has(each.query_id),
    );
    answered.add(query.query_id);
    await bot.invoke({
      _: 'messages.setBotCallbackAnswer',
      query_id: query.query_id,
      message: text,
      cache_time: 0,
    });
    return query;
  }
  const answered = new Set<bigint>();
  const seenInline = new Set<bigint>();

  it('basic group: buttons on the message; a press names the chat and the bot’s own id', async () => {
    const group = dc.groups.createGroup({ creatorId: alice.id, title: 'Polls', memberIds: [botId()] });
    const sent = (await bot.invoke({
      _: 'messages.sendMessage',
      peer: { _: 'inputPeerChat', chat_id: group.id },
      message: 'Vote',
      random_id: randomId++,
      reply_markup: keyboard,
    })) as Api.UpdateShortSentMessage;
    const got = (await bot.invoke({
      _: 'messages.getMessages',
      id: [{ _: 'inputMessageID', id: sent.id }],
    })) as Api.MessagesMessages;
    expect(got.messages[0]).toMatchObject({ reply_markup: keyboard });
    const inAlicesBox = dc.groups.history(group.id, alice.id).at(-1)!;

    const pressed = dc.bots.pressButton({
      userId: alice.id,
      chatId: group.id,
      messageId: inAlicesBox.id,
      data: 'vote:up',
    });
    const query = await answerNextQuery('counted');
    expect(query).toMatchObject({
      user_id: alice.id,
      peer: { _: 'peerChat', chat_id: group.id },
      msg_id: sent.id,
      data: new TextEncoder().encode('vote:up'),
    });
    expect(await pressed).toMatchObject({ message: 'counted', alert: false });

    // chat_instance is the same for every press in the chat, and differs from the private chat's.
    const again = dc.bots.pressButton({ userId: alice.id, chatId: group.id, messageId: inAlicesBox.id });
    const second = await answerNextQuery('again');
    await again;
    expect(second.chat_instance).toBe(query.chat_instance);

    expect(() =>
      dc.bots.pressButton({ userId: alice.id, chatId: group.id, messageId: inAlicesBox.id, data: 'nope' }),
    ).toThrow(expect.objectContaining({ text: 'DATA_INVALID' }));
    const outsider = dc.createUser({ firstName: 'Mallory' });
    expect(() =>
      dc.bots.pressButton({
        userId: outsider.id,
        chatId: group.id,
        messageId: inAlicesBox.id,
        data: 'vote:up',
      }),
    ).toThrow(expect.objectContaining({ text: 'PEER_ID_INVALID' }));
  });

  it('supergroup and channel: the press names the channel and its message id (control API too)', async () => {
    const supergroup = dc.groups.createSupergroup({
      creatorId: alice.id,
      title: 'Big',
      memberIds: [botId()],
    });
    const channel = dc.groups.createChannel({
      creatorId: alice.id,
      title: 'News',
      admins: [{ userId: botId() }],
    });
    for (const chat of [supergroup, channel]) {
      const sent = (await bot.invoke({
        _: 'messages.sendMessage',
        peer: { _: 'inputPeerChannel', channel_id: chat.id, access_hash: chat.accessHash },
        message: 'Vote',
        random_id: randomId++,
        reply_markup: keyboard,
      })) as Api.Updates;
      const own = sent.updates.find(
        (each) => each._ === 'updateNewChannelMessage',
      ) as Api.UpdateNewChannelMessage;
      expect(own.message).toMatchObject({ reply_markup: keyboard });
      const response = fetch(`${dc.info.controlUrl}/callback-queries`, {
        method: 'POST',
        body: JSON.stringify({
          userId: alice.id.toString(),
          chatId: chat.id.toString(),
          messageId: own.message.id,
          row: 0,
          column: 0,
        }),
      });
      const query = await answerNextQuery(`ok ${chat.title}`);
      expect(query).toMatchObject({
        peer: { _: 'peerChannel', channel_id: chat.id },
        msg_id: own.message.id,
      });
      const answer = await response;
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ answer: { message: `ok ${chat.title}` } });
    }
    const both = await fetch(`${dc.info.controlUrl}/callback-queries`, {
      method: 'POST',
      body: JSON.stringify({ userId: alice.id.toString(), chatId: '1', botId: '2', messageId: 1 }),
    });
    expect(both.status).toBe(400);
  });

  it('edits buttons in a supergroup: new ones, markup-only edits, removal, MESSAGE_NOT_MODIFIED', async () => {
    const supergroup = dc.groups.createSupergroup({
      creatorId: alice.id,
      title: 'Edits',
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
      message: 'Vote',
      random_id: randomId++,
      reply_markup: keyboard,
    })) as Api.Updates;
    const id = (sent.updates[0] as Api.UpdateMessageID).id;
    const other: Api.ReplyInlineMarkup = {
      _: 'replyInlineMarkup',
      rows: [
        {
          _: 'keyboardButtonRow',
          buttons: [
            { _: 'keyboardButtonCallback', text: 'Down', data: new TextEncoder().encode('vote:down') },
          ],
        },
      ],
    };
    const edited = (await bot.invoke({
      _: 'messages.editMessage',
      peer,
      id,
      reply_markup: other,
    })) as Api.Updates;
    expect((edited.updates[0] as Api.UpdateEditChannelMessage).message).toMatchObject({
      message: 'Vote',
      reply_markup: other,
    });
    await expect(bot.invoke({ _: 'messages.editMessage', peer, id, reply_markup: other })).rejects.toEqual(
      rpcErrorOf('MESSAGE_NOT_MODIFIED', 400),
    );
    expect(() =>
      dc.bots.pressButton({ userId: alice.id, chatId: supergroup.id, messageId: id, data: 'vote:up' }),
    ).toThrow(expect.objectContaining({ text: 'DATA_INVALID' }));
    // A new text without reply_markup removes the inline keyboard, as Telegram does.
    const plain = (await bot.invoke({
      _: 'messages.editMessage',
      peer,
      id,
      message: 'Closed',
    })) as Api.Updates;
    expect((plain.updates[0] as Api.UpdateEditChannelMessage).message).toMatchObject({
      message: 'Closed',
      reply_markup: undefined,
    });
    await expect(
      bot.invoke({ _: 'messages.editMessage', peer, id, reply_markup: { _: 'replyKeyboardHide' } }),
    ).rejects.toEqual(rpcErrorOf('REPLY_MARKUP_INVALID', 400));
  });

  it('an inline query typed in a group says which kind of chat it is', async () => {
    const group = dc.groups.createGroup({ creatorId: alice.id, title: 'Inline', memberIds: [] });
    const supergroup = dc.groups.createSupergroup({ creatorId: alice.id, title: 'Inline 2' });
    const channel = dc.groups.createChannel({ creatorId: alice.id, title: 'Inline 3' });
    const expected = [
      [group.id, 'inlineQueryPeerTypeChat'],
      [supergroup.id, 'inlineQueryPeerTypeMegagroup'],
      [channel.id, 'inlineQueryPeerTypeBroadcast'],
    ] as const;
    for (const [peerId, peerType] of expected) {
      const results = dc.bots.inlineQuery({
        userId: alice.id,
        botId: botId(),
        query: 'cats',
        peerId,
        timeoutMs: 5000,
      });
      const query = await nextInnerUpdate(
        collector,
        'updateBotInlineQuery',
        (each) => each.peer_type?._ === peerType,
      );
      await bot.invoke({
        _: 'messages.setInlineBotResults',
        query_id: query.query_id,
        results: [],
        cache_time: 0,
      });
      await expect(results).resolves.toMatchObject({ results: [] });
    }
    const stranger = dc.createUser({ firstName: 'Stranger' });
    // Thrown at once (or rejected): either way the query never reaches the bot.
    await expect(
      Promise.resolve().then(() =>
        dc.bots.inlineQuery({ userId: stranger.id, botId: botId(), query: 'x', peerId: group.id }),
      ),
    ).rejects.toMatchObject({ text: 'PEER_ID_INVALID' });
  });

  it('a user sends an inline result into a basic group and a supergroup: via_bot_id, buttons kept', async () => {
    const group = dc.groups.createGroup({ creatorId: alice.id, title: 'Via', memberIds: [botId()] });
    const supergroup = dc.groups.createSupergroup({
      creatorId: alice.id,
      title: 'Via 2',
      memberIds: [botId()],
    });
    for (const chat of [group, supergroup]) {
      const results = dc.bots.inlineQuery({
        userId: alice.id,
        botId: botId(),
        query: 'poll',
        peerId: chat.id,
      });
      const query = await nextInnerUpdate(
        collector,
        'updateBotInlineQuery',
        (each) => each.query === 'poll' && !seenInline.has(each.query_id),
      );
      seenInline.add(query.query_id);
      await bot.invoke({
        _: 'messages.setInlineBotResults',
        query_id: query.query_id,
        results: [
          {
            _: 'inputBotInlineResult',
            id: 'p',
            type: 'article',
            title: 'Poll',
            send_message: { _: 'inputBotInlineMessageText', message: 'Vote now', reply_markup: keyboard },
          },
        ],
        cache_time: 0,
      });
      const { queryId } = await results;
      const response = await fetch(`${dc.info.controlUrl}/inline-queries/send`, {
        method: 'POST',
        body: JSON.stringify({
          userId: alice.id.toString(),
          peerId: chat.id.toString(),
          queryId: queryId.toString(),
          resultId: 'p',
        }),
      });
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({
        message: { text: 'Vote now', viaBotId: botId().toString() },
      });
    }
    // The bot sees the message sent via it (it is the one addressed), buttons and all.
    const inChannel = await nextInnerUpdate(
      collector,
      'updateNewChannelMessage',
      (each) => (each.message as Api.Message).message === 'Vote now',
    );
    expect(inChannel.message).toMatchObject({ via_bot_id: botId(), reply_markup: keyboard });
    const inGroup = await nextInnerUpdate(
      collector,
      'updateNewMessage',
      (each) => (each.message as Api.Message).message === 'Vote now',
    );
    expect(inGroup.message).toMatchObject({
      via_bot_id: botId(),
      peer_id: { _: 'peerChat', chat_id: group.id },
    });
  });
});
