/**
 * Fault injection for tests of clients: what a flaky network and a busy Telegram do to a bot. It
 * cuts connections, delays replies, and drops replies (the request is handled, its answer never
 * leaves, as when a connection dies right after the server acted), for a while or for the next K
 * replies.
 */
import type { MtprotoHandlerResult, RequestConnection } from 'telegram-mtproto-core';

/** How long a reply fault lasts: the next `replies` replies, or every reply for `forMs` ms. */
export interface FaultScope {
  /** The next this many replies. */
  readonly replies?: number;
  /** Every reply during this many milliseconds from now. */
  readonly forMs?: number;
}

interface ReplyFault {
  readonly kind: 'delay' | 'drop';
  readonly delayMs: number;
  remaining: number;
  readonly until: number;
}

type Reply = MtprotoHandlerResult | Promise<MtprotoHandlerResult>;

export class FaultInjector {
  /** The connections requests came over; a connection is kept from its first request on. */
  private readonly connections = new Set<RequestConnection>();
  private readonly faults: ReplyFault[] = [];
  /** Replies held forever by a drop fault settle (as nothing) when the DC stops. */
  private readonly dropped = new Set<() => void>();

  constructor(private readonly clock: { now(): number }) {}

  /** Remembers the connection a request came over, for {@link dropConnections}. */
  track(connection: RequestConnection): void {
    this.connections.add(connection);
  }

  /** Closes every connection a request came over; clients see them end and reconnect. */
  dropConnections(): number {
    const connections = [...this.connections];
    this.connections.clear();
    for (const connection of connections) connection.close();
    return connections.length;
  }

  /** Holds each reply `delayMs` ms before it goes out. */
  delayReplies(delayMs: number, scope: FaultScope): void {
    if (!Number.isSafeInteger(delayMs) || delayMs < 0)
      throw new RangeError('delayMs must be an integer >= 0');
    this.faults.push(this.fault('delay', delayMs, scope));
  }

  /** Never sends the replies: the request is handled, its answer is lost. */
  dropReplies(scope: FaultScope): void {
    this.faults.push(this.fault('drop', 0, scope));
  }

  /** Ends every fault, and lets go of dropped replies (their requests stay unanswered). */
  clear(): void {
    this.faults.length = 0;
    for (const release of this.dropped) release();
    this.dropped.clear();
  }

  /** Runs the handler, then applies the first fault in force to its reply (or its error). */
  shape(run: () => Reply): Reply {
    const fault = this.takeFault();
    if (fault === undefined) return run();
    const reply = Promise.resolve().then(run);
    if (fault.kind === 'delay') {
      return new Promise<MtprotoHandlerResult>((resolve, reject) => {
        setTimeout(() => reply.then(resolve, reject), fault.delayMs);
      });
    }
    reply.catch(() => undefined);
    return new Promise<MtprotoHandlerResult>((_resolve, reject) => {
      // Never resolved while the DC runs; at stop the request ends as a dropped one would: unanswered.
      const release = (): void => reject(new DroppedReplyError());
      this.dropped.add(release);
    });
  }

  private fault(kind: ReplyFault['kind'], delayMs: number, scope: FaultScope): ReplyFault {
    const replies = scope.replies ?? Number.POSITIVE_INFINITY;
    const until = scope.forMs === undefined ? Number.POSITIVE_INFINITY : this.clock.now() + scope.forMs;
    if (scope.replies === undefined && scope.forMs === undefined) {
      throw new RangeError('a reply fault needs "replies" or "forMs"');
    }
    if (!(replies >= 1)) throw new RangeError('"replies" must be at least 1');
    return { kind, delayMs, remaining: replies, until };
  }

  private takeFault(): ReplyFault | undefined {
    const now = this.clock.now();
    for (let index = this.faults.length - 1; index >= 0; index--) {
      const fault = this.faults[index]!;
      if (fault.remaining <= 0 || fault.until <= now) this.faults.splice(index, 1);
    }
    const fault = this.faults[0];
    if (fault !== undefined) fault.remaining--;
    return fault;
  }
}

/** The end of a dropped reply when the DC stops (the server answers nothing to a closed client). */
export class DroppedReplyError extends Error {
  constructor() {
    super('reply dropped by fault injection');
    this.name = 'DroppedReplyError';
  }
}
