/**
 * `msg_container#73f1f8dc messages:vector<%Message> = MessageContainer;` with
 * `message msg_id:long seqno:int bytes:int body:Object = Message;`
 * (core.telegram.org/mtproto/service_messages, "Simple Container"): several messages sent as one,
 * each with its own msg_id and seq_no. Containers do not nest, and the container's msg_id is greater
 * than those of the messages inside it (it is generated after them).
 */
import { TlReader } from '../tl/binary/tl-reader';
import { TlWriter } from '../tl/binary/tl-writer';
import { ServiceMessageId } from './service-message-ids';

/** Telegram refuses containers of more than 1020 messages. */
export const MAX_CONTAINER_MESSAGES = 1020;
/** About 1 MiB: the most a container (and so one encrypted message) may carry. */
export const MAX_CONTAINER_BODY_LENGTH = 1024 * 1024 - 64;
/** msg_id, seqno and bytes in front of each body inside a container. */
export const CONTAINED_MESSAGE_HEADER_LENGTH = 16;

/** One message inside a container. */
export interface ContainedMessage {
  readonly messageId: bigint;
  readonly seqNo: number;
  readonly body: Uint8Array;
}

/** Serialises a container of already numbered messages. */
export function encodeContainer(messages: readonly ContainedMessage[]): Uint8Array {
  let length = 8;
  for (const message of messages) length += CONTAINED_MESSAGE_HEADER_LENGTH + message.body.length;
  const writer = new TlWriter(length);
  writer.writeUint32(ServiceMessageId.msgContainer);
  writer.writeInt32(messages.length);
  for (const message of messages) {
    writer.writeInt64(message.messageId);
    writer.writeInt32(message.seqNo);
    writer.writeInt32(message.body.length);
    writer.writeRaw(message.body);
  }
  return writer.finish();
}

/**
 * Splits a container body into its messages (views into `body`). Throws a TlDecodeError when the
 * count or a length does not fit, a length is not whole words, or a container is nested.
 */
export function decodeContainer(body: Uint8Array): ContainedMessage[] {
  const reader = new TlReader(body);
  if (reader.readUint32() !== ServiceMessageId.msgContainer) throw reader.fail('not a msg_container', 0);
  const count = reader.readBareVectorCount(CONTAINED_MESSAGE_HEADER_LENGTH + 4);
  if (count > MAX_CONTAINER_MESSAGES) {
    throw reader.fail(`msg_container of ${count} messages (at most ${MAX_CONTAINER_MESSAGES})`, 4);
  }
  const messages: ContainedMessage[] = [];
  for (let index = 0; index < count; index++) {
    const messageId = reader.readInt64();
    const seqNo = reader.readInt32();
    const at = reader.position;
    const length = reader.readInt32();
    if (length < 4 || length % 4 !== 0 || length > reader.remaining) {
      throw reader.fail(`contained message of ${length} bytes does not fit`, at, 'msg_container');
    }
    const start = reader.position;
    const messageBody = body.subarray(start, start + length);
    reader.position = start + length;
    if (
      new DataView(messageBody.buffer, messageBody.byteOffset, 4).getUint32(0, true) ===
      ServiceMessageId.msgContainer
    ) {
      throw reader.fail('containers do not nest', start, 'msg_container');
    }
    messages.push({ messageId, seqNo, body: messageBody });
  }
  reader.expectEnd();
  return messages;
}
