/**
 * Constructor ids of the MTProto service messages the session itself reads or writes, from
 * schema/mtproto.tl (core.telegram.org/mtproto/service_messages and
 * core.telegram.org/mtproto/service_messages_about_messages). The session peeks at the first word of a
 * body to route it before decoding anything.
 */
export const ServiceMessageId = {
  rpcResult: 0xf35c6d01,
  rpcError: 0x2144ca19,
  msgContainer: 0x73f1f8dc,
  gzipPacked: 0x3072cfa1,
  msgsAck: 0x62d6b459,
  badMsgNotification: 0xa7eff811,
  badServerSalt: 0xedab447b,
  newSessionCreated: 0x9ec20908,
  ping: 0x7abe77ec,
  pingDelayDisconnect: 0xf3427b8c,
  pong: 0x347773c5,
  getFutureSalts: 0xb921bd04,
  futureSalts: 0xae500895,
  msgsStateReq: 0xda69fb52,
  msgsStateInfo: 0x04deb57d,
  msgsAllInfo: 0x8cc0d131,
  msgResendReq: 0x7d861a08,
  msgDetailedInfo: 0x276d3ec6,
  msgNewDetailedInfo: 0x809db6df,
  destroySession: 0xe7512126,
  destroySessionOk: 0xe22045fc,
  destroySessionNone: 0x62d350c9,
  rpcDropAnswer: 0x58e4a740,
  httpWait: 0x9299359f,
  msgCopy: 0xe06046b2,
} as const;

/**
 * Messages that need no acknowledgment and so take an even seq_no (core.telegram.org/mtproto/description,
 * "Content-related Message"): acknowledgments, containers and the informational messages about other
 * messages. Everything else a session sends is content-related.
 */
const NOT_CONTENT_RELATED = new Set<number>([
  ServiceMessageId.msgsAck,
  ServiceMessageId.msgContainer,
  ServiceMessageId.msgsStateReq,
  ServiceMessageId.msgsStateInfo,
  ServiceMessageId.msgsAllInfo,
  ServiceMessageId.httpWait,
]);

/** First 32-bit word of a body (its constructor id), or undefined when shorter than 4 bytes. */
export function peekConstructorId(body: Uint8Array): number | undefined {
  if (body.length < 4) return undefined;
  return new DataView(body.buffer, body.byteOffset, 4).getUint32(0, true);
}

/** Whether a body with this constructor id is content-related (odd seq_no, must be acknowledged). */
export function isContentRelated(constructorId: number | undefined): boolean {
  return constructorId === undefined || !NOT_CONTENT_RELATED.has(constructorId);
}
