import { PeerCache, type Api } from 'telegram-mtproto-core';
import type { BotActions } from '../../src/updates/bot-actions';
import { BotUpdateFactory } from '../../src/updates/bot-update-factory';

const alice: Api.User = { _: 'user', id: 10n, access_hash: 1n, first_name: 'Alice', username: 'alice' };
const supergroup: Api.Channel = {
  _: 'channel',
  id: 77n,
  access_hash: 5n,
  title: 'Team',
  megagroup: true,
  photo: { _: 'chatPhotoEmpty' },
  date: 0,
};

/** Records what update objects ask of the client. */
function recordingActions(calls: unknown[][]): BotActions {
  const record =
    (name: string) =>
    async (...args: unknown[]) => {
      calls.push([name, ...args]);
      return undefined as never;
    };
  return {
    sendMessage: record('sendMessage'),
    editMessage: record('editMessage'),
    deleteMessages: record('deleteMessages'),
    answerCallbackQuery: record('answerCallbackQuery'),
    answerInlineQuery: record('answerInlineQuery'),
  };
}

function setUp() {
  const peers = new PeerCache();
  peers.addUsers([alice]);
  const calls: unknown[][] = [];
  const factory = new BotUpdateFactory({
    peers: () => peers,
    self: () => ({ id: 99n, username: 'my_bot' }),
    actions: recordingActions(calls),
    fetchMessage: async () => undefined,
  });
  return { factory, calls };
}

const message = (fields: Partial<Api.Message>): Api.Message => ({
  _: 'message',
  id: 5,
  peer_id: { _: 'peerUser', user_id: 10n },
  date: 1_700_000_000,
  message: '/start@my_bot hi',
  ...fields,
});

describe('BotUpdateFactory', () => {
  it('builds a private message from a short update, the sender from the peer cache', async () => {
    const { factory, calls } = setUp();
    const update = await factory.create(
      { _: 'updateNewMessage', message: message({}), pts: 1, pts_count: 1 },
      { users: [], chats: [] },
    );
    expect(update?.kind).toBe('message');
    if (update?.kind !== 'message') return;
    expect(update.chatId).toBe(10n);
    expect(update.senderId).toBe(10n);
    expect(update.message.sender).toEqual({ id: 10n, isBot: false, firstName: 'Alice', username: 'alice' });
    expect(update.message.command).toEqual({ name: 'start', botName: 'my_bot', args: 'hi' });
    expect(update.message.date).toEqual(new Date(1_700_000_000_000));
    await update.message.reply('hello');
    expect(calls).toEqual([['sendMessage', 10n, 'hello', { replyTo: 5 }]]);
  });

  it('gives supergroup messages the -100 chat id and the sender from from_id', async () => {
    const { factory } = setUp();
    const update = await factory.create(
      {
        _: 'updateEditChannelMessage',
        message: message({
          peer_id: { _: 'peerChannel', channel_id: 77n },
          from_id: { _: 'peerUser', user_id: 10n },
        }),
        pts: 2,
        pts_count: 1,
      },
      { users: [alice], chats: [supergroup] },
    );
    expect(update?.kind).toBe('editedMessage');
    expect(update?.chatId).toBe(-1_000_000_000_077n);
    if (update?.kind === 'editedMessage') {
      expect(update.message.chat).toEqual({ id: -1_000_000_000_077n, type: 'supergroup', title: 'Team' });
    }
  });

  it('leaves out the bot’s own messages and updates of other kinds', async () => {
    const { factory } = setUp();
    const own = { _: 'updateNewMessage', message: message({ out: true }), pts: 3, pts_count: 1 } as const;
    expect(await factory.create(own, { users: [], chats: [] })).toBeUndefined();
    const typing: Api.UpdateUserTyping = {
      _: 'updateUserTyping',
      user_id: 10n,
      action: { _: 'sendMessageTypingAction' },
    };
    expect(await factory.create(typing, { users: [], chats: [] })).toBeUndefined();
  });

  it('builds callback queries with UTF-8 data, and their answer', async () => {
    const { factory, calls } = setUp();
    const update = await factory.create(
      {
        _: 'updateBotCallbackQuery',
        query_id: 123n,
        user_id: 10n,
        peer: { _: 'peerUser', user_id: 10n },
        msg_id: 4,
        chat_instance: 9n,
        data: new TextEncoder().encode('héllo'),
      },
      { users: [], chats: [] },
    );
    if (update?.kind !== 'callbackQuery') throw new Error(`got ${update?.kind}`);
    expect(update.callbackQuery).toMatchObject({ id: 123n, data: 'héllo', messageId: 4, message: undefined });
    await update.callbackQuery.answer({ text: 'ok' });
    expect(calls).toEqual([['answerCallbackQuery', 123n, { text: 'ok' }]]);
  });

  it('maps participant changes to member statuses', async () => {
    const { factory } = setUp();
    const update = await factory.create(
      {
        _: 'updateChannelParticipant',
        channel_id: 77n,
        date: 1,
        actor_id: 10n,
        user_id: 10n,
        new_participant: {
          _: 'channelParticipantBanned',
          peer: { _: 'peerUser', user_id: 10n },
          kicked_by: 1n,
          date: 1,
          banned_rights: { _: 'chatBannedRights', view_messages: true, until_date: 0 },
        },
        qts: 4,
      },
      { users: [alice], chats: [supergroup] },
    );
    if (update?.kind !== 'chatMember') throw new Error(`got ${update?.kind}`);
    expect(update.chatMember).toMatchObject({ oldStatus: 'left', newStatus: 'kicked' });
    expect(update.chatMember.user.firstName).toBe('Alice');
  });
});
