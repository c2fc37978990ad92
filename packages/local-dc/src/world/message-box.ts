import type { BoxEvent, StoredMessage } from './records';

/** A message box's contents as plain data. */
export interface MessageBoxState {
  readonly lastMessageId: number;
  readonly pts: number;
  readonly messages: readonly StoredMessage[];
  readonly events: readonly BoxEvent[];
}

/**
 * One account's common message box (core.telegram.org/api/updates): the private-chat messages it
 * holds, its message id counter, and its pts, which grows by one per new, edited or deleted message.
 * The event log is what updates.getDifference replays to a client that comes back with an older pts.
 */
export class MessageBox {
  private lastMessageId = 0;
  private currentPts = 0;
  private readonly messages = new Map<number, StoredMessage>();
  private readonly events: BoxEvent[] = [];

  constructor(readonly ownerId: bigint) {}

  get pts(): number {
    return this.currentPts;
  }

  /** Date of the latest event, 0 when there is none. */
  get lastEventDate(): number {
    return this.events.at(-1)?.date ?? 0;
  }

  /** The id the next message will get. */
  peekNextMessageId(): number {
    return this.lastMessageId + 1;
  }

  /** Stores a new message under the next id and advances pts. */
  addMessage(fields: Omit<StoredMessage, 'id' | 'ownerId'>): { message: StoredMessage; event: BoxEvent } {
    const message: StoredMessage = { ...fields, id: ++this.lastMessageId, ownerId: this.ownerId };
    this.messages.set(message.id, message);
    return { message, event: this.record('new-message', message.id, fields.date) };
  }

  /** Changes a message's text and advances pts. */
  editMessage(message: StoredMessage, text: string, date: number): BoxEvent {
    message.text = text;
    message.editDate = date;
    return this.record('edit-message', message.id, date);
  }

  /** Removes a message and advances pts; one event per message, as pts_count counts messages. */
  deleteMessage(message: StoredMessage, date: number): BoxEvent {
    this.messages.delete(message.id);
    return this.record('delete-message', message.id, date);
  }

  message(id: number): StoredMessage | undefined {
    return this.messages.get(id);
  }

  /** The messages exchanged with `peerId`, oldest first. */
  history(peerId: bigint): StoredMessage[] {
    return [...this.messages.values()].filter((message) => message.peerId === peerId);
  }

  /** The events with pts above `pts`, oldest first. */
  eventsAfter(pts: number): readonly BoxEvent[] {
    // pts n is the n-th event, so the log is indexed by pts - 1.
    return this.events.slice(Math.max(0, pts));
  }

  /** Everything the box holds, for persistence (persistence/world-snapshot.ts). */
  exportState(): MessageBoxState {
    return {
      lastMessageId: this.lastMessageId,
      pts: this.currentPts,
      messages: [...this.messages.values()],
      events: [...this.events],
    };
  }

  /** A box as {@link exportState} saw it. */
  static fromState(ownerId: bigint, state: MessageBoxState): MessageBox {
    const box = new MessageBox(ownerId);
    box.lastMessageId = state.lastMessageId;
    box.currentPts = state.pts;
    for (const message of state.messages) box.messages.set(message.id, message);
    box.events.push(...state.events);
    return box;
  }

  private record(kind: BoxEvent['kind'], messageId: number, date: number): BoxEvent {
    const event: BoxEvent = { kind, pts: ++this.currentPts, messageId, date };
    this.events.push(event);
    return event;
  }
}
