// The updates engine: keeps the update sequences of https://core.telegram.org/api/updates in order.
// It is sans-IO: pushed Updates and the answers of updates.getState / getDifference /
// getChannelDifference go in, actions come out (deliver, fetch, wake-at, persist, needs-peers, gap),
// and time is read from an injected clock. The client carries out the actions.
import type { Clock } from '../crypto/clock';
import type { PeerRef } from '../peers/peer-ref';
import type * as Api from '../tl/generated/api-types';
import { HeldUpdates } from './held-updates';
import {
  expandShortChatMessage,
  expandShortMessage,
  expandShortSentMessage,
  type SentMessageOrigin,
} from './short-updates';
import {
  channelSequenceKey,
  type DifferenceReason,
  type SequenceKey,
  type UpdateContext,
  type UpdatesAction,
} from './updates-actions';
import { copyUpdatesState, sameUpdatesState, type UpdatesState } from './updates-state';
import { updateSequence } from './update-sequence';

/** What the engine needs from the peer cache ({@link PeerCache} implements it). */
export interface UpdatesPeerDirectory {
  /** Records the users and chats that came with updates. */
  remember(users: readonly Api.TypeUser[], chats: readonly Api.TypeChat[]): void;
  /** True when the peer can be addressed (users and channels need an access hash). */
  isKnown(peer: PeerRef): boolean;
  /** The InputChannel to ask a channel's difference with, or undefined while its hash is unknown. */
  inputChannel(peer: PeerRef): Api.InputChannel | undefined;
}

export interface UpdatesEngineOptions {
  clock: Clock;
  /** The state persisted by an earlier run; without it the engine starts with updates.getState. */
  state?: UpdatesState;
  /** The peer cache; without it short updates are not checked for missing peers and channel gaps cannot be filled. */
  peers?: UpdatesPeerDirectory;
  /** The account's own user id, the `from_id` of outgoing short messages. */
  selfUserId?: bigint;
  /** How long a gap may stay open before a difference is asked for (spec: up to 0.5 s). */
  gapHoldMs?: number;
  /** Silence after which a difference is asked for (spec: 15 minutes). */
  livenessMs?: number;
  /** Delay before a failed fetch is asked again. */
  retryDelayMs?: number;
  /** pts_total_limit of updates.getDifference; undefined lets the server choose. */
  ptsTotalLimit?: number;
  /** limit of updates.getChannelDifference (spec recommends 10-100 for users; bots may ask more). */
  channelDifferenceLimit?: number;
  /**
   * Channels (decimal ids, with a pts in `state`) that were behind when `state` was stored: their
   * difference is asked once the start-up getDifference is done, as nothing else would ask it.
   */
  behindChannels?: readonly string[];
}

/** What failed, for {@link UpdatesEngine.handleFetchFailed}. */
export type FetchTarget =
  { kind: 'state' } | { kind: 'difference' } | { kind: 'channel-difference'; channelId: bigint };

interface Entry {
  /** Undefined for an updateShortSentMessage without its origin: it moves pts but has nothing to deliver. */
  update: Api.TypeUpdate | undefined;
  context: UpdateContext;
}

interface HeldContainer {
  entries: Entry[];
  date: number;
}

interface ChannelBox {
  held: HeldUpdates<Entry>;
  deadline: number | undefined;
  retryAt: number | undefined;
  request: Api.UpdatesGetChannelDifferenceRequest | undefined;
  awaitingPeer: boolean;
  /** Behind at the last stop: its difference is asked after the start-up getDifference. */
  catchUp: boolean;
}

type CommonPhase = 'idle' | 'fetching-state' | 'fetching-difference';

const NO_CONTEXT: UpdateContext = { source: 'push', users: [], chats: [] };

/**
 * Applies updates in the order of their sequences, holds them briefly across gaps, fills gaps with
 * differences and never delivers an update twice.
 *
 * @example
 * ```ts
 * const engine = new UpdatesEngine({ clock: systemClock, state: await storage.loadUpdatesState(), peers });
 * run(engine.start());
 * connection.on('updates', (updates) => run(engine.handleUpdates(updates)));
 * // run() delivers, invokes the fetches (passing answers back), stores persist states, sets the wake-at timer.
 * ```
 */
