// What the updates engine asks its host to do. The engine is sans-IO: it never sends a request or
// starts a timer itself; the client carries out these actions in the order given.
import type * as Api from '../tl/generated/api-types';
import type { PeerRef } from '../peers/peer-ref';
import type { UpdatesState } from './updates-state';

/** Where a delivered update came from. */
export type UpdateSource = 'push' | 'difference' | 'channel-difference';

/** What comes with a delivered update: the users and chats of the object that carried it. */
export interface UpdateContext {
  source: UpdateSource;
  users: readonly Api.TypeUser[];
  chats: readonly Api.TypeChat[];
  /** The date of the carrying Updates object, when it has one. */
  date?: number;
}

/** Why the engine asks for a difference; for logs and tests. */
export type DifferenceReason =
  'catch-up' | 'gap' | 'too-long' | 'slice' | 'incomplete' | 'liveness' | 'resync' | 'retry';

/**
 * The sequence whose stored position decides whether a restart delivers an update again: the common
 * `pts`, `qts`, a channel's pts (`channel:<id>`), or `seq` for updates outside those (callback and
 * inline queries, ...), which no difference returns again.
 */
export type SequenceKey = 'pts' | 'qts' | 'seq' | `channel:${string}`;

/** The {@link SequenceKey} of a channel, from its decimal id (the key of `UpdatesState.channels`). */
export function channelSequenceKey(channelId: string): `channel:${string}` {
  return `channel:${channelId}`;
}

/** Hand this update to the application: each update is delivered once. */
export interface DeliverAction {
  kind: 'deliver';
  update: Api.TypeUpdate;
  context: UpdateContext;
  /** The sequence it moved: storing a state at or past its position means it is never delivered again. */
  sequence: SequenceKey;
}

/** Invoke updates.getState and pass the answer to `handleState`. */
export interface FetchStateAction {
  kind: 'fetch-state';
  request: Api.UpdatesGetStateRequest;
}

/** Invoke updates.getDifference and pass the request and its answer to `handleDifference`. */
export interface FetchDifferenceAction {
  kind: 'fetch-difference';
  request: Api.UpdatesGetDifferenceRequest;
  reason: DifferenceReason;
}

/** Invoke updates.getChannelDifference and pass the request and its answer to `handleChannelDifference`. */
export interface FetchChannelDifferenceAction {
  kind: 'fetch-channel-difference';
  channelId: bigint;
  request: Api.UpdatesGetChannelDifferenceRequest;
  reason: DifferenceReason;
}

/** Call `tick()` at `time` (ms since the epoch); replaces any earlier wake-at. */
export interface WakeAtAction {
  kind: 'wake-at';
  time: number;
}

/**
 * Store this state. It comes after the deliver actions of the same batch: store it once they are
 * handled, and a restart resumes right after them.
 */
export interface PersistAction {
  kind: 'persist';
  state: UpdatesState;
}

/**
 * Peers the engine met without a usable access hash: `min` users or channels, or a channel whose
 * difference cannot be asked for. Fetch them (users.getUsers, channels.getChannels, or the
 * inputPeer*FromMessage forms with `message`), add them to the peer cache and call `peersChanged()`.
 */
export interface NeedsPeersAction {
  kind: 'needs-peers';
  peers: PeerRef[];
  reason: 'min' | 'channel-difference';
  /** The message the peers were seen in, for inputPeerUserFromMessage / inputPeerChannelFromMessage. */
  message?: { peer: Api.TypePeer; id: number };
}

/**
 * Updates were lost for good: the server answered *TooLong and the state jumped from `fromPts` to
 * `toPts`. The application should refetch what it shows (dialogs, history) from the server.
 */
export interface GapAction {
  kind: 'gap';
  channelId?: bigint;
  fromPts: number;
  toPts: number;
  /** For channelDifferenceTooLong: the latest messages of the channel, with their users and chats. */
  messages?: readonly Api.TypeMessage[];
  users?: readonly Api.TypeUser[];
  chats?: readonly Api.TypeChat[];
}

export type UpdatesAction =
  | DeliverAction
  | FetchStateAction
  | FetchDifferenceAction
  | FetchChannelDifferenceAction
  | WakeAtAction
  | PersistAction
  | NeedsPeersAction
  | GapAction;
