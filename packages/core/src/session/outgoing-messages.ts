/**
 * The outgoing side shared by both session roles: a queue of message bodies, packed on flush into
 * plain messages or `msg_container`s within Telegram's limits (core.telegram.org/mtproto/service_messages,
 * "Simple Container"), with msg_id and seq_no assigned at packing time so they increase in the order
 * messages leave. Content-related messages are kept after sending until the peer acknowledges or
 * answers them, so they can be sent again (bad_server_salt, bad_msg_notification, msg_resend_req,
 * a reconnect).
 */
import { TlWriter } from '../tl/binary/tl-writer';
import {
  CONTAINED_MESSAGE_HEADER_LENGTH,
  MAX_CONTAINER_BODY_LENGTH,
  MAX_CONTAINER_MESSAGES,
  encodeContainer,
} from './message-container';
import type { MessageIdGenerator, MessageIdKind } from './message-id-generator';
import type { SequenceNumbers } from './sequence-numbers';
import { ServiceMessageId, isContentRelated, peekConstructorId } from './service-message-ids';

/** Most ids in one msgs_ack (Telegram's own limit on the vector is 8192). */
export const MAX_IDS_PER_ACK = 8192;

/** One message waiting to be sent or sent and remembered. */
export interface OutgoingEntry {
  /** The body; for an entry with {@link bodyForMessageId}, the one built for its last msg_id. */
  body: Uint8Array;
  /**
   * Builds the body from the msg_id it is sent with, each time it is numbered (a resend takes a new
   * msg_id). Such an entry travels alone: auth.bindTempAuthKey names its own msg_id
   * (core.telegram.org/api/pfs).
   */
  readonly bodyForMessageId?: (messageId: bigint) => Uint8Array;
  readonly contentRelated: boolean;
  /** Which remainder its msg_id takes (client 0; server response 1, own message 3). */
  readonly kind: MessageIdKind;
  /** Must travel outside any container (the peer refused a container holding it: code 64). */
  alone: boolean;
  /** msg_id it was last sent with. */
  messageId: bigint | undefined;
  seqNo: number | undefined;
  sentAt: number | undefined;
  /** The peer acknowledged receiving it (msgs_ack or a msgs_state_info). */
  acknowledged: boolean;
}

/** A message ready to be encrypted: a single body or a container. */
export interface PackedMessage {
  readonly messageId: bigint;
  readonly seqNo: number;
  readonly body: Uint8Array;
}

/** What a sent msg_id (single message or container) stood for. */
export interface SentRecord {
  readonly entries: OutgoingEntry[];
  /** Ids acknowledged by msgs_ack messages that travelled in the same container. */
  readonly acknowledgedIds: bigint[];
}

interface SentContainer extends SentRecord {
  readonly sentAt: number;
}

/** Builds an entry for `body`, content-related unless its constructor says otherwise. */
export function createOutgoingEntry(
  body: Uint8Array,
  kind: MessageIdKind,
  contentRelated?: boolean,
): OutgoingEntry {
  return {
    body,
    contentRelated: contentRelated ?? isContentRelated(peekConstructorId(body)),
    kind,
    alone: false,
    messageId: undefined,
    seqNo: undefined,
    sentAt: undefined,
    acknowledged: false,
  };
}

/** Writes `msgs_ack#62d6b459 msg_ids:Vector<long>`. */
export function writeMessagesAck(ids: readonly bigint[]): Uint8Array {
  const writer = new TlWriter(12 + ids.length * 8);
  writer.writeUint32(ServiceMessageId.msgsAck);
  writer.writeVectorHeader(ids.length);
  for (const id of ids) writer.writeInt64(id);
  return writer.finish();
}

export class OutgoingMessages {
  private queue: OutgoingEntry[] = [];
  private readonly sent = new Map<bigint, OutgoingEntry>();
  private readonly containers = new Map<bigint, SentContainer>();

  constructor(
    private readonly messageIds: MessageIdGenerator,
    private readonly sequenceNumbers: SequenceNumbers,
    /** msg_id kind of the containers this side sends. */
    private readonly containerKind: MessageIdKind,
  ) {}

  /** Messages waiting for the next {@link pack}. */
  get queuedCount(): number {
    return this.queue.length;
  }

  /** Queues an entry for the next flush. */
  enqueue(entry: OutgoingEntry): void {
    this.queue.push(entry);
  }

  /** Takes a queued entry out before it is sent (a cancelled call); true if it was queued. */
  unqueue(entry: OutgoingEntry): boolean {
    const index = this.queue.indexOf(entry);
    if (index < 0) return false;
    this.queue.splice(index, 1);
    return true;
  }