export class UpdatesEngine {
  private readonly clock: Clock;
  private readonly peers: UpdatesPeerDirectory | undefined;
  private readonly selfUserId: bigint | undefined;
  private readonly gapHoldMs: number;
  private readonly livenessMs: number;
  private readonly retryDelayMs: number;
  private readonly ptsTotalLimit: number | undefined;
  private readonly channelDifferenceLimit: number;

  private readonly state: UpdatesState;
  private stateKnown: boolean;
  private persisted: UpdatesState | undefined;
  private phase: CommonPhase = 'idle';
  private differenceRequest: Api.UpdatesGetDifferenceRequest | undefined;
  private differenceAgain = false;
  private commonDeadline: number | undefined;
  private commonRetryAt: number | undefined;
  private lastActivity: number;
  private readonly heldPts = new HeldUpdates<Entry>();
  private readonly heldQts = new HeldUpdates<Entry>();
  private readonly heldSeq = new HeldUpdates<HeldContainer>();
  private readonly channels = new Map<bigint, ChannelBox>();
  private actions: UpdatesAction[] = [];

  constructor(options: UpdatesEngineOptions) {
    this.clock = options.clock;
    this.peers = options.peers;
    this.selfUserId = options.selfUserId;
    this.gapHoldMs = options.gapHoldMs ?? 500;
    this.livenessMs = options.livenessMs ?? 15 * 60_000;
    this.retryDelayMs = options.retryDelayMs ?? 1_000;
    this.ptsTotalLimit = options.ptsTotalLimit;
    this.channelDifferenceLimit = options.channelDifferenceLimit ?? 100;
    this.stateKnown = options.state !== undefined;
    this.state = options.state
      ? copyUpdatesState(options.state)
      : { pts: 0, qts: 0, seq: 0, date: 0, channels: {} };
    this.persisted = options.state ? copyUpdatesState(options.state) : undefined;
    this.lastActivity = this.clock.now();
    for (const id of options.behindChannels ?? []) {
      if (this.state.channels[id] !== undefined) this.channelBox(BigInt(id)).catchUp = true;
    }
  }

  /**
   * Channels (decimal ids) whose pts in the state lies before updates the engine knows of or waits
   * for: a catch-up still to ask, a difference in flight or to retry, updates held past a gap, a peer
   * awaited. Stored with the state, so a start asks their difference at once.
   */
  channelsBehind(): string[] {
    const behind: string[] = [];
    for (const [channelId, box] of this.channels) {
      // Runs on every stored state: the flags first, the id's string only for a channel behind.
      if (!(box.catchUp || box.request || box.awaitingPeer || box.retryAt !== undefined || box.held.size > 0))
        continue;
      const key = channelId.toString();
      if (this.state.channels[key] !== undefined) behind.push(key);
    }
    return behind;
  }

  /**
   * The channel cannot be read any more (CHANNEL_PRIVATE, CHANNEL_INVALID: the bot was removed, the
   * channel deleted): forgets its sequence and held updates. A later update of it starts afresh.
   */
  dropChannel(channelId: bigint): UpdatesAction[] {
    this.channels.delete(channelId);
    delete this.state.channels[channelId.toString()];
    return this.flush();
  }

  /** A copy of the current state. */
  getState(): UpdatesState {
    return copyUpdatesState(this.state);
  }

  /**
   * Start-up: without a state, updates.getState; with one, updates.getDifference from it, so what
   * arrived while the client was down is delivered (spec: on startup only getDifference is called).
   */
  start(): UpdatesAction[] {
    this.lastActivity = this.clock.now();
    if (this.stateKnown) this.requestDifference('catch-up');
    else this.requestState();
    return this.flush();
  }

  /**
   * A new session was created on the server (or the connection was replaced): updates may have been
   * lost, so the difference is asked for.
   */
  resync(): UpdatesAction[] {
    if (this.stateKnown) this.requestDifference('resync');
    return this.flush();
  }

