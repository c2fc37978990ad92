import { FifoQueue } from '../concurrency/fifo-queue';
import type { ChatKind } from './chat-kind';
import { SEND_PRIORITIES } from './send-priority';
import { SlidingWindows, type RateWindow } from './sliding-window';

/** One queued send, as the scheduler and a lane see it. */
export interface QueuedSend {
  readonly lane: ChatLane;
  /** Index in {@link SEND_PRIORITIES}. */
  readonly rank: number;
  /** Submission order over the whole scheduler: the older send wins a tie. */
  readonly sequence: number;
  readonly enqueuedAt: number;
}

/**
 * The sends of one chat (or, with `key` undefined, of no chat): a FIFO queue per priority, the chat's
 * sliding windows, its flood pause, and whether a send is in flight. Sends of one chat go one at a
 * time so they arrive in order.
 */
export class ChatLane<Send extends QueuedSend = QueuedSend> {
  readonly queues: FifoQueue<Send>[] = SEND_PRIORITIES.map(() => new FifoQueue<Send>());
  readonly windows: SlidingWindows;
  pausedUntil = 0;
  inFlight = 0;
  queued = 0;

  constructor(
    readonly key: string | undefined,
    readonly kind: ChatKind | undefined,
    rules: readonly RateWindow[],
    /** One send at a time (true for chats; chat-less sends need no order). */
    readonly serial: boolean,
  ) {
    this.windows = new SlidingWindows(rules);
  }

  /**
   * The send this lane would start next: the most urgent head, where a head that has waited
   * `starvationMs` counts as most urgent; the older one wins a tie.
   */
  next(now: number, starvationMs: number): { send: Send; rank: number } | undefined {
    let best: { send: Send; rank: number } | undefined;
    for (const queue of this.queues) {
      const send = queue.peek();
      if (send === undefined) continue;
      const rank = now - send.enqueuedAt >= starvationMs ? 0 : send.rank;
      if (
        best === undefined ||
        rank < best.rank ||
        (rank === best.rank && send.sequence < best.send.sequence)
      ) {
        best = { send, rank };
      }
    }
    return best;
  }

  /** When this lane may start a send of `count` messages (its windows and its pause), not before `now`. */
  readyAt(now: number, count = 1): number {
    return Math.max(now, this.pausedUntil, this.windows.nextAllowedAt(now, count));
  }

  /** True when the lane holds nothing worth keeping: no sends, no pause, no recent sends. */
  isIdle(now: number): boolean {
    return this.queued === 0 && this.inFlight === 0 && this.pausedUntil <= now && this.windows.isIdle(now);
  }
}
