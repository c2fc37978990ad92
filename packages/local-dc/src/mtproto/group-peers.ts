/**
 * Which group or channel an input peer or input channel names, with Telegram's errors
 * (core.telegram.org/api/errors): an unknown chat is PEER_ID_INVALID, an unknown channel or a wrong
 * access hash is CHANNEL_INVALID, a channel the caller is not in is CHANNEL_PRIVATE.
 */
import { RpcError, type Api } from 'telegram-mtproto-core';
import type { BasicGroupRecord, ChannelRecord, GroupRecord } from '../world/group-records';
import type { World } from '../world/world';

/** The group an input peer names; undefined when it names a user (or self). */
export function groupOfPeer(world: World, peer: Api.TypeInputPeer): GroupRecord | undefined {
  switch (peer._) {
    case 'inputPeerChat':
      return basicGroup(world, peer.chat_id);
    case 'inputPeerChannel':
      return channelOf(world, peer.channel_id, peer.access_hash);
    default:
      return undefined;
  }
}

export function basicGroup(world: World, chatId: bigint): BasicGroupRecord {
  const group = world.groups.group(chatId);
  if (group?.kind !== 'chat') throw new RpcError(400, 'PEER_ID_INVALID');
  return group;
}

/** A channel by id and access hash, whether or not the caller is a member. */
export function channelOf(world: World, channelId: bigint, accessHash: bigint): ChannelRecord {
  const group = world.groups.group(channelId);
  if (group?.kind !== 'channel' || group.accessHash !== accessHash)
    throw new RpcError(400, 'CHANNEL_INVALID');
  return group;
}

/** The channel an InputChannel names, whether or not the caller is a member. */
export function channelOfInput(world: World, input: Api.TypeInputChannel): ChannelRecord {
  if (input._ !== 'inputChannel') throw new RpcError(400, 'CHANNEL_INVALID');
  return channelOf(world, input.channel_id, input.access_hash);
}

/** The channel an InputChannel names, for a member only (CHANNEL_PRIVATE otherwise). */
export function joinedChannel(world: World, input: Api.TypeInputChannel, self: bigint): ChannelRecord {
  const channel = channelOfInput(world, input);
  if (!channel.members.has(self)) throw new RpcError(400, 'CHANNEL_PRIVATE');
  return channel;
}
