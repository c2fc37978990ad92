import { MemoryStorage, type Api, type MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { UserRecord } from '../src/world/records';
import { createClient, loginBot, UpdateCollector } from './local-dc-harness';

const isShortMessage = (update: Api.TypeUpdates): update is Api.UpdateShortMessage =>
  update._ === 'updateShortMessage';

describe('a bot talks to a user through the local DC (core MtprotoClient over TCP)', () => {
  let dc: LocalDc;
  let alice: UserRecord;
  const clients: MtprotoClient[] = [];
  const track = (client: MtprotoClient): MtprotoClient => (clients.push(client), client);

  beforeAll(async () => {
    // A small slice size, so catching up on 5 messages takes a slice and a final difference.
    dc = await LocalDc.start({ port: 0, differenceSliceSize: 3 });
    alice = dc.createUser({ firstName: 'Alice', username: 'alice' });
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await dc.stop();
  });

  it('logs in, receives a message as an update, answers, edits, and catches up after a disconnect', async () => {
    const storage = new MemoryStorage();
    const bot = track(createClient(dc, storage));
    const updates = new UpdateCollector(bot);

    const authorization = await loginBot(bot, dc.info.botToken);
    expect(authorization._).toBe('auth.authorization');
    const botUser = (authorization as Api.AuthAuthorization).user as Api.User;
    expect(botUser).toMatchObject({ id: dc.defaultBot.id, self: true, bot: true, username: 'local_dc_bot' });

    const [self] = (await bot.invoke({ _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] })) as Api.User[];
    expect(self).toMatchObject({ id: dc.defaultBot.id, self: true, bot: true });

    const initial = await bot.invoke({ _: 'updates.getState' });
    expect(initial).toMatchObject({ _: 'updates.state', pts: 0, qts: 0, seq: 0 });

    // Alice writes (control side): the bot gets updateShortMessage with pts + 1 and the bot's own id 1.
    dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: '/start' });
    const incoming = await updates.next(isShortMessage);
    expect(incoming).toMatchObject({ id: 1, user_id: alice.id, message: '/start', pts: 1, pts_count: 1 });
    expect(incoming.out).toBeFalsy();

    // The bot answers: its session gets updateShortSentMessage as the result, not a pushed update.
    const peer: Api.InputPeerUser = { _: 'inputPeerUser', user_id: alice.id, access_hash: alice.accessHash };
    const sent = await bot.invoke({
      _: 'messages.sendMessage',
      peer,
      message: 'Hello, Alice!',
      random_id: 1n,
    });
    expect(sent).toMatchObject({ _: 'updateShortSentMessage', out: true, id: 2, pts: 2, pts_count: 1 });

    const history = dc.history(alice.id, dc.defaultBot.id);
    expect(history.map((message) => [message.id, message.out, message.text])).toEqual([
      [1, true, '/start'],
      [2, false, 'Hello, Alice!'],
    ]);

    const edited = (await bot.invoke({
      _: 'messages.editMessage',
      peer,
      id: 2,
      message: 'Hello again, Alice!',
    })) as Api.Updates;
    expect(edited._).toBe('updates');
    expect(edited.updates[0]).toMatchObject({ _: 'updateEditMessage', pts: 3, pts_count: 1 });
    expect(dc.history(alice.id, dc.defaultBot.id)[1]).toMatchObject({ text: 'Hello again, Alice!' });
    expect(dc.history(alice.id, dc.defaultBot.id)[1]!.editDate).toBeGreaterThan(0);

    const fetched = (await bot.invoke({
      _: 'messages.getMessages',
      id: [
        { _: 'inputMessageID', id: 2 },
        { _: 'inputMessageID', id: 99 },
      ],
    })) as Api.MessagesMessages;
    expect(fetched.messages[0]).toMatchObject({
      _: 'message',
      id: 2,
      out: true,
      message: 'Hello again, Alice!',
    });
    expect(fetched.messages[1]).toEqual({ _: 'messageEmpty', id: 99 });
    expect(fetched.users.map((user) => (user as Api.User).id).sort()).toEqual(
      [alice.id, dc.defaultBot.id].sort(),
    );

    const before = await bot.invoke({ _: 'updates.getState' });
    expect(before.pts).toBe(3);
    await bot.close();

    for (let index = 1; index <= 5; index++) {
      dc.sendUserMessage({ fromUserId: alice.id, toUserId: dc.defaultBot.id, text: `missed ${index}` });
    }

    // Same auth key (same storage): still logged in; the difference comes in a slice of 3, then 2.
    const again = track(createClient(dc, storage));
    const slice = await again.invoke({
      _: 'updates.getDifference',
      pts: before.pts,
      date: before.date,
      qts: 0,
    });
    expect(slice._).toBe('updates.differenceSlice');
    const first = slice as Api.UpdatesDifferenceSlice;
    expect(first.new_messages.map((message) => (message as Api.Message).message)).toEqual([
      'missed 1',
      'missed 2',
      'missed 3',
    ]);
    expect(first.intermediate_state).toMatchObject({ pts: 6 });
    expect(first.users.some((user) => (user as Api.User).id === alice.id)).toBe(true);

    const rest = await again.invoke({
      _: 'updates.getDifference',
      pts: (first.intermediate_state as Api.UpdatesState).pts,
      date: (first.intermediate_state as Api.UpdatesState).date,
      qts: 0,
    });
    expect(rest._).toBe('updates.difference');
    const last = rest as Api.UpdatesDifference;
    expect(last.new_messages.map((message) => (message as Api.Message).message)).toEqual([
      'missed 4',
      'missed 5',
    ]);
    // Ids count messages (2 before, then 3..7); pts also counted the edit, so it ends at 8.
    expect(last.new_messages.map((message) => (message as Api.Message).id)).toEqual([6, 7]);
    expect(last.state).toMatchObject({ pts: 8 });

    const empty = await again.invoke({ _: 'updates.getDifference', pts: 8, date: 0, qts: 0 });
    expect(empty._).toBe('updates.differenceEmpty');
    const tooLong = await again.invoke({
      _: 'updates.getDifference',
      pts: 0,
      pts_total_limit: 2,
      date: 0,
      qts: 0,
    });
    expect(tooLong).toEqual({ _: 'updates.differenceTooLong', pts: 8 });
  });

  it('replays an edit of an older message as updateEditMessage in the difference', async () => {
    const bob = dc.createUser({ firstName: 'Bob' });
    const bot = track(createClient(dc));
    await loginBot(bot, dc.info.botToken);
    const peer: Api.InputPeerUser = { _: 'inputPeerUser', user_id: bob.id, access_hash: bob.accessHash };
    const sent = await bot.invoke({ _: 'messages.sendMessage', peer, message: 'first', random_id: 2n });
    const state = await bot.invoke({ _: 'updates.getState' });
    await bot.invoke({
      _: 'messages.editMessage',
      peer,
      id: (sent as Api.UpdateShortSentMessage).id,
      message: 'second',
    });
    const difference = (await bot.invoke({
      _: 'updates.getDifference',
      pts: state.pts,
      date: state.date,
      qts: 0,
    })) as Api.UpdatesDifference;
    expect(difference.new_messages).toEqual([]);
    expect(difference.other_updates).toEqual([
      expect.objectContaining({ _: 'updateEditMessage', pts: state.pts + 1, pts_count: 1 }),
    ]);
  });

  it('pushes the bot’s own message to its other session with out set', async () => {
    const carol = dc.createUser({ firstName: 'Carol' });
    const first = track(createClient(dc));
    const second = track(createClient(dc));
    await Promise.all([loginBot(first, dc.info.botToken), loginBot(second, dc.info.botToken)]);
    const secondUpdates = new UpdateCollector(second);
    const peer: Api.InputPeerUser = { _: 'inputPeerUser', user_id: carol.id, access_hash: carol.accessHash };
    const sent = (await first.invoke({
      _: 'messages.sendMessage',
      peer,
      message: 'from session one',
      random_id: 3n,
    })) as Api.UpdateShortSentMessage;
    const echoed = await secondUpdates.next(isShortMessage);
    expect(echoed).toMatchObject({
      out: true,
      id: sent.id,
      user_id: carol.id,
      pts: sent.pts,
      message: 'from session one',
    });
  });
});
