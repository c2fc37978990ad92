import { PeerCache, type Api } from 'telegram-mtproto-core';
import type { BotActions } from '../../src/updates/bot-actions';
import type { BotUpdate } from '../../src/updates/bot-update';
import { BotUpdateFactory } from '../../src/updates/bot-update-factory';
import { updateIdentity } from '../../src/updates/update-identity';

const alice: Api.User = { _: 'user', id: 10n, access_hash: 1n, first_name: 'Alice' };

const factory = new BotUpdateFactory({
  peers: () => {
    const peers = new PeerCache();
    peers.addUsers([alice]);
    return peers;
  },
  self: () => ({ id: 99n, username: 'my_bot' }),
  actions: {} as BotActions,
  fetchMessage: async () => undefined,
});

async function identityOf(update: Api.TypeUpdate): Promise<string> {
  const created: BotUpdate | undefined = await factory.create(update, { users: [alice], chats: [] });
  if (!created) throw new Error(`${update._} is no BotUpdate`);
  return updateIdentity(created);
}

const message = (fields: Partial<Api.Message> = {}): Api.Message => ({
  _: 'message',
  id: 5,
  peer_id: { _: 'peerUser', user_id: 10n },
  date: 1_700_000_000,
  message: 'hi',
  ...fields,
});

describe('updateIdentity', () => {
  it('is the same for a live message and its repetition by getDifference (other pts), distinct otherwise', async () => {
    const live = await identityOf({ _: 'updateNewMessage', message: message(), pts: 7, pts_count: 1 });
    const again = await identityOf({ _: 'updateNewMessage', message: message(), pts: 30, pts_count: 0 });
    expect(live).toBe('message:10:5');
    expect(again).toBe(live);
    expect(
      await identityOf({ _: 'updateNewMessage', message: message({ id: 6 }), pts: 8, pts_count: 1 }),
    ).not.toBe(live);
  });

  it('names each edit by its edit date, channel messages by their -100 chat id', async () => {
    const channelMessage = message({
      peer_id: { _: 'peerChannel', channel_id: 77n },
      from_id: { _: 'peerUser', user_id: 10n },
    });
    const edit = (editDate: number) =>
      identityOf({
        _: 'updateEditChannelMessage',
        message: { ...channelMessage, edit_date: editDate },
        pts: 3,
        pts_count: 1,
      });
    expect(await edit(1_700_000_100)).toBe('editedMessage:-1000000000077:5:1700000100');
    expect(await edit(1_700_000_200)).not.toBe(await edit(1_700_000_100));
  });

  it('callback and inline queries by query id, member changes by qts', async () => {
    expect(
      await identityOf({
        _: 'updateBotCallbackQuery',
        query_id: 123n,
        user_id: 10n,
        peer: { _: 'peerUser', user_id: 10n },
        msg_id: 5,
        chat_instance: 1n,
      }),
    ).toBe('callbackQuery:123');
    expect(
      await identityOf({ _: 'updateBotInlineQuery', query_id: 9n, user_id: 10n, query: 'q', offset: '' }),
    ).toBe('inlineQuery:9');
    expect(
      await identityOf({
        _: 'updateChatParticipant',
        chat_id: 3n,
        date: 0,
        actor_id: 10n,
        user_id: 10n,
        qts: 41,
      }),
    ).toBe('chatMember:41');
  });
});
