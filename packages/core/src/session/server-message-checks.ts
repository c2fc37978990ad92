/**
 * What a server refuses in a client message, and with which bad_msg_notification code
 * (core.telegram.org/mtproto/service_messages_about_messages, "Notice of Ignored Error Message";
 * core.telegram.org/mtproto/description, "Message Identifier" and "Message Sequence Number"):
 *
 * 16/17 msg_id more than 300 s in the past / 30 s in the future; 18 msg_id not divisible by 4;
 * 19 a container reusing a received msg_id; 20 a msg_id older than every id remembered;
 * 32/33 a seq_no lower / higher than messages around it allow; 34/35 a seq_no whose parity does not
 * match whether the message is content-related. A plain message received twice is ignored.
 */
import type { ReceivedMessageIds } from './received-message-ids';
import { ServiceMessageId, peekConstructorId } from './service-message-ids';

/** How far a client's msg_id time may stray from the server's clock. */
export const MAX_MESSAGE_AGE_SECONDS = 300;
export const MAX_MESSAGE_LEAD_SECONDS = 30;

/** The client's seq_no so far: the one of its highest msg_id. */
export interface ClientSequenceState {
  highestMessageId: bigint | undefined;
  highestSeqNo: number;
}

/** The verdict on one message: accepted, ignored as a duplicate, or refused with a code. */
export type MessageCheck =
  | { readonly verdict: 'accept' }
  | { readonly verdict: 'duplicate' }
  | { readonly verdict: 'reject'; readonly code: number };

const ACCEPT: MessageCheck = { verdict: 'accept' };

/**
 * Checks msg_id and seq_no of one client message (a container or a message in one). `body` tells
 * what the message is, for the seq_no parity rule.
 */
export function checkClientMessage(
  messageId: bigint,
  seqNo: number,
  body: Uint8Array,
  nowSeconds: number,
  received: ReceivedMessageIds,
  sequence: ClientSequenceState,
): MessageCheck {
  if ((messageId & 3n) !== 0n) return { verdict: 'reject', code: 18 };
  const messageSeconds = Number(messageId >> 32n);
  if (messageSeconds < nowSeconds - MAX_MESSAGE_AGE_SECONDS) return { verdict: 'reject', code: 16 };
  if (messageSeconds > nowSeconds + MAX_MESSAGE_LEAD_SECONDS) return { verdict: 'reject', code: 17 };
  const constructorId = peekConstructorId(body);
  const isContainer = constructorId === ServiceMessageId.msgContainer;
  const seen = received.check(messageId);
  if (seen === 'duplicate') return isContainer ? { verdict: 'reject', code: 19 } : { verdict: 'duplicate' };
  if (seen === 'too-old') return { verdict: 'reject', code: 20 };
  const odd = (seqNo & 1) === 1;
  // Containers and acks are never content-related; requests always are. Other service messages'
  // status varies between clients, so their parity is not held against them.
  if ((isContainer || constructorId === ServiceMessageId.msgsAck) && odd)
    return { verdict: 'reject', code: 34 };
  if (!odd && isRequest(constructorId)) return { verdict: 'reject', code: 35 };
  const { highestMessageId, highestSeqNo } = sequence;
  if (highestMessageId !== undefined && seqNo >= 0) {
    if (messageId > highestMessageId && (seqNo < highestSeqNo || (odd && seqNo === highestSeqNo))) {
      return { verdict: 'reject', code: 32 };
    }
    if (messageId < highestMessageId && seqNo > highestSeqNo) return { verdict: 'reject', code: 33 };
  }
  return ACCEPT;
}

/** Records an accepted message in the seq_no state. */
export function recordClientMessage(messageId: bigint, seqNo: number, sequence: ClientSequenceState): void {
  if (sequence.highestMessageId === undefined || messageId > sequence.highestMessageId) {
    sequence.highestMessageId = messageId;
    sequence.highestSeqNo = seqNo;
  }
}

const NOT_REQUESTS = new Set<number>([
  ServiceMessageId.msgContainer,
  ServiceMessageId.msgsAck,
  ServiceMessageId.msgsStateReq,
  ServiceMessageId.msgsStateInfo,
  ServiceMessageId.msgsAllInfo,
  ServiceMessageId.msgResendReq,
  ServiceMessageId.httpWait,
  ServiceMessageId.gzipPacked,
]);

function isRequest(constructorId: number | undefined): boolean {
  return constructorId !== undefined && !NOT_REQUESTS.has(constructorId);
}
