/**
 * msg_seqno of one side of a session (core.telegram.org/mtproto/description#message-sequence-number-msg-seqno):
 * twice the number of content-related messages sent before, plus one when this message is itself
 * content-related (anything that requires an acknowledgment; acks, containers and pings without
 * wait are not).
 */
export class SequenceNumbers {
  private contentRelatedSent = 0;

  /** The seqno for the next message, counting it when it is content-related. */
  next(contentRelated: boolean): number {
    if (!contentRelated) return this.contentRelatedSent * 2;
    const seqNo = this.contentRelatedSent * 2 + 1;
    this.contentRelatedSent += 1;
    return seqNo;
  }

  /** Starts over, as after new_session_created or a new session id. */
  reset(): void {
    this.contentRelatedSent = 0;
  }
}
