import { FloodWaitError, type Api, type MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { UserRecord } from '../src/world/records';
import { createClient, loginBot, rpcErrorOf, UpdateCollector } from './local-dc-harness';

const isShortMessage = (update: Api.TypeUpdates): update is Api.UpdateShortMessage =>
  update._ === 'updateShortMessage';

const bold = (offset: number, length: number): Api.MessageEntityBold => ({
  _: 'messageEntityBold',
  offset,
  length,
});

describe('entities, replies and forwards in private chats (core MtprotoClient over TCP)', () => {
  let dc: LocalDc;
  let alice: UserRecord;
  let bob: UserRecord;
  let aliceInput: Api.InputPeerUser;
  let bobInput: Api.InputPeerUser;
  const clients: MtprotoClient[] = [];
  const track = (client: MtprotoClient): MtprotoClient => (clients.push(client), client);

  beforeEach(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false });
    alice = dc.createUser({ firstName: 'Alice' });
    bob = dc.createUser({ firstName: 'Bob' });
    aliceInput = { _: 'inputPeerUser', user_id: alice.id, access_hash: alice.accessHash };
    bobInput = { _: 'inputPeerUser', user_id: bob.id, access_hash: bob.accessHash };
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await dc.stop();
  });

  it('stores entities on both copies and returns them in every shape; ENTITY_BOUNDS_INVALID outside the text', async () => {
    const bot = track(createClient(dc));
    await loginBot(bot, dc.info.botToken);
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: 'hi' }); // bot id 1

    // 'héllo 👋 world': the emoji is two UTF-16 code units, so 'world' starts at offset 9.
    const text = 'héllo 👋 world';
    const entities: Api.TypeMessageEntity[] = [
      bold(0, 5),
      { _: 'messageEntityMentionName', offset: 9, length: 5, user_id: alice.id },
    ];
    const sent = await bot.invoke({
      _: 'messages.sendMessage',
      peer: aliceInput,
      message: text,
      random_id: 5n,
      entities,
    });
    expect(sent).toMatchObject({ _: 'updateShortSentMessage', id: 2, entities });

    const [fetched] = (
      (await bot.invoke({
        _: 'messages.getMessages',
        id: [{ _: 'inputMessageID', id: 2 }],
      })) as Api.MessagesMessages
    ).messages;
    expect(fetched).toMatchObject({ _: 'message', id: 2, message: text, entities });
    const [, aliceCopy] = dc.history(alice.id, dc.defaultBot.id);
    expect(aliceCopy).toMatchObject({ id: 2, text, entities });

    // The bot's other session gets the new message as updateShortMessage with its entities.
    const otherSession = track(createClient(dc));
    const pushed = new UpdateCollector(otherSession);
    await loginBot(otherSession, dc.info.botToken);
    await bot.invoke({
      _: 'messages.sendMessage',
      peer: aliceInput,
      message: 'bold',
      random_id: 6n,
      entities: [bold(0, 4)],
    });
    expect(await pushed.next(isShortMessage)).toMatchObject({ id: 3, out: true, entities: [bold(0, 4)] });

    // Entities ending past the text (UTF-16 length 13), or starting before it, are refused.
    for (const wrong of [[bold(9, 5)].map((entity) => ({ ...entity, length: 6 })), [bold(-1, 2)]]) {
      await expect(
        bot.invoke({
          _: 'messages.sendMessage',
          peer: aliceInput,
          message: text,
          random_id: 7n,
          entities: wrong,
        }),
      ).rejects.toEqual(rpcErrorOf('ENTITY_BOUNDS_INVALID', 400));
    }
    await expect(
      bot.invoke({
        _: 'messages.editMessage',
        peer: aliceInput,
        id: 2,
        message: 'short',
        entities: [bold(0, 6)],
      }),
    ).rejects.toEqual(rpcErrorOf('ENTITY_BOUNDS_INVALID', 400));

    // An edit replaces the entities on both copies; the same text with other entities is a change.
    const edited = (await bot.invoke({
      _: 'messages.editMessage',
      peer: aliceInput,
      id: 3,
      message: 'bold',
      entities: [{ _: 'messageEntityItalic', offset: 0, length: 4 }],
    })) as Api.Updates;
    expect(edited.updates[0]).toMatchObject({
      _: 'updateEditMessage',
      message: { id: 3, entities: [{ _: 'messageEntityItalic', offset: 0, length: 4 }] },
    });
    expect(dc.history(alice.id, dc.defaultBot.id)[2]!.entities).toEqual([
      { _: 'messageEntityItalic', offset: 0, length: 4 },
    ]);

    // getDifference from pts 0 gives the messages with their entities as they are now.
    const difference = (await bot.invoke({
      _: 'updates.getDifference',
      pts: 0,
      date: 0,
      qts: 0,
    })) as Api.UpdatesDifference;
    expect(difference.new_messages.find((message) => message.id === 2)).toMatchObject({ entities });

    // The control API's history shows them (64-bit ids as strings).
    const response = await fetch(
      `${dc.info.controlUrl}/history?userId=${alice.id}&peerId=${dc.defaultBot.id}`,
    );
    const body = (await response.json()) as { messages: Array<{ id: number; entities?: unknown }> };
    expect(body.messages.find((message) => message.id === 2)?.entities).toEqual([
      { _: 'messageEntityBold', offset: 0, length: 5 },
      { _: 'messageEntityMentionName', offset: 9, length: 5, user_id: alice.id.toString() },
    ]);
  });

  it('resolves a reply per account, both ways, and refuses an unknown id', async () => {
    const bot = track(createClient(dc));
    const updates = new UpdateCollector(bot);
    await loginBot(bot, dc.info.botToken);
    // Bob writes first, so the bot's and Alice's message ids differ.
    dc.sendUserMessage({ fromUserId: bob.id, toUserId: dc.defaultBot.id, text: 'from Bob' }); // bot 1
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: 'question' }); // bot 2, Alice 1

    const sent = await bot.invoke({
      _: 'messages.sendMessage',
      peer: aliceInput,
      message: 'answer',
      random_id: 1n,
      reply_to: { _: 'inputReplyToMessage', reply_to_msg_id: 2 },
    });
    expect(sent).toMatchObject({ id: 3 });
    const [question, answer] = dc.history(alice.id, dc.defaultBot.id);
    expect(question).toMatchObject({ id: 1, text: 'question' });
    expect(answer).toMatchObject({ id: 2, text: 'answer', replyToMessageId: 1 });
    const [fetched] = (
      (await bot.invoke({
        _: 'messages.getMessages',
        id: [{ _: 'inputMessageID', id: 3 }],
      })) as Api.MessagesMessages
    ).messages;
    expect(fetched).toMatchObject({ reply_to: { _: 'messageReplyHeader', reply_to_msg_id: 2 } });

    // Alice replies to the bot's answer (her id 2): the bot's update names its own id 3.
    const reply = await (
      await fetch(`${dc.info.controlUrl}/messages`, {
        method: 'POST',
        body: JSON.stringify({
          fromUserId: alice.id.toString(),
          toUserId: dc.defaultBot.id.toString(),
          text: 'thanks',
          replyToMessageId: 2,
        }),
      })
    ).json();
    expect(reply).toMatchObject({ message: { id: 3, replyToMessageId: 2 } });
    const pushed = await updates.next(
      (update): update is Api.UpdateShortMessage => isShortMessage(update) && update.message === 'thanks',
    );
    expect(pushed).toMatchObject({ id: 4, reply_to: { _: 'messageReplyHeader', reply_to_msg_id: 3 } });

    // An id of another chat (Bob's message 1) or of no message is refused.
    for (const id of [1, 99]) {
      await expect(
        bot.invoke({
          _: 'messages.sendMessage',
          peer: aliceInput,
          message: 'nope',
          random_id: 2n,
          reply_to: { _: 'inputReplyToMessage', reply_to_msg_id: id },
        }),
      ).rejects.toEqual(rpcErrorOf('REPLY_MESSAGE_ID_INVALID', 400));
    }
    expect(() =>
      dc.sendUserMessage({
        fromUserId: alice.id,
        toUserId: dc.defaultBot.id,
        text: 'x',
        replyToMessageId: 42,
      }),
    ).toThrow(expect.objectContaining({ text: 'REPLY_MESSAGE_ID_INVALID' }));
  });

  it('forwards with new per-account ids and a forward header; MESSAGE_ID_INVALID, RANDOM_ID_DUPLICATE', async () => {
    const bot = track(createClient(dc));
    await loginBot(bot, dc.info.botToken);
    const state = (await bot.invoke({ _: 'updates.getState' })) as Api.UpdatesState;
    dc.sendUserMessage({ fromUserId: bob.id, toUserId: dc.defaultBot.id, text: 'to Bob first' }); // unrelated
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: 'first' }); // bot 2
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: 'second' }); // bot 3
    const original = dc.history(dc.defaultBot.id, alice.id)[0]!;

    const result = (await bot.invoke({
      _: 'messages.forwardMessages',
      from_peer: aliceInput,
      id: [2, 3],
      random_id: [11n, 12n],
      to_peer: bobInput,
    })) as Api.Updates;
    expect(result.updates.map((update) => update._)).toEqual([
      'updateMessageID',
      'updateMessageID',
      'updateNewMessage',
      'updateNewMessage',
    ]);
    expect(result.updates[0]).toMatchObject({ id: 4, random_id: 11n });
    expect(result.updates[3]).toMatchObject({
      message: {
        id: 5,
        out: true,
        message: 'second',
        peer_id: { _: 'peerUser', user_id: bob.id },
        fwd_from: {
          _: 'messageFwdHeader',
          from_id: { _: 'peerUser', user_id: alice.id },
          date: original.date,
        },
      },
    });
    // Bob's box has its own ids (he had 1), and the same header.
    const bobSide = dc.history(bob.id, dc.defaultBot.id);
    expect(bobSide.map((message) => [message.id, message.text, message.forwardedFrom?.fromId])).toEqual([
      [1, 'to Bob first', undefined],
      [2, 'first', alice.id],
      [3, 'second', alice.id],
    ]);

    // Catching up from the state before the forwards gives them with the header too.
    const difference = (await bot.invoke({
      _: 'updates.getDifference',
      pts: state.pts,
      date: state.date,
      qts: 0,
    })) as Api.UpdatesDifference;
    expect(difference.new_messages.at(-1)).toMatchObject({
      id: 5,
      fwd_from: { from_id: { user_id: alice.id } },
    });

    await expect(
      bot.invoke({
        _: 'messages.forwardMessages',
        from_peer: aliceInput,
        id: [2],
        random_id: [12n],
        to_peer: bobInput,
      }),
    ).rejects.toEqual(rpcErrorOf('RANDOM_ID_DUPLICATE', 500));
    // Message 1 of the bot's box is in the chat with Bob, not Alice; 77 does not exist. Nothing is sent.
    for (const id of [1, 77]) {
      await expect(
        bot.invoke({
          _: 'messages.forwardMessages',
          from_peer: aliceInput,
          id: [2, id],
          random_id: [13n, 14n],
          to_peer: bobInput,
        }),
      ).rejects.toEqual(rpcErrorOf('MESSAGE_ID_INVALID', 400));
    }
    expect(dc.history(bob.id, dc.defaultBot.id)).toHaveLength(3);
    // The random ids of a refused call are still free.
    await bot.invoke({
      _: 'messages.forwardMessages',
      from_peer: aliceInput,
      id: [2],
      random_id: [13n],
      to_peer: bobInput,
    });
    expect(dc.history(bob.id, dc.defaultBot.id)).toHaveLength(4);
  });

  it('counts forwards against the flood limits, one per message', async () => {
    // A burst of 3 in one private chat: a forward of 2 leaves room for exactly one more message.
    dc.flood.configure({ privateChat: { burst: 3, perSecond: 1 }, perBot: false, group: false });
    const bot = track(createClient(dc));
    await loginBot(bot, dc.info.botToken);
    for (const text of ['a', 'b', 'c'])
      dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text });
    const forward = (id: number[], random_id: bigint[]) =>
      bot.invoke({ _: 'messages.forwardMessages', from_peer: aliceInput, id, random_id, to_peer: bobInput });

    await forward([1, 2], [1n, 2n]);
    await bot.invoke({ _: 'messages.sendMessage', peer: bobInput, message: 'one more', random_id: 9n });
    const error: unknown = await forward([3], [3n]).catch((caught: unknown) => caught);
    expect(FloodWaitError.isInstance(error)).toBe(true);
    expect((error as FloodWaitError).seconds).toBe(1);
    expect(dc.history(bob.id, dc.defaultBot.id).map((message) => message.text)).toEqual([
      'a',
      'b',
      'one more',
    ]);
  });

  it('keeps entities in basic groups and supergroups', async () => {
    const bot = track(createClient(dc));
    await loginBot(bot, dc.info.botToken);
    const otherSession = track(createClient(dc));
    const pushed = new UpdateCollector(otherSession);
    await loginBot(otherSession, dc.info.botToken);
    const group = dc.groups.createGroup({
      creatorId: alice.id,
      title: 'Friends',
      memberIds: [dc.defaultBot.id],
    });
    const supergroup = dc.groups.createSupergroup({
      creatorId: alice.id,
      title: 'Big',
      admins: [{ userId: dc.defaultBot.id }],
    });
    const chatPeer: Api.InputPeerChat = { _: 'inputPeerChat', chat_id: group.id };
    const channelPeer: Api.InputPeerChannel = {
      _: 'inputPeerChannel',
      channel_id: supergroup.id,
      access_hash: supergroup.accessHash,
    };

    const sent = await bot.invoke({
      _: 'messages.sendMessage',
      peer: chatPeer,
      message: 'hello group',
      random_id: 1n,
      entities: [bold(6, 5)],
    });
    expect(sent).toMatchObject({ _: 'updateShortSentMessage', entities: [bold(6, 5)] });
    expect(
      await pushed.next(
        (update): update is Api.UpdateShortChatMessage =>
          update._ === 'updateShortChatMessage' && update.message === 'hello group',
      ),
    ).toMatchObject({ entities: [bold(6, 5)] });
    expect(dc.groups.history(group.id, alice.id).at(-1)).toMatchObject({
      text: 'hello group',
      entities: [bold(6, 5)],
    });

    const posted = (await bot.invoke({
      _: 'messages.sendMessage',
      peer: channelPeer,
      message: 'hello all',
      random_id: 2n,
      entities: [bold(0, 5)],
    })) as Api.Updates;
    expect(posted.updates[1]).toMatchObject({
      _: 'updateNewChannelMessage',
      message: { message: 'hello all', entities: [bold(0, 5)] },
    });
    const postedId = ((posted.updates[1] as Api.UpdateNewChannelMessage).message as Api.Message).id;
    const edited = (await bot.invoke({
      _: 'messages.editMessage',
      peer: channelPeer,
      id: postedId,
      message: 'hello all',
      entities: [bold(6, 3)],
    })) as Api.Updates;
    expect(edited.updates[0]).toMatchObject({ message: { entities: [bold(6, 3)] } });
    expect(dc.groups.history(supergroup.id).at(-1)?.entities).toEqual([bold(6, 3)]);

    for (const peer of [chatPeer, channelPeer]) {
      await expect(
        bot.invoke({
          _: 'messages.sendMessage',
          peer,
          message: 'abc',
          random_id: 3n,
          entities: [bold(1, 3)],
        }),
      ).rejects.toEqual(rpcErrorOf('ENTITY_BOUNDS_INVALID', 400));
    }
  });
});
