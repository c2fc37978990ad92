// Hand-made Api objects for the updates engine tests.
import type { Api, UpdatesAction, DeliverAction } from '../../src/index';

export const USER_ID = 100n;
export const CHANNEL_ID = 777n;

export function userMessage(id: number, userId = USER_ID): Api.Message {
  return {
    _: 'message',
    id,
    peer_id: { _: 'peerUser', user_id: userId },
    date: 1_700_000_000 + id,
    message: `m${id}`,
  };
}

export function channelMessage(id: number, channelId = CHANNEL_ID): Api.Message {
  return {
    _: 'message',
    id,
    peer_id: { _: 'peerChannel', channel_id: channelId },
    date: 1_700_000_000 + id,
    message: `c${id}`,
  };
}

/** updateNewMessage of message `pts` (message id = pts), pts_count 1. */
export function newMessage(pts: number): Api.UpdateNewMessage {
  return { _: 'updateNewMessage', message: userMessage(pts), pts, pts_count: 1 };
}

export function deleteMessages(pts: number, count: number): Api.UpdateDeleteMessages {
  return {
    _: 'updateDeleteMessages',
    messages: Array.from({ length: count }, (_, i) => i + 1),
    pts,
    pts_count: count,
  };
}

export function newChannelMessage(pts: number, channelId = CHANNEL_ID): Api.UpdateNewChannelMessage {
  return { _: 'updateNewChannelMessage', message: channelMessage(pts, channelId), pts, pts_count: 1 };
}

export function short(update: Api.TypeUpdate, date = 1_700_000_000): Api.UpdateShort {
  return { _: 'updateShort', update, date };
}

export function container(
  updates: Api.TypeUpdate[],
  seq: number,
  options: { seqStart?: number; users?: Api.TypeUser[]; chats?: Api.TypeChat[]; date?: number } = {},
): Api.Updates | Api.UpdatesCombined {
  const common = {
    updates,
    users: options.users ?? [],
    chats: options.chats ?? [],
    date: options.date ?? 1_700_000_000,
  };
  return options.seqStart === undefined
    ? { _: 'updates', ...common, seq }
    : { _: 'updatesCombined', ...common, seq_start: options.seqStart, seq };
}

export function updatesState(pts: number, overrides: Partial<Api.UpdatesState> = {}): Api.UpdatesState {
  return { _: 'updates.state', pts, qts: 0, date: 1_700_000_000, seq: 0, unread_count: 0, ...overrides };
}

export function fullUser(id: bigint, accessHash: bigint, username?: string): Api.User {
  return { _: 'user', id, access_hash: accessHash, ...(username !== undefined && { username }) };
}

export function fullChannel(id: bigint, accessHash: bigint, username?: string): Api.Channel {
  return {
    _: 'channel',
    id,
    access_hash: accessHash,
    title: `channel ${id}`,
    photo: { _: 'chatPhotoEmpty' },
    date: 0,
    ...(username !== undefined && { username }),
  };
}

export function deliveries(actions: UpdatesAction[]): DeliverAction[] {
  return actions.filter((action): action is DeliverAction => action.kind === 'deliver');
}

/** The `pts` of each delivered update (message id for messages of a difference). */
export function deliveredPts(actions: UpdatesAction[]): number[] {
  return deliveries(actions).map(({ update }) => {
    if (
      (update._ === 'updateNewMessage' || update._ === 'updateNewChannelMessage') &&
      update.pts_count === 0
    ) {
      return update.message.id;
    }
    return (update as { pts: number }).pts;
  });
}

export function kinds(actions: UpdatesAction[]): string[] {
  return actions.map((action) => action.kind);
}

export function only<K extends UpdatesAction['kind']>(
  actions: UpdatesAction[],
  kind: K,
): Extract<UpdatesAction, { kind: K }>[] {
  return actions.filter((action): action is Extract<UpdatesAction, { kind: K }> => action.kind === kind);
}
