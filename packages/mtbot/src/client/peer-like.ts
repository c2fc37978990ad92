import { toBotApiId, type Api, type PeerRef } from 'telegram-mtproto-core';
import type { Chat } from '../updates/chat';
import type { User } from '../updates/user';

/**
 * Anything that names a chat or user: a Bot API id (number or bigint; -100… for channels and
 * supergroups, negative for basic groups), `'@username'` or `'username'`, `'me'`, an InputPeer, a TL
 * User or Chat, or a {@link User}/{@link Chat} of an update.
 */
export type PeerLike =
  number | bigint | string | Api.TypeInputPeer | Api.TypeUser | Api.TypeChat | Chat | User;

/** A PeerLike as error messages name it: `user 123`, `chat 5`, `channel 77`, `@name`. */
export function describePeerRef(peer: PeerRef): string {
  return `${peer.kind} ${peer.id}`;
}

/** The PeerRef an InputPeer addresses (undefined for self and empty). */
export function peerRefOfInput(input: Api.TypeInputPeer): PeerRef | undefined {
  switch (input._) {
    case 'inputPeerUser':
    case 'inputPeerUserFromMessage':
      return { kind: 'user', id: input.user_id };
    case 'inputPeerChat':
      return { kind: 'chat', id: input.chat_id };
    case 'inputPeerChannel':
    case 'inputPeerChannelFromMessage':
      return { kind: 'channel', id: input.channel_id };
    default:
      return undefined;
  }
}

/** The Bot API id of an update's Chat or User, or of a TL user/chat. */
export function botApiIdOfObject(
  peer: Exclude<PeerLike, number | bigint | string | Api.TypeInputPeer>,
): bigint {
  if (!('_' in peer)) return peer.id;
  switch (peer._) {
    case 'user':
    case 'userEmpty':
      return peer.id;
    case 'chat':
    case 'chatEmpty':
    case 'chatForbidden':
      return toBotApiId({ kind: 'chat', id: peer.id });
    case 'channel':
    case 'channelForbidden':
      return toBotApiId({ kind: 'channel', id: peer.id });
  }
}

const INPUT_PEERS: ReadonlySet<string> = new Set([
  'inputPeerEmpty',
  'inputPeerSelf',
  'inputPeerUser',
  'inputPeerChat',
  'inputPeerChannel',
  'inputPeerUserFromMessage',
  'inputPeerChannelFromMessage',
]);

/** True for the InputPeer constructors. */
export function isInputPeer(value: PeerLike): value is Api.TypeInputPeer {
  return typeof value === 'object' && '_' in value && INPUT_PEERS.has(value._);
}
