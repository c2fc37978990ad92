import { PeerCache, fromBotApiId, toBotApiId, type Api } from '../../src/index';

function user(id: bigint, fields: Partial<Api.User> = {}): Api.User {
  return { _: 'user', id, ...fields };
}

function channel(id: bigint, fields: Partial<Api.Channel> = {}): Api.Channel {
  return { _: 'channel', id, title: `channel ${id}`, photo: { _: 'chatPhotoEmpty' }, date: 0, ...fields };
}

const basicGroup: Api.Chat = {
  _: 'chat',
  id: 300n,
  title: 'group',
  photo: { _: 'chatPhotoEmpty' },
  participants_count: 3,
  date: 0,
  version: 1,
};

describe('Bot API ids', () => {
  it('maps users, basic groups and channels both ways', () => {
    expect(toBotApiId({ kind: 'user', id: 42n })).toBe(42n);
    expect(toBotApiId({ kind: 'chat', id: 300n })).toBe(-300n);
    expect(toBotApiId({ kind: 'channel', id: 1234567890n })).toBe(-1001234567890n);
    expect(fromBotApiId(-1001234567890n)).toEqual({ kind: 'channel', id: 1234567890n });
    expect(fromBotApiId(-300)).toEqual({ kind: 'chat', id: 300n });
    expect(fromBotApiId(42)).toEqual({ kind: 'user', id: 42n });
    expect(fromBotApiId(0)).toBeUndefined();
  });
});

describe('PeerCache', () => {
  it('fills from any object with users/chats vectors and resolves to Input objects', () => {
    const peers = new PeerCache();
    const history: Api.MessagesMessages = {
      _: 'messages.messages',
      messages: [],
      topics: [],
      chats: [basicGroup, channel(1234567890n, { access_hash: 77n, username: 'News' })],
      users: [user(42n, { access_hash: 5n, username: 'Alice' })],
    };
    peers.addFrom(history);
    expect(peers.inputPeer('@alice')).toEqual({ _: 'inputPeerUser', user_id: 42n, access_hash: 5n });
    expect(peers.inputUser(42)).toEqual({ _: 'inputUser', user_id: 42n, access_hash: 5n });
    expect(peers.inputPeer(-300)).toEqual({ _: 'inputPeerChat', chat_id: 300n });
    expect(peers.inputPeer('-1001234567890')).toEqual({
      _: 'inputPeerChannel',
      channel_id: 1234567890n,
      access_hash: 77n,
    });
    expect(peers.inputChannel('news')).toEqual({
      _: 'inputChannel',
      channel_id: 1234567890n,
      access_hash: 77n,
    });
    expect(peers.inputChannel('@alice')).toBeUndefined();
    expect(peers.inputPeer('@nobody')).toBeUndefined();
    expect(peers.inputPeer('bad name!')).toBeUndefined();
    expect(peers.inputPeer(43n)).toBeUndefined();
  });

  it('never lets a min object overwrite a known access hash', () => {
    const peers = new PeerCache();
    peers.addUsers([user(42n, { access_hash: 5n, username: 'alice', first_name: 'Alice' })]);
    peers.addUsers([user(42n, { min: true, access_hash: 999n, first_name: 'Alicia' })]);
    expect(peers.getUser(42n)).toMatchObject({ accessHash: 5n, usernames: ['alice'], firstName: 'Alicia' });
    peers.addChats([channel(9n, { access_hash: 1n })]);
    peers.addChats([channel(9n, { min: true, access_hash: 2n, title: 'renamed' })]);
    expect(peers.getChannel(9n)).toMatchObject({ accessHash: 1n, title: 'renamed' });
  });

  it('keeps min-only peers without a usable hash until a full object arrives', () => {
    const peers = new PeerCache();
    peers.addUsers([user(50n, { min: true, access_hash: 3n, username: 'bob' })]);
    expect(peers.isKnown({ kind: 'user', id: 50n })).toBe(false);
    expect(peers.inputPeer('@bob')).toBeUndefined();
    peers.addUsers([user(50n, { access_hash: 4n, username: 'bob' })]);
    expect(peers.inputPeer('@bob')).toEqual({ _: 'inputPeerUser', user_id: 50n, access_hash: 4n });
  });

  it('follows username changes and extra usernames', () => {
    const peers = new PeerCache();
    peers.addUsers([user(42n, { access_hash: 5n, username: 'old' })]);
    peers.addUsers([
      user(42n, {
        access_hash: 5n,
        username: 'new',
        usernames: [
          { _: 'username', username: 'collectible', active: true },
          { _: 'username', username: 'inactive' },
        ],
      }),
    ]);
    expect(peers.resolve('@old')).toBeUndefined();
    expect(peers.resolve('@NEW')).toEqual({ kind: 'user', id: 42n });
    expect(peers.resolve('collectible')).toEqual({ kind: 'user', id: 42n });
    expect(peers.resolve('inactive')).toBeUndefined();
  });

  it('keeps the hash of channelForbidden and survives a round trip through JSON', () => {
    const peers = new PeerCache();
    peers.addUsers([user(42n, { access_hash: -5n, username: 'alice', bot: true, first_name: 'A' })]);
    peers.addChats([
      basicGroup,
      { _: 'channelForbidden', id: 8n, access_hash: 88n, title: 'gone', megagroup: true },
    ]);
    const stored = JSON.parse(JSON.stringify(peers.exportState()));
    const restored = new PeerCache(stored);
    expect(restored.exportState()).toEqual(peers.exportState());
    expect(restored.inputPeer('@alice')).toEqual({ _: 'inputPeerUser', user_id: 42n, access_hash: -5n });
    expect(restored.inputPeer(-1000000000008n)).toEqual({
      _: 'inputPeerChannel',
      channel_id: 8n,
      access_hash: 88n,
    });
    expect(restored.getChat(300n)).toEqual({ id: 300n, title: 'group' });
    expect(restored.getUser(42n)).toMatchObject({ bot: true, firstName: 'A' });
  });
});
