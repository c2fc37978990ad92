/**
 * messages.forwardMessages from or to a basic group, supergroup or channel
 * (core.telegram.org/method/messages.forwardMessages); private-to-private forwards stay in
 * world.forwardPrivateMessages. Each original must be a text message of `from_peer` as the caller
 * sees it (MESSAGE_ID_INVALID otherwise, and nothing is sent); each copy is a new message of the
 * target, sent as the caller, with `fwd_from` naming the original's author (a channel for a post)
 * and date, kept from the first forward when forwarded again; media go along.
 */
import { RpcError, type Api } from 'telegram-mtproto-core';
import type { GroupRecord } from '../../world/group-records';
import type { ForwardOrigin } from '../../world/records';
import { keyName } from '../authorizations';
import type { CallContext } from '../call-context';
import { groupOfPeer } from '../group-peers';
import { chatsFor, usersFor } from '../group-shapes';
import { toApiMessage } from '../tl-shapes';
import type { MessageMedium } from '../../world/media-records';
import { newGroupMessageUpdate } from './group-messages';
import { forwardedCopy } from '../../world/forward-copies';

/** What is forwarded of an original. */
interface Original {
  readonly text: string;
  readonly entities: Api.TypeMessageEntity[] | undefined;
  readonly origin: ForwardOrigin;
  readonly media: MessageMedium | undefined;
}

/** True when the forward involves a group or channel (then {@link forwardWithGroups} serves it). */
export function involvesGroup(request: Api.MessagesForwardMessagesRequest, context: CallContext): boolean {
  return (
    groupOfPeer(context.world, request.from_peer) !== undefined ||
    groupOfPeer(context.world, request.to_peer) !== undefined
  );
}

export function forwardWithGroups(
  request: Api.MessagesForwardMessagesRequest,
  self: bigint,
  context: CallContext,
  resolvePrivatePeer: (peer: Api.TypeInputPeer) => bigint,
): Api.Updates {
  const { world } = context;
  const fromGroup = groupOfPeer(world, request.from_peer);
  const toGroup = groupOfPeer(world, request.to_peer);
  const fromPeerId = fromGroup === undefined ? resolvePrivatePeer(request.from_peer) : undefined;
  const toPeerId = toGroup === undefined ? resolvePrivatePeer(request.to_peer) : undefined;
  if (request.id.length === 0) throw new RpcError(400, 'MESSAGE_ID_INVALID');
  const originals = request.id.map((id) => originalOf(id, self, fromGroup, fromPeerId, context));
  if (request.random_id.length !== request.id.length) throw new RpcError(400, 'RANDOM_ID_INVALID');
  world.randomIds.check(self, request.random_id);
  const origin = keyName(context.request.authKeyId);
  const updates: Api.TypeUpdate[] = [];
  const newMessages: Api.TypeUpdate[] = [];
  const userIds = new Set<bigint>([self]);
  const options = { dropAuthor: request.drop_author, dropMediaCaptions: request.drop_media_captions };
  originals.forEach((original, index) => {
    const { text, extras } = forwardedCopy(original, options);
    let id: number;
    if (toGroup === undefined) {
      const { message, event } = world.sendPrivateMessage(self, toPeerId!, text, origin, extras);
      id = message.id;
      newMessages.push({
        _: 'updateNewMessage',
        message: toApiMessage(message),
        pts: event.pts,
        pts_count: 1,
      });
      userIds.add(toPeerId!);
    } else {
      const sent = world.groups.sendMessage(self, toGroup, text, origin, extras);
      id = sent.message.id;
      newMessages.push(newGroupMessageUpdate(sent, self));
    }
    if (!original.origin.fromChannel && request.drop_author !== true) userIds.add(original.origin.fromId);
    updates.push({ _: 'updateMessageID', id, random_id: request.random_id[index]! });
  });
  world.randomIds.record(self, request.random_id);
  const chatIds = [fromGroup?.id, toGroup?.id].filter((id): id is bigint => id !== undefined);
  for (const original of originals)
    if (original.origin.fromChannel && request.drop_author !== true) chatIds.push(original.origin.fromId);
  return {
    _: 'updates',
    updates: [...updates, ...newMessages],
    users: usersFor(world, userIds, self),
    chats: chatsFor(world, chatIds, self),
    date: world.now(),
    seq: 0,
  };
}

function originalOf(
  id: number,
  self: bigint,
  fromGroup: GroupRecord | undefined,
  fromPeerId: bigint | undefined,
  { world }: CallContext,
): Original {
  const invalid = () => new RpcError(400, 'MESSAGE_ID_INVALID');
  if (fromGroup?.kind === 'channel') {
    if (!fromGroup.members.has(self)) throw new RpcError(400, 'CHANNEL_PRIVATE');
    const message = fromGroup.messages.get(id);
    if (message === undefined || message.action !== undefined) throw invalid();
    const origin: ForwardOrigin =
      message.forwardedFrom ??
      (message.fromId === undefined
        ? { fromId: fromGroup.id, fromChannel: true, date: message.date }
        : { fromId: message.fromId, date: message.date });
    return { text: message.text, entities: message.entities, origin, media: message.media };
  }
  const message = world.box(self).message(id);
  const inChat =
    fromGroup === undefined
      ? message?.peerId === fromPeerId && message?.chatId === undefined
      : message?.chatId === fromGroup.id;
  if (message === undefined || !inChat || message.action !== undefined) throw invalid();
  return {
    text: message.text,
    entities: message.entities,
    origin: message.forwardedFrom ?? { fromId: message.fromId, date: message.date },
    media: message.media,
  };
}
