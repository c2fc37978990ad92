/**
 * msg_id generation (core.telegram.org/mtproto/description#message-identifier-msg-id).
 *
 * A msg_id is approximately the sender's unix time multiplied by 2^32, strictly increasing within a
 * session. Its remainder modulo 4 tells who sent it: 0 for the client, 1 for a server's response to a
 * client message, 3 for a message the server sends on its own.
 */
export type MessageIdKind = 'client' | 'server-response' | 'server-initiated';

const REMAINDER: Readonly<Record<MessageIdKind, bigint>> = {
  client: 0n,
  'server-response': 1n,
  'server-initiated': 3n,
};

export class MessageIdGenerator {
  private last = 0n;
  /** Seconds to add to the local clock to get the peer's time; learnt from the server. */
  private offsetSeconds = 0;

  constructor(
    /** Local clock in milliseconds since the epoch (injected so tests can skew it). */
    private readonly now: () => number = Date.now,
  ) {}

  /** The current correction in seconds (server time minus local time). */
  get timeOffset(): number {
    return this.offsetSeconds;
  }

  /**
   * Adopts the server's time: from `server_time` of the key exchange or from the upper 32 bits of a
   * msg_id the server sent (bad_msg_notification codes 16/17 tell the client to do so).
   */
  setServerTime(serverUnixSeconds: number): void {
    this.offsetSeconds = Math.round(serverUnixSeconds - this.now() / 1000);
  }

  /** Same as {@link setServerTime}, taking the time from a server's msg_id. */
  syncWithMessageId(serverMessageId: bigint): void {
    this.setServerTime(Number(serverMessageId >> 32n));
  }

  /** Sets the offset directly (restored from storage). */
  setTimeOffset(seconds: number): void {
    this.offsetSeconds = seconds;
  }

  /**
   * Forgets the last id issued: in a new session ids may start lower than in the old one (after the
   * clock was corrected backwards).
   */
  restart(): void {
    this.last = 0n;
  }

  /** A fresh msg_id of the given kind, greater than every msg_id this generator gave before. */
  next(kind: MessageIdKind = 'client'): bigint {
    const milliseconds = this.now() + this.offsetSeconds * 1000;
    const seconds = BigInt(Math.floor(milliseconds / 1000));
    // The lower 32 bits carry the fraction of the second, which keeps ids unique and increasing.
    const fraction = BigInt(Math.floor(((milliseconds % 1000) / 1000) * 2 ** 32));
    let id = (seconds << 32n) | fraction;
    id = id - (id & 3n) + REMAINDER[kind];
    if (id <= this.last) id = this.last - (this.last & 3n) + 4n + REMAINDER[kind];
    this.last = id;
    return id;
  }
}

/** Unix time in seconds encoded in a msg_id. */
export function messageIdTime(messageId: bigint): number {
  return Number(messageId >> 32n);
}
