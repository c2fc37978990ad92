import { ChangeCountingPeerCache } from '../../src/client/change-counting-peer-cache';
import { fullChannel, fullUser } from '../updates/update-fixtures';

describe('ChangeCountingPeerCache', () => {
  it('counts a change only when a user, chat or channel differs from what it held', () => {
    const cache = new ChangeCountingPeerCache();
    const revisions: number[] = [];
    const step = (change: () => void) => {
      change();
      revisions.push(cache.revision);
    };
    step(() => cache.addUsers([fullUser(1n, 10n, 'alice')])); // new user
    step(() => cache.addFrom({ users: [fullUser(1n, 10n, 'alice')] })); // the same again
    step(() => cache.addUsers([{ _: 'user', id: 1n, min: true }])); // min: keeps hash and username
    step(() => cache.addUsers([fullUser(1n, 11n, 'alice')])); // new access hash
    step(() => cache.addChats([{ _: 'chat', id: 5n, title: 'G' } as never])); // new basic group
    step(() => cache.addChats([{ _: 'chatEmpty', id: 5n }])); // known: ignored
    step(() => cache.addChats([{ _: 'chat', id: 5n, title: 'G2' } as never])); // renamed
    step(() => cache.remember([], [fullChannel(7n, 70n, 'news')])); // new channel
    step(() => cache.remember([], [fullChannel(7n, 70n, 'news')])); // the same again
    step(() => cache.addChats([fullChannel(7n, 70n, 'news2')])); // new username
    expect(revisions).toEqual([1, 1, 1, 2, 3, 3, 4, 5, 5, 6]);
    expect(cache.inputPeer('@news2')).toEqual({ _: 'inputPeerChannel', channel_id: 7n, access_hash: 70n });
  });

  it('starts from a stored state without counting it as a change', () => {
    const first = new ChangeCountingPeerCache();
    first.addUsers([fullUser(1n, 10n, 'alice')]);
    const restored = new ChangeCountingPeerCache(first.exportState());
    expect(restored.revision).toBe(0);
    restored.addUsers([fullUser(1n, 10n, 'alice')]);
    expect(restored.revision).toBe(0);
  });
});
