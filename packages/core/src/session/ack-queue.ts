/**
 * Acknowledgments waiting to be sent (core.telegram.org/mtproto/service_messages_about_messages,
 * "Acknowledgment of Receipt"). Receipt of every content-related message must be acknowledged, but
 * not one by one: ids are collected and leave in one msgs_ack, either piggybacked on the next
 * outgoing flush or, when nothing else is sent, once enough are waiting or the oldest has waited
 * long enough.
 */
export interface AckQueueOptions {
  /** Send acks on their own once this many are waiting (default 16). */
  readonly maxPending?: number;
  /** Send acks on their own this long after the first one was queued (default 1 000 ms). */
  readonly maxDelayMs?: number;
}

export class AckQueue {
  private readonly maxPending: number;
  private readonly maxDelayMs: number;
  private pending: bigint[] = [];
  private firstQueuedAt: number | undefined;

  constructor(options: AckQueueOptions = {}) {
    this.maxPending = options.maxPending ?? 16;
    this.maxDelayMs = options.maxDelayMs ?? 1000;
  }

  /** Ids waiting. */
  get size(): number {
    return this.pending.length;
  }

  /** Queues the acknowledgment of a received message. */
  add(messageId: bigint, now: number): void {
    if (this.pending.length === 0) this.firstQueuedAt = now;
    this.pending.push(messageId);
  }

  /** Whether acks should be sent now even with nothing to carry them. */
  isDue(now: number): boolean {
    if (this.pending.length === 0) return false;
    return this.pending.length >= this.maxPending || now >= this.deadline()!;
  }

  /** When the waiting acks must leave at the latest, or undefined when none wait. */
  deadline(): number | undefined {
    return this.firstQueuedAt === undefined ? undefined : this.firstQueuedAt + this.maxDelayMs;
  }

  /** Takes every waiting id. */
  takeAll(): bigint[] {
    const taken = this.pending;
    this.pending = [];
    this.firstQueuedAt = undefined;
    return taken;
  }
}