  /**
   * An Updates object pushed by the server (or returned by a method). `origin` completes an
   * updateShortSentMessage with the request that sent it.
   */
  handleUpdates(updates: Api.TypeUpdates, origin?: SentMessageOrigin): UpdatesAction[] {
    this.lastActivity = this.clock.now();
    switch (updates._) {
      case 'updatesTooLong':
        this.requestDifference('too-long');
        break;
      case 'updateShort':
        this.offer(updates.update, { ...NO_CONTEXT, date: updates.date });
        break;
      case 'updateShortMessage':
      case 'updateShortChatMessage':
        this.offerShortMessage(updates);
        break;
      case 'updateShortSentMessage': {
        const update = origin ? expandShortSentMessage(updates, origin, this.selfUserId) : undefined;
        const sequence = update ? updateSequence(update) : undefined;
        const context = { ...NO_CONTEXT, date: updates.date };
        if (update && sequence?.box === 'channel')
          this.offerChannel(sequence.channelId, sequence, { update, context });
        else this.offerCommon(updates.pts, updates.pts_count, { update, context });
        break;
      }
      case 'updates':
      case 'updatesCombined':
        this.offerContainer(updates);
        break;
    }
    return this.flush();
  }

  /** The answer to updates.getState. */
  handleState(state: Api.TypeUpdatesState): UpdatesAction[] {
    if (this.phase !== 'fetching-state') return this.flush();
    this.lastActivity = this.clock.now();
    this.phase = 'idle';
    this.stateKnown = true;
    this.setCommonState(state);
    this.drainCommon();
    return this.flush();
  }

  /**
   * The answer to an updates.getDifference this engine asked for. An answer to any other request
   * (a stale or repeated one) is ignored, so a difference is never applied twice.
   */
  handleDifference(
    request: Api.UpdatesGetDifferenceRequest,
    difference: Api.TypeUpdatesDifference,
  ): UpdatesAction[] {
    if (this.phase !== 'fetching-difference' || request !== this.differenceRequest) return this.flush();
    this.lastActivity = this.clock.now();
    this.phase = 'idle';
    this.differenceRequest = undefined;
    switch (difference._) {
      case 'updates.differenceEmpty':
        this.state.date = difference.date;
        this.state.seq = difference.seq;
        break;
      case 'updates.difference':
      case 'updates.differenceSlice': {
        this.deliverDifference(difference);
        const next = difference._ === 'updates.difference' ? difference.state : difference.intermediate_state;
        this.setCommonState(next);
        if (difference._ === 'updates.differenceSlice') {
          this.requestDifference('slice');
          return this.flush();
        }
        break;
      }
      case 'updates.differenceTooLong':
        // Spec: re-fetch the state and restart from it; what lies between is lost and signalled.
        this.actions.push({ kind: 'gap', fromPts: this.state.pts, toPts: difference.pts });
        this.state.pts = difference.pts;
        this.requestDifference('too-long');
        return this.flush();
    }
    this.drainCommon();
    if (this.differenceAgain) this.requestDifference('incomplete');
    else this.requestCatchUps();
    return this.flush();
  }

  /** The answer to an updates.getChannelDifference this engine asked for; others are ignored. */
  handleChannelDifference(
    channelId: bigint,
    request: Api.UpdatesGetChannelDifferenceRequest,
    difference: Api.TypeUpdatesChannelDifference,
  ): UpdatesAction[] {
    const box = this.channels.get(channelId);
    if (!box || box.request !== request) return this.flush();
    this.lastActivity = this.clock.now();
    box.request = undefined;
    const key = channelId.toString();
    switch (difference._) {
      case 'updates.channelDifferenceEmpty':
        this.state.channels[key] = difference.pts;
        break;
      case 'updates.channelDifference': {
        this.peers?.remember(difference.users, difference.chats);
        const context: UpdateContext = {
          source: 'channel-difference',
          users: difference.users,
          chats: difference.chats,
        };
        this.reportMinPeers(difference.users, difference.chats);
        const sequence = channelSequenceKey(key);
        for (const message of difference.new_messages) {
          this.deliver(
            { _: 'updateNewChannelMessage', message, pts: difference.pts, pts_count: 0 },
            context,
            sequence,
          );
        }
        for (const update of difference.other_updates) this.deliver(update, context, sequence);
        this.state.channels[key] = difference.pts;
        break;
      }
      case 'updates.channelDifferenceTooLong': {
        this.peers?.remember(difference.users, difference.chats);
        const dialogPts = difference.dialog._ === 'dialog' ? difference.dialog.pts : undefined;
        const fromPts = this.state.channels[key] ?? 0;
        this.actions.push({
          kind: 'gap',
          channelId,
          fromPts,
          toPts: dialogPts ?? fromPts,
          messages: difference.messages,
          users: difference.users,
          chats: difference.chats,
        });
        if (dialogPts !== undefined) this.state.channels[key] = dialogPts;
        break;
      }
    }
    if (!difference.final) this.requestChannelDifference(channelId, 'slice');
    else this.drainChannel(channelId);
    return this.flush();
  }

