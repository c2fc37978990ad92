/** The world's records as the API's TL objects, seen by one account. */
import type { Api } from 'telegram-mtproto-core';
import type { StoredMessage, UserRecord } from '../world/records';
import { fwdHeader, replyHeader, toApiChatMessage, withContent } from './group-message-shapes';

export function peerUser(userId: bigint): Api.PeerUser {
  return { _: 'peerUser', user_id: userId };
}

/** `user` as `viewerId` sees it: `self` for their own account, bot flags for bots. */
export function toApiUser(user: UserRecord, viewerId: bigint): Api.User {
  const self = user.id === viewerId;
  return {
    _: 'user',
    self: self || undefined,
    bot: user.bot || undefined,
    // Clients refetch a bot's info when this version changes; bots here have one version.
    bot_info_version: user.bot ? 1 : undefined,
    id: user.id,
    access_hash: user.accessHash,
    first_name: user.firstName,
    last_name: user.lastName,
    username: user.username,
    status: user.bot ? undefined : { _: 'userStatusRecently' },
  };
}

/**
 * A private-chat message of the owner's box. `peer_id` is the other side; `from_id` is set on the
 * owner's own messages and left out on incoming ones, where the sender is the peer.
 */
export function toApiMessage(message: StoredMessage): Api.TypeMessage {
  if (message.chatId !== undefined) return toApiChatMessage(message);
  const header = {
    out: message.out || undefined,
    id: message.id,
    from_id: message.out ? peerUser(message.fromId) : undefined,
    peer_id: peerUser(message.peerId),
    date: message.date,
  };
  return withContent(header, message);
}

/** The reply header of a copy: the replied message's id in the same box (constructor/messageReplyHeader). */
export function replyHeaderOf(message: StoredMessage): Api.MessageReplyHeader | undefined {
  return replyHeader(message.replyToMessageId);
}

/** The forward header of a forwarded copy (constructor/messageFwdHeader): original author and date. */
export function forwardHeaderOf(message: StoredMessage): Api.MessageFwdHeader | undefined {
  return fwdHeader(message.forwardedFrom);
}
