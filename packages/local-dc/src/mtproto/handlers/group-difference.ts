/**
 * The group part of updates.getDifference (core.telegram.org/api/updates): a bot's member updates
 * with qts above the client's, and the chats and users that basic-group messages of the common box
 * name. Channel messages are not part of it: they have their own pts and updates.getChannelDifference.
 */
import type { Api } from 'telegram-mtproto-core';
import type { CallContext } from '../call-context';
import { chatsFor, toApiParticipantUpdate, usersFor } from '../group-shapes';

export interface GroupDifference {
  readonly updates: Api.TypeUpdate[];
  /** The qts the answer brings the client to. */
  readonly qts: number;
}

/** Member updates after `qts` (at most `qtsLimit` of them). */
export function participantDifference(
  self: bigint,
  qts: number,
  qtsLimit: number | undefined,
  { world }: CallContext,
): GroupDifference {
  const pending = world.groups.participantEventsAfter(self, qts);
  const events = qtsLimit === undefined ? pending : pending.slice(0, Math.max(1, qtsLimit));
  return {
    updates: events.map((event) => toApiParticipantUpdate(event, self)),
    qts: events.at(-1)?.qts ?? Math.max(qts, 0),
  };
}

/**
 * Adds member updates to a difference's content, and the chats and users its group messages and
 * member updates name.
 */
export function withGroupContent<
  T extends {
    new_messages: Api.TypeMessage[];
    other_updates: Api.TypeUpdate[];
    chats: Api.TypeChat[];
    users: Api.TypeUser[];
  },
>(content: T, groupPart: GroupDifference, self: bigint, { world }: CallContext): T {
  const chatIds = new Set<bigint>();
  const userIds = new Set<bigint>();
  const messages = [
    ...content.new_messages,
    ...content.other_updates.flatMap((update) =>
      update._ === 'updateEditMessage' || update._ === 'updateNewMessage' ? [update.message] : [],
    ),
  ];
  for (const message of messages) {
    if (message._ === 'messageEmpty' || message.peer_id._ !== 'peerChat') continue;
    chatIds.add(message.peer_id.chat_id);
    if (message.from_id?._ === 'peerUser') userIds.add(message.from_id.user_id);
    if (message._ === 'messageService') {
      const action = message.action;
      if ('users' in action) for (const id of action.users) userIds.add(id);
      if ('user_id' in action) userIds.add(action.user_id);
    }
  }
  for (const update of groupPart.updates) {
    if (update._ === 'updateChatParticipant') chatIds.add(update.chat_id);
    if (update._ === 'updateChannelParticipant') chatIds.add(update.channel_id);
    if (update._ === 'updateChatParticipant' || update._ === 'updateChannelParticipant') {
      userIds.add(update.actor_id);
      userIds.add(update.user_id);
    }
  }
  const known = new Set(content.users.map((user) => (user as { id: bigint }).id));
  return {
    ...content,
    other_updates: [...content.other_updates, ...groupPart.updates],
    chats: [...content.chats, ...chatsFor(world, chatIds, self)],
    users: [
      ...content.users,
      ...usersFor(
        world,
        [...userIds].filter((id) => !known.has(id)),
        self,
      ),
    ],
  };
}