  /**
   * A fetch the engine asked for failed (RPC error, timeout); it is asked again after `retryAfterMs`
   * (a FLOOD_WAIT's wait), or after retryDelayMs.
   */
  handleFetchFailed(target: FetchTarget, retryAfterMs?: number): UpdatesAction[] {
    const retryAt = this.clock.now() + Math.max(retryAfterMs ?? 0, this.retryDelayMs);
    if (target.kind === 'channel-difference') {
      const box = this.channels.get(target.channelId);
      if (box?.request) {
        box.request = undefined;
        box.retryAt = retryAt;
      }
    } else if (
      (target.kind === 'state' && this.phase === 'fetching-state') ||
      (target.kind === 'difference' && this.phase === 'fetching-difference')
    ) {
      this.phase = 'idle';
      this.differenceRequest = undefined;
      this.commonRetryAt = retryAt;
    }
    return this.flush();
  }

  /** Peers were added to the directory: channel differences waiting for an access hash are asked now. */
  peersChanged(): UpdatesAction[] {
    for (const [channelId, box] of this.channels) {
      if (box.awaitingPeer) {
        box.awaitingPeer = false;
        this.requestChannelDifference(channelId, 'gap');
      }
    }
    return this.flush();
  }

  /** Time passed: closes expired holds with a difference, retries failed fetches, checks liveness. */
  tick(): UpdatesAction[] {
    const now = this.clock.now();
    if (this.commonRetryAt !== undefined && this.commonRetryAt <= now) {
      this.commonRetryAt = undefined;
      if (this.stateKnown) this.requestDifference('retry');
      else this.requestState();
    }
    if (this.commonDeadline !== undefined && this.commonDeadline <= now) this.requestDifference('gap');
    for (const [channelId, box] of this.channels) {
      if (box.retryAt !== undefined && box.retryAt <= now) {
        box.retryAt = undefined;
        this.requestChannelDifference(channelId, 'retry');
      }
      if (box.deadline !== undefined && box.deadline <= now) this.requestChannelDifference(channelId, 'gap');
    }
    if (this.stateKnown && this.phase === 'idle' && now >= this.lastActivity + this.livenessMs) {
      this.requestDifference('liveness');
    }
    return this.flush();
  }

  // --- intake -------------------------------------------------------------------------------------

  private offerContainer(container: Api.Updates | Api.UpdatesCombined): void {
    this.peers?.remember(container.users, container.chats);
    this.reportMinPeers(container.users, container.chats);
    const context: UpdateContext = {
      source: 'push',
      users: container.users,
      chats: container.chats,
      date: container.date,
    };
    // Spec, "Update handling": updates of a message box are checked against their own sequence first;
    // the others are then ordered by the container's seq.
    const rest: Entry[] = [];
    for (const update of container.updates) {
      if (updateSequence(update).box === 'none' && update._ !== 'updateChannelTooLong')
        rest.push({ update, context });
      else this.offer(update, context);
    }
    const seqStart = container._ === 'updatesCombined' ? container.seq_start : container.seq;
    if (seqStart === 0) {
      this.state.date = Math.max(this.state.date, container.date);
      for (const entry of rest) this.deliverEntry(entry, 'seq');
      return;
    }
    const held = {
      before: seqStart - 1,
      after: container.seq,
      item: { entries: rest, date: container.date },
    };
    if (!this.commonReady()) {
      this.heldSeq.add(held);
      return;
    }
    if (held.before === this.state.seq) {
      this.state.seq = container.seq;
      this.state.date = Math.max(this.state.date, container.date);
      for (const entry of rest) this.deliverEntry(entry, 'seq');
      this.drainCommon();
    } else if (held.before > this.state.seq) {
      this.heldSeq.add(held);
      this.armCommonHold();
    }
  }

