/**
 * Which calls count against the flood limits, and how much: the methods that put messages into a
 * chat (sendMessage, sendMedia, sendMultiMedia, forwardMessages, sendInlineBotResult) count one per
 * message; editMessage counts one edit. Everything else (reads, getDifference, setTyping) is free, as
 * on Telegram, where the published limits are about messages.
 */
import type { Api } from 'telegram-mtproto-core';
import type { FloodCharge } from './flood-control';

/** The charge of one call by `botId`; undefined when the call is not limited. */
export function floodChargeOf(method: string, object: unknown, botId: bigint): FloodCharge | undefined {
  switch (method) {
    case 'messages.sendMessage':
    case 'messages.sendMedia':
    case 'messages.sendInlineBotResult': {
      const { peer } = object as { peer: Api.TypeInputPeer };
      return charge(botId, 'message', peer, 1);
    }
    case 'messages.sendMultiMedia': {
      const { peer, multi_media } = object as Api.MessagesSendMultiMediaRequest;
      return charge(botId, 'message', peer, multi_media.length);
    }
    case 'messages.forwardMessages': {
      const { to_peer, id } = object as Api.MessagesForwardMessagesRequest;
      return charge(botId, 'message', to_peer, id.length);
    }
    case 'messages.editMessage': {
      const { peer } = object as Api.MessagesEditMessageRequest;
      return charge(botId, 'edit', peer, 1);
    }
    default:
      return undefined;
  }
}

function charge(
  botId: bigint,
  kind: FloodCharge['kind'],
  peer: Api.TypeInputPeer,
  count: number,
): FloodCharge | undefined {
  const chat = chatOf(peer);
  // A call with no messages or no chat is refused by its handler; there is nothing to count.
  if (chat === undefined || count < 1) return undefined;
  return { botId, kind, chat, count };
}

function chatOf(peer: Api.TypeInputPeer): FloodCharge['chat'] | undefined {
  switch (peer._) {
    case 'inputPeerUser':
    case 'inputPeerUserFromMessage':
      return { type: 'private', id: peer.user_id };
    case 'inputPeerChat':
      return { type: 'group', id: peer.chat_id };
    case 'inputPeerChannel':
    case 'inputPeerChannelFromMessage':
      return { type: 'group', id: peer.channel_id };
    default:
      return undefined;
  }
}
