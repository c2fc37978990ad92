/**
 * updates.*: the state of an account's common message box and the difference since a known pts
 * (core.telegram.org/api/updates). qts counts a bot's member updates (handlers/group-difference.ts);
 * seq is not used by anything this emulator does yet, so it stays 0.
 */
import { RpcError, type Api } from 'telegram-mtproto-core';
import { loggedInAccount, type CallContext, type MethodHandlers } from '../call-context';
import { toApiMessage, toApiUser } from '../tl-shapes';
import type { BoxEvent } from '../../world/records';
import { deletedMessagesUpdate } from '../deleted-messages';
import { participantDifference, withGroupContent } from './group-difference';

export const updatesMethods: MethodHandlers = {
  'updates.getState': (_request, context): Api.UpdatesState => {
    const self = loggedInAccount(context);
    const box = context.world.box(self);
    return state(box.pts, context.world.now(), context.world.groups.qtsOf(self));
  },
  'updates.getDifference': (request, context): Api.TypeUpdatesDifference => {
    const self = loggedInAccount(context);
    const { world } = context;
    const box = world.box(self);
    if (request.pts < 0) throw new RpcError(400, 'PERSISTENT_TIMESTAMP_INVALID');
    const behind = box.pts - request.pts;
    if (request.pts_total_limit !== undefined && behind > request.pts_total_limit) {
      return { _: 'updates.differenceTooLong', pts: box.pts };
    }
    const pending = box.eventsAfter(request.pts);
    const groupPart = participantDifference(self, request.qts, request.qts_limit, context);
    if (pending.length === 0 && groupPart.updates.length === 0) {
      return { _: 'updates.differenceEmpty', date: world.now(), seq: 0 };
    }
    const limit = Math.min(request.pts_limit ?? context.differenceSliceSize, context.differenceSliceSize);
    const events = pending.slice(0, Math.max(1, limit));
    const content = withGroupContent(differenceContent(events, self, context), groupPart, self, context);
    if (events.length === pending.length && groupPart.qts === world.groups.qtsOf(self)) {
      return { _: 'updates.difference', ...content, state: state(box.pts, world.now(), groupPart.qts) };
    }
    const last = events.at(-1);
    return {
      _: 'updates.differenceSlice',
      ...content,
      intermediate_state: state(last?.pts ?? request.pts, last?.date ?? world.now(), groupPart.qts),
    };
  },
};

function state(pts: number, date: number, qts: number): Api.UpdatesState {
  return { _: 'updates.state', pts, qts, date, seq: 0, unread_count: 0 };
}

/** New messages as they are now; edits of older ones as updateEditMessage; deletes as updateDeleteMessages. */
function differenceContent(events: readonly BoxEvent[], self: bigint, { world }: CallContext) {
  const box = world.box(self);
  const newIds = new Set(
    events.filter((event) => event.kind === 'new-message').map((event) => event.messageId),
  );
  const newMessages: Api.TypeMessage[] = [];
  const otherUpdates: Api.TypeUpdate[] = [];
  const peers = new Set<bigint>([self]);
  for (const event of events) {
    if (event.kind === 'delete-message') {
      otherUpdates.push(deletedMessagesUpdate([event]));
      continue;
    }
    const message = box.message(event.messageId);
    if (message === undefined) continue;
    peers.add(message.peerId);
    if (event.kind === 'new-message') newMessages.push(toApiMessage(message));
    else if (!newIds.has(event.messageId)) {
      otherUpdates.push({
        _: 'updateEditMessage',
        message: toApiMessage(message),
        pts: event.pts,
        pts_count: 1,
      });
    }
  }
  const users = [...peers].flatMap((id) => {
    const user = world.account(id);
    return user === undefined ? [] : [toApiUser(user, self)];
  });
  return {
    new_messages: newMessages,
    new_encrypted_messages: [],
    other_updates: otherUpdates,
    chats: [],
    users,
  };
}