  private offer(update: Api.TypeUpdate, context: UpdateContext): void {
    if (update._ === 'updateChannelTooLong') {
      this.channelTooLong(update);
      return;
    }
    const sequence = updateSequence(update);
    switch (sequence.box) {
      case 'common':
        this.offerCommon(sequence.pts, sequence.ptsCount, { update, context });
        break;
      case 'channel':
        this.offerChannel(sequence.channelId, sequence, { update, context });
        break;
      case 'qts':
        this.offerQts(sequence.qts, { update, context });
        break;
      case 'none':
        this.deliver(update, context, 'seq');
        break;
    }
  }

  private offerShortMessage(short: Api.UpdateShortMessage | Api.UpdateShortChatMessage): void {
    const needed: PeerRef[] =
      short._ === 'updateShortMessage'
        ? [{ kind: 'user', id: short.user_id }]
        : [
            { kind: 'user', id: short.from_id },
            { kind: 'chat', id: short.chat_id },
          ];
    const peers = this.peers;
    if (peers && !needed.every((peer) => peers.isKnown(peer))) {
      // Spec, "Recovering gaps": an incomplete update (peers missing from a short constructor) is
      // fetched with getDifference, which carries the users and chats. One already applied is dropped.
      if (this.commonReady() && short.pts - short.pts_count < this.state.pts) return;
      if (this.phase === 'fetching-difference') this.differenceAgain = true;
      else this.requestDifference('incomplete');
      return;
    }
    const update =
      short._ === 'updateShortMessage'
        ? expandShortMessage(short, this.selfUserId)
        : expandShortChatMessage(short);
    this.offerCommon(short.pts, short.pts_count, { update, context: { ...NO_CONTEXT, date: short.date } });
  }

  private offerCommon(pts: number, ptsCount: number, entry: Entry): void {
    const held = { before: pts - ptsCount, after: pts, item: entry };
    if (!this.commonReady()) {
      this.heldPts.add(held);
      return;
    }
    if (held.before === this.state.pts) {
      this.state.pts = pts;
      this.deliverEntry(entry, 'pts');
      this.drainCommon();
    } else if (held.before > this.state.pts) {
      this.heldPts.add(held);
      this.armCommonHold();
    }
  }

  private offerQts(qts: number, entry: Entry): void {
    // Spec: qts events are never grouped, so qts_count is 1.
    const held = { before: qts - 1, after: qts, item: entry };
    if (!this.commonReady()) {
      this.heldQts.add(held);
      return;
    }
    if (held.before === this.state.qts) {
      this.state.qts = qts;
      this.deliverEntry(entry, 'qts');
      this.drainCommon();
    } else if (held.before > this.state.qts) {
      this.heldQts.add(held);
      this.armCommonHold();
    }
  }

  private offerChannel(channelId: bigint, sequence: { pts: number; ptsCount: number }, entry: Entry): void {
    const box = this.channelBox(channelId);
    const key = channelId.toString();
    const held = { before: sequence.pts - sequence.ptsCount, after: sequence.pts, item: entry };
    const local = this.state.channels[key];
    if (box.request || box.awaitingPeer) {
      box.held.add(held);
      return;
    }
    if (local === undefined) {
      // The first update of a channel starts its sequence: there is no earlier state to compare with.
      this.state.channels[key] = sequence.pts;
      this.deliverEntry(entry, channelSequenceKey(key));
      this.drainChannel(channelId);
    } else if (held.before === local) {
      this.state.channels[key] = sequence.pts;
      this.deliverEntry(entry, channelSequenceKey(key));
      this.drainChannel(channelId);
    } else if (held.before > local) {
      box.held.add(held);
      box.deadline ??= this.clock.now() + this.gapHoldMs;
    }
  }

  private channelTooLong(update: Api.UpdateChannelTooLong): void {
    const key = update.channel_id.toString();
    if (this.state.channels[key] === undefined) {
      // Never followed: there is nothing to catch up from; follow it from the pts given.
      if (update.pts !== undefined) this.state.channels[key] = update.pts;
      return;
    }
    this.requestChannelDifference(update.channel_id, 'too-long');
  }

