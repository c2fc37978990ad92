/**
 * messages.*: private-chat messages (core.telegram.org/method/messages.sendMessage, .editMessage,
 * .forwardMessages, .getMessages), with entities (api/entities), replies and forward headers. The caller's session gets the result; the account's other sessions and the other
 * side get updates from the update pusher.
 */
import { RpcError, type Api } from 'telegram-mtproto-core';
import { loggedInAccount, type CallContext, type MethodHandlers } from '../call-context';
import { keyName } from '../authorizations';
import { toApiMessage, toApiUser } from '../tl-shapes';
import { groupOfPeer } from '../group-peers';
import { chatsFor } from '../group-shapes';
import { editInGroup, sendToGroup } from './group-messages';
import { forwardWithGroups, involvesGroup } from './group-forwards';
import { sendExtrasOf } from './send-extras';
import { textLinkPreview } from './link-previews';
import { toApiMessageMedia } from '../media-shapes';
import { markupEdit } from '../../bots/markup-edits';

export const messagesMethods: MethodHandlers = {
  'messages.sendMessage': (request, context): Api.TypeUpdates => {
    const self = loggedInAccount(context);
    const result = sendMessage(request, self, context);
    context.world.randomIds.record(self, [request.random_id]);
    return result;
  },
  'messages.editMessage': (request, context): Api.Updates => {
    const self = loggedInAccount(context);
    const group = groupOfPeer(context.world, request.peer);
    if (group !== undefined) {
      return editInGroup(
        group,
        self,
        request.id,
        request.message,
        context,
        request.entities,
        request.reply_markup,
      );
    }
    const peerId = resolvePrivatePeer(request.peer, self, context);
    const { world } = context;
    const { message, event } = world.editPrivateMessage(
      self,
      peerId,
      request.id,
      request.message,
      keyName(context.request.authKeyId),
      markupEdit(world, world.box(self).message(request.id)?.replyMarkup, request.reply_markup),
      request.entities,
    );
    return {
      _: 'updates',
      updates: [{ _: 'updateEditMessage', message: toApiMessage(message), pts: event.pts, pts_count: 1 }],
      users: usersOf([self, peerId], self, context),
      chats: [],
      date: world.now(),
      seq: 0,
    };
  },
  'messages.forwardMessages': (request, context): Api.Updates => {
    const self = loggedInAccount(context);
    const { world } = context;
    if (involvesGroup(request, context)) {
      return forwardWithGroups(request, self, context, (peer) => resolvePrivatePeer(peer, self, context));
    }
    const fromPeerId = resolvePrivatePeer(request.from_peer, self, context);
    const toPeerId = resolvePrivatePeer(request.to_peer, self, context);
    const sent = world.forwardPrivateMessages(
      self,
      fromPeerId,
      request.id,
      request.random_id,
      toPeerId,
      keyName(context.request.authKeyId),
      { dropAuthor: request.drop_author, dropMediaCaptions: request.drop_media_captions },
    );
    // As for any new message that is not a short one: each random_id's new id, then the messages.
    return {
      _: 'updates',
      updates: [
        ...sent.map(({ message }, index): Api.TypeUpdate => ({
          _: 'updateMessageID',
          id: message.id,
          random_id: request.random_id[index]!,
        })),
        ...sent.map(({ message, event }): Api.TypeUpdate => ({
          _: 'updateNewMessage',
          message: toApiMessage(message),
          pts: event.pts,
          pts_count: 1,
        })),
      ],
      users: usersOf([self, fromPeerId, toPeerId], self, context),
      chats: [],
      date: world.now(),
      seq: 0,
    };
  },
  'messages.getMessages': (request, context): Api.MessagesMessages => {
    const self = loggedInAccount(context);
    const box = context.world.box(self);
    const peers = new Set<bigint>([self]);
    const messages = request.id.map((input): Api.TypeMessage => {
      const message = input._ === 'inputMessageID' ? box.message(input.id) : undefined;
      if (message === undefined)
        return { _: 'messageEmpty', id: input._ === 'inputMessageID' ? input.id : 0 };
      peers.add(message.peerId);
      peers.add(message.fromId);
      return toApiMessage(message);
    });
    return {
      _: 'messages.messages',
      messages,
      topics: [],
      // Basic-group copies name their chat (peerId is then the chat id; chatsFor skips user ids).
      chats: chatsFor(context.world, peers, self),
      users: usersOf([...peers], self, context),
    };
  },
};

/** messages.sendMessage once its random id is known to be new. */
function sendMessage(
  request: Api.MessagesSendMessageRequest,
  self: bigint,
  context: CallContext,
): Api.TypeUpdates {
  const group = groupOfPeer(context.world, request.peer);
  // The peer is checked first: a bad peer is PEER_ID_INVALID whatever the random id.
  const peerId = group === undefined ? resolvePrivatePeer(request.peer, self, context) : undefined;
  context.world.randomIds.check(self, [request.random_id]);
  const extras = { ...sendExtrasOf(context.world, request), media: textLinkPreview(request) };
  if (group !== undefined) {
    return sendToGroup(group, self, request.message, request.random_id, context, extras);
  }
  const { message, event } = context.world.sendPrivateMessage(
    self,
    peerId!,
    request.message,
    keyName(context.request.authKeyId),
    extras,
  );
  return {
    _: 'updateShortSentMessage',
    out: true,
    id: message.id,
    pts: event.pts,
    pts_count: 1,
    date: message.date,
    entities: message.entities,
    media: message.media === undefined ? undefined : toApiMessageMedia(message.media),
  };
}

/**
 * The user a private-chat peer stands for. Only users the caller can name (their access hash) are
 * valid (group and channel peers are handled before this, see group-peers.ts).
 */
function resolvePrivatePeer(peer: Api.TypeInputPeer, self: bigint, { world }: CallContext): bigint {
  if (peer._ === 'inputPeerUser') {
    const user = world.account(peer.user_id);
    if (user !== undefined && user.id !== self && user.accessHash === peer.access_hash) return user.id;
  }
  throw new RpcError(400, 'PEER_ID_INVALID');
}

function usersOf(ids: readonly bigint[], self: bigint, { world }: CallContext): Api.TypeUser[] {
  return ids.flatMap((id) => {
    const user = world.account(id);
    return user === undefined ? [] : [toApiUser(user, self)];
  });
}
