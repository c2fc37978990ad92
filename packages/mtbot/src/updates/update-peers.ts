import type { Api, PeerCache, PeerRef, UpdateContext } from 'telegram-mtproto-core';
import { chatFromApi, chatFromPeerRef, peerRefOf, privateChat, type Chat } from './chat';
import { userFromApi, userFromCache, type User } from './user';

/**
 * Users and chats for one update: those that came with it first (fresh), then the peer cache (short
 * updates carry none), then a bare id so a handler never gets undefined for a peer Telegram named.
 */
export class UpdatePeers {
  constructor(
    private readonly context: Pick<UpdateContext, 'users' | 'chats'>,
    private readonly cache: PeerCache,
  ) {}

  user(id: bigint): User {
    const sent = this.context.users.find((user) => user.id === id);
    if (sent !== undefined) return userFromApi(sent);
    const cached = this.cache.getUser(id);
    return cached !== undefined ? userFromCache(cached) : { id, isBot: false, firstName: '' };
  }

  chat(peer: Api.TypePeer | PeerRef): Chat {
    const ref = 'kind' in peer ? peer : peerRefOf(peer);
    const kind = ref.kind;
    if (kind === 'user') return privateChat(this.user(ref.id));
    const sent = this.context.chats.find((chat) => chat.id === ref.id && isKind(chat, kind));
    if (sent !== undefined) return chatFromApi(sent);
    if (ref.kind === 'chat') {
      const cached = this.cache.getChat(ref.id);
      if (cached !== undefined) return { ...chatFromPeerRef(ref), title: cached.title };
    } else {
      const cached = this.cache.getChannel(ref.id);
      if (cached !== undefined) {
        return {
          ...chatFromPeerRef(ref),
          type: cached.megagroup ? 'supergroup' : 'channel',
          title: cached.title,
          ...(cached.usernames[0] !== undefined && { username: cached.usernames[0] }),
        };
      }
    }
    return chatFromPeerRef(ref);
  }
}

function isKind(chat: Api.TypeChat, kind: 'chat' | 'channel'): boolean {
  const isChannel = chat._ === 'channel' || chat._ === 'channelForbidden';
  return kind === 'channel' ? isChannel : !isChannel;
}
