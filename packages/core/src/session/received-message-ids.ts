/**
 * The msg_ids a session received lately, to drop replays (core.telegram.org/mtproto/security_guidelines,
 * "msg_id": a receiver stores the ids of recent messages and ignores one it has already seen, and one
 * lower than all it remembers, since it can no longer tell whether that was seen).
 */
export type ReceivedIdCheck = 'new' | 'duplicate' | 'too-old';

export class ReceivedMessageIds {
  private readonly ids = new Set<bigint>();
  private readonly order: bigint[] = [];
  private orderStart = 0;
  /** Highest id forgotten so far: anything at or below it cannot be checked any more. */
  private floor: bigint | undefined;
  private highest: bigint | undefined;

  constructor(
    /** How many ids are remembered (default 2 000). */
    private readonly capacity = 2000,
  ) {}

  /** Whether `messageId` is new, already seen, or below the remembered window. */
  check(messageId: bigint): ReceivedIdCheck {
    if (this.ids.has(messageId)) return 'duplicate';
    if (this.floor !== undefined && messageId <= this.floor) return 'too-old';
    return 'new';
  }

  /** Remembers a received id, forgetting the oldest when full. */
  add(messageId: bigint): void {
    if (this.ids.has(messageId)) return;
    this.ids.add(messageId);
    this.order.push(messageId);
    if (this.highest === undefined || messageId > this.highest) this.highest = messageId;
    if (this.ids.size > this.capacity) {
      const forgotten = this.order[this.orderStart++]!;
      this.ids.delete(forgotten);
      if (this.floor === undefined || forgotten > this.floor) this.floor = forgotten;
      if (this.orderStart > 4096) {
        this.order.splice(0, this.orderStart);
        this.orderStart = 0;
      }
    }
  }

  /**
   * What msgs_state_info says about a message id (core.telegram.org/mtproto/service_messages_about_messages,
   * "Request for Message Status"): 1 unknown (too old), 2 not received though within the window,
   * 3 not received (higher than any seen), 4 received.
   */
  state(messageId: bigint): 1 | 2 | 3 | 4 {
    if (this.ids.has(messageId)) return 4;
    if (this.floor !== undefined && messageId <= this.floor) return 1;
    if (this.highest === undefined || messageId > this.highest) return 3;
    return 2;
  }

  /** Forgets everything (a new session). */
  clear(): void {
    this.ids.clear();
    this.order.length = 0;
    this.orderStart = 0;
    this.floor = undefined;
    this.highest = undefined;
  }
}
