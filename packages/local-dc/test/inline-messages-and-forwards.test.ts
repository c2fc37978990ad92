/**
 * Messages sent via inline mode with buttons (core.telegram.org/api/bots/inline): a press reaches the
 * bot as updateInlineBotCallbackQuery with the inline message id, and messages.editInlineBotMessage
 * edits the message by that id, in chats the bot is not in. Also messages.forwardMessages with
 * drop_author and drop_media_captions. All over real sockets.
 */
import type { Api, MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { ChannelRecord } from '../src/world/group-records';
import type { UserRecord } from '../src/world/records';
import { createClient, loginBot, nextInnerUpdate, rpcErrorOf, UpdateCollector } from './local-dc-harness';

const keyboard = (data: string): Api.ReplyInlineMarkup => ({
  _: 'replyInlineMarkup',
  rows: [
    {
      _: 'keyboardButtonRow',
      buttons: [{ _: 'keyboardButtonCallback', text: 'Vote', data: new TextEncoder().encode(data) }],
    },
  ],
});

describe('inline messages with buttons, and forwards without author or captions', () => {
  let dc: LocalDc;
  let alice: UserRecord;
  let bob: UserRecord;
  let bot: MtprotoClient;
  let updates: UpdateCollector;
  let supergroup: ChannelRecord;

  /** Alice sends the bot's inline result (a text with a Vote button) to `peerId`. */
  async function sendViaBot(peerId: bigint, text: string) {
    const results = dc.bots.inlineQuery({
      userId: alice.id,
      botId: dc.defaultBot.id,
      query: text,
      timeoutMs: 5000,
    });
    const query = await nextInnerUpdate(updates, 'updateBotInlineQuery', (update) => update.query === text);
    await bot.invoke({
      _: 'messages.setInlineBotResults',
      query_id: query.query_id,
      results: [
        {
          _: 'inputBotInlineResult',
          id: 'poll',
          type: 'article',
          title: 'Poll',
          send_message: {
            _: 'inputBotInlineMessageText',
            message: text,
            reply_markup: keyboard(`vote:${text}`),
          },
        },
      ],
      cache_time: 0,
    });
    await results;
    return dc.bots.sendInlineResult({ userId: alice.id, peerId, queryId: query.query_id, resultId: 'poll' });
  }

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false });
    alice = dc.createUser({ firstName: 'Alice' });
    bob = dc.createUser({ firstName: 'Bob' });
    bot = createClient(dc);
    updates = new UpdateCollector(bot);
    await loginBot(bot, dc.info.botToken);
    // A supergroup the bot is not in.
    supergroup = dc.groups.createSupergroup({ creatorId: alice.id, title: 'No bots', memberIds: [bob.id] });
  });

  afterAll(async () => {
    await bot.close();
    await dc.stop();
  });

  it('a press in a private chat between users reaches the bot as updateInlineBotCallbackQuery; it edits by that id', async () => {
    const sent = await sendViaBot(bob.id, 'cats?');
    const bobsCopy = dc.history(bob.id, alice.id).at(-1)!;
    expect(bobsCopy).toMatchObject({ text: 'cats?', viaBotId: dc.defaultBot.id });
    const pressed = dc.bots.pressButton({
      userId: bob.id,
      peerId: alice.id,
      messageId: bobsCopy.id,
      timeoutMs: 5000,
    });
    const press = await nextInnerUpdate(updates, 'updateInlineBotCallbackQuery');
    expect(press).toMatchObject({
      user_id: bob.id,
      msg_id: { _: 'inputBotInlineMessageID', dc_id: dc.info.dcId },
      data: new TextEncoder().encode('vote:cats?'),
    });
    await bot.invoke({
      _: 'messages.setBotCallbackAnswer',
      query_id: press.query_id,
      message: 'Counted',
      cache_time: 0,
    });
    await expect(pressed).resolves.toMatchObject({ message: 'Counted' });

    // Alice presses her own copy: the same inline message, the same chat_instance.
    const again = dc.bots.pressButton({
      userId: alice.id,
      peerId: bob.id,
      messageId: sent.id,
      timeoutMs: 5000,
    });
    const second = await nextInnerUpdate(
      updates,
      'updateInlineBotCallbackQuery',
      (each) => each.user_id === alice.id,
    );
    expect(second.msg_id).toEqual(press.msg_id);
    expect(second.chat_instance).toBe(press.chat_instance);
    await bot.invoke({ _: 'messages.setBotCallbackAnswer', query_id: second.query_id, cache_time: 0 });
    await again;

    const edit = () =>
      bot.invoke({
        _: 'messages.editInlineBotMessage',
        id: press.msg_id,
        message: 'cats! (2 votes)',
        reply_markup: keyboard('vote:again'),
      });
    await expect(edit()).resolves.toBe(true);
    expect(dc.history(bob.id, alice.id).at(-1)).toMatchObject({
      text: 'cats! (2 votes)',
      editDate: expect.any(Number),
    });
    expect(dc.history(alice.id, bob.id).at(-1)).toMatchObject({ text: 'cats! (2 votes)' });
    await expect(edit()).rejects.toEqual(rpcErrorOf('MESSAGE_NOT_MODIFIED', 400));

    // The control API presses it too, naming the private chat by "peerId".
    const controlPress = fetch(`${dc.info.controlUrl}/callback-queries`, {
      method: 'POST',
      body: JSON.stringify({
        userId: bob.id.toString(),
        peerId: alice.id.toString(),
        messageId: bobsCopy.id,
      }),
    });
    const third = await nextInnerUpdate(
      updates,
      'updateInlineBotCallbackQuery',
      (each) => new TextDecoder().decode(each.data) === 'vote:again',
    );
    await bot.invoke({
      _: 'messages.setBotCallbackAnswer',
      query_id: third.query_id,
      message: 'again',
      cache_time: 0,
    });
    const answered = await controlPress;
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({ answer: { message: 'again' } });
    const both = await fetch(`${dc.info.controlUrl}/callback-queries`, {
      method: 'POST',
      body: JSON.stringify({
        userId: bob.id.toString(),
        peerId: alice.id.toString(),
        botId: dc.defaultBot.id.toString(),
        messageId: bobsCopy.id,
      }),
    });
    expect(both.status).toBe(400);
    const forged = { ...(press.msg_id as Api.InputBotInlineMessageID), access_hash: 1n };
    await expect(
      bot.invoke({ _: 'messages.editInlineBotMessage', id: forged, message: 'x' }),
    ).rejects.toEqual(rpcErrorOf('MESSAGE_ID_INVALID', 400));
  });

  it('works the same in a supergroup the bot is not in', async () => {
    const sent = await sendViaBot(supergroup.id, 'dogs?');
    const pressed = dc.bots.pressButton({
      userId: bob.id,
      chatId: supergroup.id,
      messageId: sent.id,
      timeoutMs: 5000,
    });
    const press = await nextInnerUpdate(
      updates,
      'updateInlineBotCallbackQuery',
      (each) => each.user_id === bob.id && new TextDecoder().decode(each.data) === 'vote:dogs?',
    );
    await bot.invoke({ _: 'messages.setBotCallbackAnswer', query_id: press.query_id, cache_time: 0 });
    await pressed;
    await bot.invoke({ _: 'messages.editInlineBotMessage', id: press.msg_id, message: 'dogs! (1 vote)' });
    expect(dc.groups.history(supergroup.id).at(-1)).toMatchObject({ text: 'dogs! (1 vote)' });
    // The bot cannot edit the message by its channel id: it is Alice's, in a channel the bot is not in.
    await expect(
      bot.invoke({
        _: 'messages.editMessage',
        peer: { _: 'inputPeerChannel', channel_id: supergroup.id, access_hash: supergroup.accessHash },
        id: sent.id,
        message: 'nope',
      }),
    ).rejects.toEqual(rpcErrorOf('CHANNEL_PRIVATE', 400));
  });

  it('forwards with drop_author (no fwd_from) and drop_media_captions (no caption)', async () => {
    const alicePeer: Api.TypeInputPeer = {
      _: 'inputPeerUser',
      user_id: alice.id,
      access_hash: alice.accessHash,
    };
    const bobPeer: Api.TypeInputPeer = { _: 'inputPeerUser', user_id: bob.id, access_hash: bob.accessHash };
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: 'forward me' });
    dc.sendUserDocument({
      fromUserId: alice.id,
      toUserId: dc.defaultBot.id,
      bytes: new Uint8Array(64).fill(3),
      caption: 'a caption',
    });
    const [text, document] = dc.history(dc.defaultBot.id, alice.id).slice(-2);
    const forward = (flags: Partial<Api.MessagesForwardMessagesRequest>, id: number, randomId: bigint) =>
      bot.invoke({
        _: 'messages.forwardMessages',
        from_peer: alicePeer,
        to_peer: bobPeer,
        id: [id],
        random_id: [randomId],
        ...flags,
      }) as Promise<Api.Updates>;
    const newMessage = (result: Api.Updates) =>
      (result.updates.find((each) => each._ === 'updateNewMessage') as Api.UpdateNewMessage)
        .message as Api.Message;

    const plain = newMessage(await forward({}, text!.id, 501n));
    expect(plain.fwd_from).toMatchObject({ from_id: { _: 'peerUser', user_id: alice.id } });
    const anonymous = newMessage(await forward({ drop_author: true }, text!.id, 502n));
    expect(anonymous).toMatchObject({ message: 'forward me', fwd_from: undefined });
    expect(dc.history(bob.id, dc.defaultBot.id).at(-1)).toMatchObject({
      text: 'forward me',
      forwardedFrom: undefined,
    });

    const uncaptioned = newMessage(await forward({ drop_media_captions: true }, document!.id, 503n));
    expect(uncaptioned).toMatchObject({ message: '', media: { _: 'messageMediaDocument' } });
    expect(uncaptioned.fwd_from).toMatchObject({ from_id: { user_id: alice.id } });
    // drop_media_captions leaves a text message's text alone.
    expect(newMessage(await forward({ drop_media_captions: true }, text!.id, 504n))).toMatchObject({
      message: 'forward me',
    });

    // The same through a group: into the supergroup via forwardWithGroups (the bot joins it first).
    dc.groups.join({ chatId: supergroup.id, userId: dc.defaultBot.id, inviterId: alice.id });
    const toGroup = (await bot.invoke({
      _: 'messages.forwardMessages',
      from_peer: alicePeer,
      to_peer: { _: 'inputPeerChannel', channel_id: supergroup.id, access_hash: supergroup.accessHash },
      id: [document!.id],
      random_id: [505n],
      drop_author: true,
      drop_media_captions: true,
    })) as Api.Updates;
    const channelMessage = (
      toGroup.updates.find((each) => each._ === 'updateNewChannelMessage') as Api.UpdateNewChannelMessage
    ).message as Api.Message;
    expect(channelMessage).toMatchObject({
      message: '',
      fwd_from: undefined,
      media: { _: 'messageMediaDocument' },
    });
  });
});
