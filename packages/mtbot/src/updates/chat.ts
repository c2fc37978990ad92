import { toBotApiId, type Api, type PeerRef } from 'telegram-mtproto-core';
import type { User } from './user';

/** What kind of chat a message lives in, as the Bot API names them. */
export type ChatType = 'private' | 'group' | 'supergroup' | 'channel';

/** A chat: a private chat with a user, a basic group, a supergroup or a channel. */
export interface Chat {
  /** Bot API style: users positive, basic groups -id, channels and supergroups -100…. */
  readonly id: bigint;
  readonly type: ChatType;
  readonly title?: string;
  readonly username?: string;
}

/** The private chat with `user`. */
export function privateChat(user: User): Chat {
  return {
    id: user.id,
    type: 'private',
    ...(user.username !== undefined && { username: user.username }),
  };
}

/** The {@link Chat} of a TL chat or channel. */
export function chatFromApi(chat: Api.TypeChat): Chat {
  switch (chat._) {
    case 'chatEmpty':
      return { id: toBotApiId({ kind: 'chat', id: chat.id }), type: 'group' };
    case 'chat':
    case 'chatForbidden':
      return { id: toBotApiId({ kind: 'chat', id: chat.id }), type: 'group', title: chat.title };
    case 'channel':
    case 'channelForbidden': {
      const username = chat._ === 'channel' ? (chat.username ?? chat.usernames?.[0]?.username) : undefined;
      return {
        id: toBotApiId({ kind: 'channel', id: chat.id }),
        type: chat.megagroup ? 'supergroup' : 'channel',
        title: chat.title,
        ...(username !== undefined && { username }),
      };
    }
  }
}

/** A chat known only by its peer (neither the update nor the cache had more). */
export function chatFromPeerRef(peer: PeerRef): Chat {
  const type: ChatType = peer.kind === 'user' ? 'private' : peer.kind === 'chat' ? 'group' : 'channel';
  return { id: toBotApiId(peer), type };
}

/** The {@link PeerRef} of a TL peer. */
export function peerRefOf(peer: Api.TypePeer): PeerRef {
  switch (peer._) {
    case 'peerUser':
      return { kind: 'user', id: peer.user_id };
    case 'peerChat':
      return { kind: 'chat', id: peer.chat_id };
    case 'peerChannel':
      return { kind: 'channel', id: peer.channel_id };
  }
}