  /**
   * Numbers and packs everything queued, led by msgs_ack messages for `acknowledgeIds`, into as few
   * messages as the container limits allow; a body too large for a container, or marked `alone`,
   * goes by itself.
   */
  pack(now: number, acknowledgeIds: readonly bigint[]): PackedMessage[] {
    const items: { entry: OutgoingEntry; acknowledgedIds: bigint[] }[] = [];
    for (let start = 0; start < acknowledgeIds.length; start += MAX_IDS_PER_ACK) {
      const ids = acknowledgeIds.slice(start, start + MAX_IDS_PER_ACK);
      items.push({
        entry: createOutgoingEntry(writeMessagesAck(ids), this.containerKind, false),
        acknowledgedIds: ids,
      });
    }
    for (const entry of this.queue) items.push({ entry, acknowledgedIds: [] });
    this.queue = [];

    const packed: PackedMessage[] = [];
    let index = 0;
    while (index < items.length) {
      const batch = [items[index]!];
      let length = 8 + CONTAINED_MESSAGE_HEADER_LENGTH + batch[0]!.entry.body.length;
      index++;
      if (!batch[0]!.entry.alone && length <= MAX_CONTAINER_BODY_LENGTH) {
        while (index < items.length && batch.length < MAX_CONTAINER_MESSAGES) {
          const next = items[index]!.entry;
          const nextLength = CONTAINED_MESSAGE_HEADER_LENGTH + next.body.length;
          if (next.alone || length + nextLength > MAX_CONTAINER_BODY_LENGTH) break;
          batch.push(items[index]!);
          length += nextLength;
          index++;
        }
      }
      const numbered = batch.map(({ entry }) => this.number(entry, now));
      if (numbered.length === 1) {
        packed.push(numbered[0]!);
        continue;
      }
      const messageId = this.messageIds.next(this.containerKind);
      const entries = batch.map(({ entry }) => entry).filter((entry) => entry.contentRelated);
      const acknowledgedIds = batch.flatMap((item) => item.acknowledgedIds);
      this.containers.set(messageId, { entries, acknowledgedIds, sentAt: now });
      packed.push({ messageId, seqNo: this.sequenceNumbers.next(false), body: encodeContainer(numbered) });
    }
    return packed;
  }

  /**
   * The entries a msg_id the peer refers to stands for: the message itself, or everything in the
   * container of that id. Entries not kept (acks, answered calls) are not listed.
   */
  lookup(messageId: bigint): SentRecord {
    const container = this.containers.get(messageId);
    if (container !== undefined) {
      return {
        entries: container.entries.filter(
          (entry) => entry.messageId !== undefined && this.sent.get(entry.messageId) === entry,
        ),
        acknowledgedIds: container.acknowledgedIds,
      };
    }
    const entry = this.sent.get(messageId);
    return { entries: entry === undefined ? [] : [entry], acknowledgedIds: [] };
  }

  /** The kept entry sent with exactly this msg_id. */
  find(messageId: bigint): OutgoingEntry | undefined {
    return this.sent.get(messageId);
  }

  /** Marks a sent message as received by the peer; returns its entry if it was kept. */
  acknowledge(messageId: bigint): OutgoingEntry | undefined {
    const entry = this.sent.get(messageId);
    if (entry !== undefined) entry.acknowledged = true;
    return entry;
  }

  /** Forgets a sent entry: it was answered, cancelled or given up on. */
  release(entry: OutgoingEntry): void {
    if (entry.messageId !== undefined && this.sent.get(entry.messageId) === entry)
      this.sent.delete(entry.messageId);
    this.unqueue(entry);
  }

  /** Queues a sent entry again; it will get a new msg_id and seq_no. */
  requeue(entry: OutgoingEntry): void {
    this.release(entry);
    entry.acknowledged = false;
    this.queue.push(entry);
  }

  /**
   * Queues every kept sent entry again, ahead of what is queued: a new session starts and the old
   * one's unanswered messages must be sent in it.
   */
  requeueAll(): void {
    const kept = [...this.sent.values()].sort((left, right) => (left.messageId! < right.messageId! ? -1 : 1));
    this.sent.clear();
    this.containers.clear();
    for (const entry of kept) entry.acknowledged = false;
    this.queue = [...kept, ...this.queue];
  }

  /** Forgets every kept sent entry (the session they belonged to is over). */
  discardSent(): void {
    this.sent.clear();
    this.containers.clear();
  }

  /** Sent content-related entries the peer has not acknowledged yet, oldest first. */
  unacknowledged(): OutgoingEntry[] {
    return [...this.sent.values()].filter((entry) => !entry.acknowledged);
  }

  /** Forgets container records older than `maxAgeMs` (their messages stay kept on their own). */
  prune(now: number, maxAgeMs: number): void {
    for (const [messageId, container] of this.containers) {
      if (now - container.sentAt > maxAgeMs) this.containers.delete(messageId);
    }
  }

  private number(entry: OutgoingEntry, now: number): PackedMessage {
    const messageId = this.messageIds.next(entry.kind);
    const seqNo = this.sequenceNumbers.next(entry.contentRelated);
    if (entry.bodyForMessageId !== undefined) entry.body = entry.bodyForMessageId(messageId);
    entry.messageId = messageId;
    entry.seqNo = seqNo;
    entry.sentAt = now;
    if (entry.contentRelated) this.sent.set(messageId, entry);
    return { messageId, seqNo, body: entry.body };
  }
}
