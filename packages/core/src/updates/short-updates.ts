// The short Updates constructors stand for an updateShort around a full update
// (https://core.telegram.org/api/updates: "They should be transformed to updateShort upon receival").
// These functions rebuild the full update from them.
import type * as Api from '../tl/generated/api-types';

/**
 * What updateShortSentMessage leaves out: it answers a send request, so the peer and the text come
 * from that request.
 */
export interface SentMessageOrigin {
  /** The peer the message was sent to. */
  peer: Api.TypePeer;
  /** The text that was sent. */
  message: string;
  reply_to?: Api.TypeMessageReplyHeader;
}

function peerUser(userId: bigint): Api.PeerUser {
  return { _: 'peerUser', user_id: userId };
}

/**
 * The updateNewMessage an updateShortMessage stands for. `selfUserId` becomes `from_id` of outgoing
 * messages; without it an outgoing message has no `from_id`.
 */
export function expandShortMessage(short: Api.UpdateShortMessage, selfUserId?: bigint): Api.UpdateNewMessage {
  const from = short.out ? selfUserId : short.user_id;
  const message: Api.Message = {
    _: 'message',
    ...flags(short),
    id: short.id,
    ...(from !== undefined && { from_id: peerUser(from) }),
    peer_id: peerUser(short.user_id),
    ...optional(short),
    date: short.date,
    message: short.message,
  };
  return { _: 'updateNewMessage', message, pts: short.pts, pts_count: short.pts_count };
}

/** The updateNewMessage an updateShortChatMessage (a message in a basic group) stands for. */
export function expandShortChatMessage(short: Api.UpdateShortChatMessage): Api.UpdateNewMessage {
  const message: Api.Message = {
    _: 'message',
    ...flags(short),
    id: short.id,
    from_id: peerUser(short.from_id),
    peer_id: { _: 'peerChat', chat_id: short.chat_id },
    ...optional(short),
    date: short.date,
    message: short.message,
  };
  return { _: 'updateNewMessage', message, pts: short.pts, pts_count: short.pts_count };
}

/**
 * The update an updateShortSentMessage stands for, completed from the request that sent it:
 * updateNewChannelMessage for a channel, updateNewMessage otherwise.
 */
export function expandShortSentMessage(
  short: Api.UpdateShortSentMessage,
  origin: SentMessageOrigin,
  selfUserId?: bigint,
): Api.UpdateNewMessage | Api.UpdateNewChannelMessage {
  const message: Api.Message = {
    _: 'message',
    out: true,
    id: short.id,
    ...(selfUserId !== undefined && { from_id: peerUser(selfUserId) }),
    peer_id: origin.peer,
    ...(origin.reply_to !== undefined && { reply_to: origin.reply_to }),
    date: short.date,
    message: origin.message,
    ...(short.media !== undefined && { media: short.media }),
    ...(short.entities !== undefined && { entities: short.entities }),
    ...(short.ttl_period !== undefined && { ttl_period: short.ttl_period }),
  };
  const kind = origin.peer._ === 'peerChannel' ? 'updateNewChannelMessage' : 'updateNewMessage';
  return { _: kind, message, pts: short.pts, pts_count: short.pts_count };
}

type ShortMessage = Api.UpdateShortMessage | Api.UpdateShortChatMessage;

function flags(short: ShortMessage): Partial<Api.Message> {
  return {
    ...(short.out && { out: true }),
    ...(short.mentioned && { mentioned: true }),
    ...(short.media_unread && { media_unread: true }),
    ...(short.silent && { silent: true }),
  };
}

function optional(short: ShortMessage): Partial<Api.Message> {
  return {
    ...(short.fwd_from !== undefined && { fwd_from: short.fwd_from }),
    ...(short.via_bot_id !== undefined && { via_bot_id: short.via_bot_id }),
    ...(short.reply_to !== undefined && { reply_to: short.reply_to }),
    ...(short.entities !== undefined && { entities: short.entities }),
    ...(short.ttl_period !== undefined && { ttl_period: short.ttl_period }),
  };
}
