/**
 * Calls of a client session that wait for their answer, keyed by their outgoing entry (whose msg_id
 * changes when the message is sent again), with their deadlines.
 */
import type { OutgoingEntry } from './outgoing-messages';

/** What a call is, which decides how its answer is matched. */
export type PendingCallKind = 'rpc' | 'ping' | 'future-salts' | 'destroy-session';

export interface PendingCall {
  readonly kind: PendingCallKind;
  readonly entry: OutgoingEntry;
  /** TL name of the method, for error messages. */
  readonly method: string | undefined;
  /** When the call times out (clock milliseconds), if it does. */
  readonly deadline: number | undefined;
  /** For destroy_session: the session id the answer names. */
  readonly sessionIdToDestroy?: bigint;
  /** Settles the call with the raw answer. */
  readonly resolve: (answer: Uint8Array) => void;
  readonly reject: (error: Error) => void;
  /** Detaches the abort listener, when there is one. */
  detach?: () => void;
}

export class PendingCalls {
  private readonly calls = new Map<OutgoingEntry, PendingCall>();

  get size(): number {
    return this.calls.size;
  }

  add(call: PendingCall): void {
    this.calls.set(call.entry, call);
  }

  /** The call sent as `entry`, if it still waits. */
  forEntry(entry: OutgoingEntry | undefined): PendingCall | undefined {
    return entry === undefined ? undefined : this.calls.get(entry);
  }

  /** Removes a call; true when it was still waiting (so it is settled exactly once). */
  remove(call: PendingCall): boolean {
    call.detach?.();
    return this.calls.delete(call.entry);
  }

  /** The waiting destroy_session call for `sessionId`. */
  destroyCallFor(sessionId: bigint): PendingCall | undefined {
    for (const call of this.calls.values()) {
      if (call.kind === 'destroy-session' && call.sessionIdToDestroy === sessionId) return call;
    }
    return undefined;
  }

  /** Calls whose deadline is at or before `now`. */
  expired(now: number): PendingCall[] {
    const expired: PendingCall[] = [];
    for (const call of this.calls.values()) {
      if (call.deadline !== undefined && call.deadline <= now) expired.push(call);
    }
    return expired;
  }

  /** The earliest deadline of any waiting call. */
  nextDeadline(): number | undefined {
    let earliest: number | undefined;
    for (const call of this.calls.values()) {
      if (call.deadline !== undefined && (earliest === undefined || call.deadline < earliest))
        earliest = call.deadline;
    }
    return earliest;
  }

  /** Every waiting call. */
  all(): PendingCall[] {
    return [...this.calls.values()];
  }
}
