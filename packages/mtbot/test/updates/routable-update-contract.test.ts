// The framework's router takes `RoutableUpdate`, a structural view of these update objects
// (/work/notes/contract.md): this test fails to typecheck when the two drift apart.
import { PeerCache, type Api } from 'telegram-mtproto-core';
import type { RoutableUpdate } from '../../src/framework/routable-update';
import type { BotActions } from '../../src/updates/bot-actions';
import type { BotUpdate } from '../../src/updates/bot-update';
import { BotUpdateFactory } from '../../src/updates/bot-update-factory';

const unused = async (): Promise<never> => {
  throw new Error('not called in this test');
};
const actions: BotActions = {
  sendMessage: unused,
  editMessage: unused,
  deleteMessages: unused,
  answerCallbackQuery: unused,
  answerInlineQuery: unused,
};

function asRoutable(update: BotUpdate): RoutableUpdate {
  return update;
}

describe('BotUpdate and the router contract', () => {
  it('is a RoutableUpdate with the same keys', async () => {
    const factory = new BotUpdateFactory({
      peers: () => new PeerCache(),
      self: () => ({ id: 1n, username: 'bot' }),
      actions,
      fetchMessage: async () => undefined,
    });
    const message: Api.Message = {
      _: 'message',
      id: 1,
      peer_id: { _: 'peerUser', user_id: 7n },
      date: 0,
      message: '/go now',
    };
    const update = await factory.create(
      { _: 'updateNewMessage', message, pts: 1, pts_count: 1 },
      { users: [], chats: [] },
    );
    const routable = asRoutable(update!);
    expect(routable.kind).toBe('message');
    expect(routable.chatId).toBe(7n);
    if (routable.kind === 'message') expect(routable.message.command?.name).toBe('go');
  });
});