  // --- differences --------------------------------------------------------------------------------

  private deliverDifference(difference: Api.UpdatesDifference | Api.UpdatesDifferenceSlice): void {
    this.peers?.remember(difference.users, difference.chats);
    this.reportMinPeers(difference.users, difference.chats);
    const context: UpdateContext = { source: 'difference', users: difference.users, chats: difference.chats };
    const state = difference._ === 'updates.difference' ? difference.state : difference.intermediate_state;
    // Messages of the difference have no pts of their own: they are delivered as updateNewMessage
    // carrying the pts the difference reaches, with pts_count 0.
    for (const message of difference.new_messages) {
      this.deliver({ _: 'updateNewMessage', message, pts: state.pts, pts_count: 0 }, context, 'pts');
    }
    for (const update of difference.other_updates) {
      const sequence = updateSequence(update);
      // Channel updates keep their own sequence; common and qts ones lie past the local state by
      // construction of the request, and the state of the difference replaces ours afterwards.
      if (sequence.box === 'channel' || update._ === 'updateChannelTooLong') this.offer(update, context);
      // A restart from an older pts (or qts) asks this difference again and gets the update again.
      else this.deliver(update, context, sequence.box === 'qts' ? 'qts' : 'pts');
    }
  }

  private requestState(): void {
    if (this.phase !== 'idle') return;
    this.phase = 'fetching-state';
    this.actions.push({ kind: 'fetch-state', request: { _: 'updates.getState' } });
  }

  private requestDifference(reason: DifferenceReason): void {
    if (!this.stateKnown || this.phase !== 'idle') {
      if (this.phase === 'fetching-difference' && reason !== 'slice') this.differenceAgain = true;
      return;
    }
    this.phase = 'fetching-difference';
    this.differenceAgain = false;
    this.commonDeadline = undefined;
    this.commonRetryAt = undefined;
    const request: Api.UpdatesGetDifferenceRequest = {
      _: 'updates.getDifference',
      pts: this.state.pts,
      ...(this.ptsTotalLimit !== undefined && { pts_total_limit: this.ptsTotalLimit }),
      date: this.state.date,
      qts: this.state.qts,
    };
    this.differenceRequest = request;
    this.actions.push({ kind: 'fetch-difference', request, reason });
  }

  private requestChannelDifference(channelId: bigint, reason: DifferenceReason): void {
    const box = this.channelBox(channelId);
    const pts = this.state.channels[channelId.toString()];
    if (box.request || pts === undefined) return;
    box.catchUp = false;
    box.deadline = undefined;
    box.retryAt = undefined;
    const channel = this.peers?.inputChannel({ kind: 'channel', id: channelId });
    if (!channel) {
      box.awaitingPeer = true;
      this.actions.push({
        kind: 'needs-peers',
        peers: [{ kind: 'channel', id: channelId }],
        reason: 'channel-difference',
      });
      return;
    }
    const request: Api.UpdatesGetChannelDifferenceRequest = {
      _: 'updates.getChannelDifference',
      channel,
      filter: { _: 'channelMessagesFilterEmpty' },
      pts,
      limit: this.channelDifferenceLimit,
    };
    box.request = request;
    this.actions.push({ kind: 'fetch-channel-difference', channelId, request, reason });
  }

  /** Asks the difference of the channels behind at the last stop, once the common one is done. */
  private requestCatchUps(): void {
    if (this.phase !== 'idle') return;
    for (const [channelId, box] of this.channels) {
      if (!box.catchUp) continue;
      box.catchUp = false;
      this.requestChannelDifference(channelId, 'catch-up');
    }
  }

  // --- applying held updates ----------------------------------------------------------------------

  private commonReady(): boolean {
    return this.stateKnown && this.phase === 'idle';
  }

