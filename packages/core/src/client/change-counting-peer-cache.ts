import { PeerCache, type CachedChannel, type CachedChat, type CachedUser } from '../peers/peer-cache';
import type * as Api from '../tl/generated/api-types';

/**
 * A {@link PeerCache} that counts its real changes, so the updates driver stores the peers only when
 * something new was learnt. Updates carry their users and chats again and again; exporting and
 * storing the whole cache after every batch would cost time in proportion to every peer ever seen,
 * per update (about 10 ms per batch with 1,000 peers in memory storage).
 */
export class ChangeCountingPeerCache extends PeerCache {
  private changes = 0;

  /** Grows whenever an added user, chat or channel differs from what the cache held. */
  get revision(): number {
    return this.changes;
  }

  override addUsers(users: readonly Api.TypeUser[]): void {
    for (const user of users) {
      if (user?._ !== 'user') continue;
      const before = this.getUser(user.id);
      super.addUsers([user]);
      if (!sameUser(before, this.getUser(user.id))) this.changes++;
    }
  }

  override addChats(chats: readonly Api.TypeChat[]): void {
    for (const chat of chats) {
      if (!chat) continue;
      const id = chat.id;
      const before = [this.getChat(id), this.getChannel(id)] as const;
      super.addChats([chat]);
      if (!sameChat(before[0], this.getChat(id)) || !sameChannel(before[1], this.getChannel(id))) {
        this.changes++;
      }
    }
  }
}

function sameUser(a: CachedUser | undefined, b: CachedUser | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.accessHash === b.accessHash &&
    a.bot === b.bot &&
    a.firstName === b.firstName &&
    a.lastName === b.lastName &&
    sameStrings(a.usernames, b.usernames)
  );
}

function sameChat(a: CachedChat | undefined, b: CachedChat | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.title === b.title;
}

function sameChannel(a: CachedChannel | undefined, b: CachedChannel | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.accessHash === b.accessHash &&
    a.title === b.title &&
    a.megagroup === b.megagroup &&
    sameStrings(a.usernames, b.usernames)
  );
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
