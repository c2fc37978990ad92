// Acknowledgement-based persistence of the updates state: the state a restart resumes from must not
// pass an update whose handling has not finished, or a crash would lose it. Per sequence (common pts,
// qts, seq with date, each channel's pts) this keeps the delivered updates not yet finished, in
// delivery order; the state it gives to store is the engine's latest one, except that a sequence with
// an unfinished update stays at the position it had before that update was delivered. On restart
// updates.getDifference / getChannelDifference from there return the unfinished updates again.
import type * as Api from '../tl/generated/api-types';
import type { SequenceKey } from './updates-actions';
import { updateSequence } from './update-sequence';
import type { UpdatesState } from './updates-state';

/** A delivered update the boundary waits for; settle it with {@link CommitBoundary.finish}. */
export interface PendingDelivery {
  readonly sequence: SequenceKey;
  /** The sequence's position before the update: where a restart resumes while it is unfinished. */
  readonly base: number | undefined;
  /** The common date before the update (pts, qts and seq only). */
  readonly baseDate: number | undefined;
  finished: boolean;
}

/** The unfinished deliveries of one sequence, oldest first (finished ones leave from the head). */
class DeliveryQueue {
  private items: PendingDelivery[] = [];
  private head = 0;

  get first(): PendingDelivery | undefined {
    return this.items[this.head];
  }

  push(item: PendingDelivery): void {
    this.items.push(item);
  }

  /** Drops finished deliveries from the head; true when the head moved. */
  trim(): boolean {
    const start = this.head;
    while (this.head < this.items.length && this.items[this.head]!.finished) this.head++;
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return this.head !== start || this.items.length === 0;
  }
}

/**
 * Tracks which delivered updates have finished and computes the state that is safe to store.
 *
 * @example
 * ```ts
 * const boundary = new CommitBoundary(storedState);
 * // for each action of the engine, in order:
 * const pending = boundary.delivered(action.sequence, action.update); // 'deliver'
 * boundary.reached(action.state); // 'persist'
 * // when the handler of `pending` is done:
 * if (boundary.finish(pending)) await storage.set('updatesState', boundary.committed());
 * ```
 */
export class CommitBoundary {
  private latest: UpdatesState | undefined;
  private readonly queues = new Map<SequenceKey, DeliveryQueue>();
  private unfinished = 0;

  /** `state`: the stored state the engine starts from, if any. */
  constructor(state?: UpdatesState) {
    this.latest = state;
  }

  /** Deliveries not finished yet. */
  get pending(): number {
    return this.unfinished;
  }

  /**
   * Records an update handed to the application. Its base is the position of its sequence in the
   * latest state {@link CommitBoundary.reached}, which the engine emits after a batch's deliveries; a
   * sequence not in that state yet (a channel's first update) starts before the update itself.
   */
  delivered(sequence: SequenceKey, update: Api.TypeUpdate): PendingDelivery {
    const latest = this.latest;
    let base: number | undefined;
    let baseDate: number | undefined;
    switch (sequence) {
      case 'pts':
        base = latest?.pts;
        baseDate = latest?.date;
        break;
      case 'qts':
        base = latest?.qts;
        baseDate = latest?.date;
        break;
      case 'seq':
        base = latest?.seq;
        baseDate = latest?.date;
        break;
      default:
        base = latest?.channels[sequence.slice(8)];
    }
    base ??= positionBefore(update);
    const pending: PendingDelivery = { sequence, base, baseDate, finished: false };
    let queue = this.queues.get(sequence);
    if (!queue) {
      queue = new DeliveryQueue();
      this.queues.set(sequence, queue);
    }
    queue.push(pending);
    this.unfinished++;
    return pending;
  }

  /** The engine's state after everything delivered so far (its `persist` action). */
  reached(state: UpdatesState): void {
    this.latest = state;
  }

  /**
   * Marks a delivery finished (again is a no-op). True when the state to store may have moved: the
   * oldest unfinished update of its sequence finished.
   */
  finish(pending: PendingDelivery): boolean {
    if (pending.finished) return false;
    pending.finished = true;
    this.unfinished--;
    // Queues stay (one per sequence ever delivered on): the live path reuses the same few.
    return this.queues.get(pending.sequence)?.trim() ?? false;
  }

  /**
   * Channels (decimal ids) with an unfinished update: their stored pts lies before it, and only their
   * own difference returns it again.
   */
  unfinishedChannels(): string[] {
    const channels: string[] = [];
    if (this.unfinished === 0) return channels;
    for (const [sequence, queue] of this.queues) {
      if (sequence.startsWith('channel:') && queue.first?.base !== undefined)
        channels.push(sequence.slice(8));
    }
    return channels;
  }

  /**
   * The state to store: the latest, with each sequence that has an unfinished update held at that
   * update's base (and the date at the oldest base among pts, qts and seq). Undefined before any state.
   */
  committed(): UpdatesState | undefined {
    const latest = this.latest;
    // Nothing unfinished means every queue is empty: a finished head takes the finished behind it along.
    if (!latest || this.unfinished === 0) return latest;
    const state: UpdatesState = { ...latest, channels: { ...latest.channels } };
    for (const [sequence, queue] of this.queues) {
      const first = queue.first;
      if (first?.base === undefined) continue;
      switch (sequence) {
        case 'pts':
          state.pts = Math.min(state.pts, first.base);
          break;
        case 'qts':
          state.qts = Math.min(state.qts, first.base);
          break;
        case 'seq':
          state.seq = Math.min(state.seq, first.base);
          break;
        default: {
          const key = sequence.slice(8);
          const current = state.channels[key];
          state.channels[key] = current === undefined ? first.base : Math.min(current, first.base);
        }
      }
      if (first.baseDate !== undefined) state.date = Math.min(state.date, first.baseDate);
    }
    return state;
  }
}

/** Where an update's own sequence stood before it, for a sequence the latest state does not have. */
function positionBefore(update: Api.TypeUpdate): number | undefined {
  const sequence = updateSequence(update);
  switch (sequence.box) {
    case 'common':
    case 'channel':
      return sequence.pts - sequence.ptsCount;
    case 'qts':
      return sequence.qts - 1;
    case 'none':
      return undefined;
  }
}