  /** Applies held common updates that now fit and drops those the state already covers. */
  private drainCommon(): void {
    if (!this.commonReady()) return;
    for (;;) {
      const pts = this.heldPts.drain(this.state.pts);
      this.state.pts = pts.local;
      for (const entry of pts.applied) this.deliverEntry(entry.item, 'pts');
      const qts = this.heldQts.drain(this.state.qts);
      this.state.qts = qts.local;
      for (const entry of qts.applied) this.deliverEntry(entry.item, 'qts');
      const seq = this.heldSeq.drain(this.state.seq);
      this.state.seq = seq.local;
      for (const container of seq.applied) {
        this.state.date = Math.max(this.state.date, container.item.date);
        for (const entry of container.item.entries) this.deliverEntry(entry, 'seq');
      }
      if (pts.applied.length + qts.applied.length + seq.applied.length === 0) break;
    }
    if (this.heldPts.size + this.heldQts.size + this.heldSeq.size === 0) this.commonDeadline = undefined;
    else this.armCommonHold();
  }

  private drainChannel(channelId: bigint): void {
    const box = this.channels.get(channelId);
    const key = channelId.toString();
    const local = this.state.channels[key];
    if (!box || box.request || local === undefined) return;
    const drained = box.held.drain(local);
    this.state.channels[key] = drained.local;
    const sequence = channelSequenceKey(key);
    for (const entry of drained.applied) this.deliverEntry(entry.item, sequence);
    if (box.held.size === 0) box.deadline = undefined;
    else box.deadline ??= this.clock.now() + this.gapHoldMs;
  }

  private armCommonHold(): void {
    this.commonDeadline ??= this.clock.now() + this.gapHoldMs;
  }

  private channelBox(channelId: bigint): ChannelBox {
    let box = this.channels.get(channelId);
    if (!box) {
      box = {
        held: new HeldUpdates(),
        deadline: undefined,
        retryAt: undefined,
        request: undefined,
        awaitingPeer: false,
        catchUp: false,
      };
      this.channels.set(channelId, box);
    }
    return box;
  }

  private setCommonState(state: Api.TypeUpdatesState): void {
    this.state.pts = state.pts;
    this.state.qts = state.qts;
    this.state.seq = state.seq;
    this.state.date = state.date;
  }

  // --- output -------------------------------------------------------------------------------------

  private deliverEntry(entry: Entry, sequence: SequenceKey): void {
    if (entry.update) this.deliver(entry.update, entry.context, sequence);
  }

  private deliver(update: Api.TypeUpdate, context: UpdateContext, sequence: SequenceKey): void {
    this.actions.push({ kind: 'deliver', update, context, sequence });
  }

  /** Signals `min` users and channels the directory cannot address yet. */
  private reportMinPeers(users: readonly Api.TypeUser[], chats: readonly Api.TypeChat[]): void {
    const peers = this.peers;
    if (!peers) return;
    const missing: PeerRef[] = [];
    for (const user of users) {
      if (user._ === 'user' && user.min && !peers.isKnown({ kind: 'user', id: user.id })) {
        missing.push({ kind: 'user', id: user.id });
      }
    }
    for (const chat of chats) {
      if (chat._ === 'channel' && chat.min && !peers.isKnown({ kind: 'channel', id: chat.id })) {
        missing.push({ kind: 'channel', id: chat.id });
      }
    }
    if (missing.length > 0) this.actions.push({ kind: 'needs-peers', peers: missing, reason: 'min' });
  }

  /** Ends a call: the persist action after the deliveries, then when to call tick() next. */
  private flush(): UpdatesAction[] {
    if (this.stateKnown && (!this.persisted || !sameUpdatesState(this.persisted, this.state))) {
      this.persisted = copyUpdatesState(this.state);
      this.actions.push({ kind: 'persist', state: copyUpdatesState(this.state) });
    }
    const wake = this.nextWake();
    if (wake !== undefined) this.actions.push({ kind: 'wake-at', time: wake });
    const actions = this.actions;
    this.actions = [];
    return actions;
  }

  private nextWake(): number | undefined {
    const times: number[] = [];
    if (this.commonDeadline !== undefined) times.push(this.commonDeadline);
    if (this.commonRetryAt !== undefined) times.push(this.commonRetryAt);
    if (this.stateKnown && this.phase === 'idle') times.push(this.lastActivity + this.livenessMs);
    for (const box of this.channels.values()) {
      if (box.deadline !== undefined) times.push(box.deadline);
      if (box.retryAt !== undefined) times.push(box.retryAt);
    }
    return times.length > 0 ? Math.min(...times) : undefined;
  }
}
