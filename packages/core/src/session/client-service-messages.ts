/**
 * How a client session reads what the server sends (core.telegram.org/mtproto/service_messages and
 * core.telegram.org/mtproto/service_messages_about_messages): the checks every received msg_id must
 * pass (odd, never seen before: core.telegram.org/mtproto/security_guidelines), containers and
 * gzip_packed unwrapped, rpc_result matched to its call with the result kept as raw bytes, and each
 * service message answered or acted on. Anything else is an update for the layer above.
 */
import { SecurityError } from '../errors/security-error';
import { TlDecodeError } from '../errors/tl-decode-error';
import { decodeMtproto, encodeMtproto } from '../tl/tl-codec';
import type * as Mtproto from '../tl/generated/mtproto-types';
import type { AckQueue } from './ack-queue';
import { decodeContainer } from './message-container';
import { inflateIfPacked, readRpcError, readRpcResult } from './message-bodies';
import type { MessageIdGenerator } from './message-id-generator';
import type { OutgoingEntry, OutgoingMessages, SentRecord } from './outgoing-messages';
import type { PendingCall, PendingCalls } from './pending-calls';
import type { ReceivedMessageIds } from './received-message-ids';
import type { SaltSchedule } from './salt-schedule';
import type { ClientSessionEvent } from './session-events';
import { ServiceMessageId, peekConstructorId } from './service-message-ids';

/** The parts of the client session its message handling works on. */
export interface ClientServiceDependencies {
  readonly outgoing: OutgoingMessages;
  readonly calls: PendingCalls;
  readonly received: ReceivedMessageIds;
  readonly acks: AckQueue;
  readonly salts: SaltSchedule;
  readonly messageIds: MessageIdGenerator;
  readonly maxInflatedSize: number;
  now(): number;
  emit(event: ClientSessionEvent): void;
  /** Queues a service message of our own. */
  enqueue(body: Uint8Array): void;
  requeue(entry: OutgoingEntry): void;
  settle(call: PendingCall, answer: Uint8Array | { code: number; text: string }): void;
  resetSession(reason: string): void;
  requestFutureSalts(): void;
  failEntries(entries: readonly OutgoingEntry[], code: number): void;
}

/** Service constructors decoded through the generated MTProto codec. */
const SERVICE_IDS = new Set<number>(Object.values(ServiceMessageId));

export class ClientServiceMessages {
  private stateRequests: { entry: OutgoingEntry; ids: bigint[] }[] = [];
  /** Messages refused for their salt (code 48 without a new salt): resent once future salts arrive. */
  private heldForSalt: OutgoingEntry[] = [];
  /**
   * Bytes the rest of the current envelope may still inflate to. One cap per received envelope, not
   * per gzip_packed: a container of 1,020 packed messages must not get 1,020 times the allowance.
   */
  private inflateBudget = 0;

  constructor(private readonly session: ClientServiceDependencies) {}

  /**
   * Checks a received msg_id: the server's are odd (core.telegram.org/mtproto/description, "Message
   * Identifier") and each is accepted once. A failing message is dropped and reported.
   */
  admit(messageId: bigint): boolean {
    if ((messageId & 1n) === 0n) {
      this.drop(`msg_id ${messageId} is even, the server's are odd`);
      return false;
    }
    const check = this.session.received.check(messageId);
    if (check !== 'new') {
      this.drop(
        check === 'duplicate'
          ? `msg_id ${messageId} was already received (replay)`
          : `msg_id ${messageId} is older than every id remembered`,
      );
      return false;
    }
    this.session.received.add(messageId);
    return true;
  }

  /** Acknowledges (if content-related) and handles an admitted message. */
  accept(messageId: bigint, seqNo: number, body: Uint8Array): void {
    this.inflateBudget = this.session.maxInflatedSize;
    this.acceptMessage(messageId, seqNo, body, false);
  }

  /** Inflates through `inflate` within what is left of the envelope's budget, and charges it. */
  private inflateCharged(body: Uint8Array, inflate: (cap: number) => Uint8Array): Uint8Array {
    const inflated = inflate(this.inflateBudget);
    // A body that was not packed comes back as a view of the received bytes and costs nothing.
    if (inflated.buffer !== body.buffer) this.inflateBudget -= inflated.length;
    return inflated;
  }

  private acceptMessage(messageId: bigint, seqNo: number, body: Uint8Array, inContainer: boolean): void {
    if ((seqNo & 1) === 1) this.session.acks.add(messageId, this.session.now());
    try {
      this.dispatch(messageId, body, inContainer, false);
    } catch (error) {
      if (!(error instanceof TlDecodeError)) throw error;
      this.session.emit({ type: 'decode-error', error, messageId });
    }
  }

  /** Notes a msgs_state_req we send, to read the msgs_state_info that answers it. */
  rememberStateRequest(entry: OutgoingEntry, ids: bigint[]): void {
    this.stateRequests.push({ entry, ids });
    if (this.stateRequests.length > 64) this.stateRequests.shift();
  }

  /**
   * Unwraps at most one container and one gzip_packed on the way to a message. decodeContainer
   * refuses a container directly inside another, but one hidden in a gzip_packed would otherwise be
   * unwrapped too, and a peer could nest container in gzip_packed in container as deep as its bytes
   * allow, until the stack overflows out of `receive`.
   */
  private dispatch(messageId: bigint, body: Uint8Array, inContainer: boolean, inflated: boolean): void {
    const constructorId = peekConstructorId(body);
    if (constructorId === ServiceMessageId.msgContainer) {
      if (inContainer) throw new TlDecodeError('containers do not nest', 0, 'msg_container');
      for (const inner of decodeContainer(body)) {
        if (this.admit(inner.messageId)) this.acceptMessage(inner.messageId, inner.seqNo, inner.body, true);
      }
    } else if (constructorId === ServiceMessageId.gzipPacked) {
      if (inflated) throw new TlDecodeError('gzip_packed holds another gzip_packed', 0, 'gzip_packed');
      const contents = this.inflateCharged(body, (cap) => inflateIfPacked(body, cap));
      this.dispatch(messageId, contents, inContainer, true);
    } else if (constructorId === ServiceMessageId.rpcResult) {
      this.onRpcResult(body);
    } else if (constructorId !== undefined && SERVICE_IDS.has(constructorId)) {
      this.onService(messageId, decodeMtproto(body, { maxInflatedSize: this.inflateBudget }), body);
    } else {
      this.session.emit({ type: 'update', messageId, body });
    }
  }

  private onRpcResult(body: Uint8Array): void {
    let requestMessageId = 0n;
    const result = this.inflateCharged(body, (cap) => {
      const raw = readRpcResult(body, cap);
      requestMessageId = raw.requestMessageId;
      return raw.result;
    });
    const { outgoing, calls } = this.session;
    outgoing.acknowledge(requestMessageId);
    const call = calls.forEntry(outgoing.find(requestMessageId));
    if (call === undefined) return;
    this.session.settle(call, readRpcError(result) ?? result);
  }

  private onService(messageId: bigint, message: Mtproto.TlAnyObject, body: Uint8Array): void {
    const { outgoing, calls, salts } = this.session;
    switch (message._) {
      case 'pong': {
        outgoing.acknowledge(message.msg_id);
        const call = calls.forEntry(outgoing.find(message.msg_id));
        if (call !== undefined) this.session.settle(call, body);
        return;
      }
      case 'bad_server_salt':
        salts.current = message.new_server_salt;
        this.session.emit({ type: 'salt-changed', salt: message.new_server_salt });
        this.resend(outgoing.lookup(message.bad_msg_id));
        return;
      case 'bad_msg_notification':
        this.onBadMessage(messageId, message);
        return;
      case 'new_session_created':
        this.onNewSession(message);
        return;
      case 'msgs_ack':
        for (const id of message.msg_ids) outgoing.acknowledge(id);
        return;
      case 'msgs_state_req':
        this.session.enqueue(
          encodeMtproto({
            _: 'msgs_state_info',
            req_msg_id: messageId,
            info: this.describeStates(message.msg_ids),
          }),
        );
        return;
      case 'msgs_state_info': {
        const request = this.stateRequests.find(
          (candidate) => candidate.entry.messageId === message.req_msg_id,
        );
        if (request === undefined) return;
        this.stateRequests = this.stateRequests.filter((candidate) => candidate !== request);
        this.applyStates(request.ids, message.info);
        return;
      }
      case 'msgs_all_info':
        this.applyStates(message.msg_ids, message.info);
        return;
      case 'msg_resend_req':
        for (const id of message.msg_ids)
          for (const entry of outgoing.lookup(id).entries) this.session.requeue(entry);
        return;
      case 'msg_detailed_info':
        outgoing.acknowledge(message.msg_id);
        this.onDetailedInfo(message.answer_msg_id);
        return;
      case 'msg_new_detailed_info':
        this.onDetailedInfo(message.answer_msg_id);
        return;
      case 'future_salts':
        this.onFutureSalts(message, body);
        return;
      case 'destroy_session_ok':
      case 'destroy_session_none': {
        const call = calls.destroyCallFor(message.session_id);
        if (call !== undefined) this.session.settle(call, body);
        return;
      }
      case 'ping':
      case 'ping_delay_disconnect':
        this.session.enqueue(encodeMtproto({ _: 'pong', msg_id: messageId, ping_id: message.ping_id }));
        return;
      default:
        // Other service objects (http_wait, msg_copy, key exchange messages) mean nothing to a client session.
        return;
    }
  }

  /**
   * bad_msg_notification (core.telegram.org/mtproto/service_messages_about_messages, "Notice of
   * Ignored Error Message"): repair what can be repaired and send again, fail the rest.
   */
  private onBadMessage(notificationId: bigint, notification: Mtproto.BadMsgNotification): void {
    const { outgoing, messageIds } = this.session;
    const record = outgoing.lookup(notification.bad_msg_id);
    switch (notification.error_code) {
      case 16:
      case 17: {
        // The server's msg_id carries its clock: adopt it, then send again with fresh ids.
        const before = messageIds.timeOffset;
        messageIds.syncWithMessageId(notificationId);
        this.session.emit({ type: 'time-synchronized', offsetSeconds: messageIds.timeOffset });
        // Ids must only grow within a session; when the clock went back, a new session is the way out.
        if (messageIds.timeOffset < before) this.session.resetSession('the clock was corrected backwards');
        else this.resend(record);
        return;
      }
      case 32:
      case 33:
        // The server's view of our seq_no differs from ours: start a new session where both restart.
        this.session.resetSession(`msg_seqno too ${notification.error_code === 32 ? 'low' : 'high'}`);
        return;
      case 48:
        this.heldForSalt.push(...record.entries);
        for (const entry of record.entries) outgoing.release(entry);
        this.session.requestFutureSalts();
        return;
      case 19:
      case 20:
        // A reused container id, or a message too old to be verified: sent again under new ids.
        this.resend(record);
        return;
      case 64:
        for (const entry of record.entries) entry.alone = true;
        this.resend(record);
        return;
      default:
        this.session.failEntries(record.entries, notification.error_code);
    }
  }

  private onNewSession(message: Mtproto.NewSessionCreated): void {
    const { outgoing, salts } = this.session;
    salts.current = message.server_salt;
    this.session.emit({
      type: 'new-session-created',
      firstMessageId: message.first_msg_id,
      uniqueId: message.unique_id,
      serverSalt: message.server_salt,
    });
    // Messages sent before the session existed on the server may be lost: send them again.
    for (const entry of outgoing.unacknowledged()) {
      if (entry.messageId !== undefined && entry.messageId < message.first_msg_id)
        this.session.requeue(entry);
    }
  }

  private onFutureSalts(message: Mtproto.FutureSalts, body: Uint8Array): void {
    const { outgoing, calls, salts } = this.session;
    salts.store(message.salts);
    const serverNow = Math.floor(this.session.now() / 1000) + this.session.messageIds.timeOffset;
    const changed = salts.update(serverNow);
    if (changed !== undefined) this.session.emit({ type: 'salt-changed', salt: changed });
    outgoing.acknowledge(message.req_msg_id);
    const call = calls.forEntry(outgoing.find(message.req_msg_id));
    if (call !== undefined) this.session.settle(call, body);
    const held = this.heldForSalt;
    this.heldForSalt = [];
    for (const entry of held) this.session.requeue(entry);
  }

  /** The answer exists on the server: acknowledge it if we have it, else ask for it again. */
  private onDetailedInfo(answerMessageId: bigint): void {
    if (this.session.received.state(answerMessageId) === 4)
      this.session.acks.add(answerMessageId, this.session.now());
    else this.session.enqueue(encodeMtproto({ _: 'msg_resend_req', msg_ids: [answerMessageId] }));
  }

  /** One status byte per id, as msgs_state_info carries them. */
  private describeStates(ids: readonly bigint[]): Uint8Array {
    return Uint8Array.from(ids, (id) => this.session.received.state(id));
  }

  /** Reads the server's statuses of our messages: received ones count as acknowledged, lost ones go again. */
  private applyStates(ids: readonly bigint[], info: Uint8Array): void {
    const { outgoing } = this.session;
    ids.forEach((id, index) => {
      const status = (info[index] ?? 0) & 7;
      const entry = outgoing.find(id);
      if (entry === undefined) return;
      if (status === 4) outgoing.acknowledge(id);
      else if (status >= 1 && status <= 3) this.session.requeue(entry);
    });
  }

  private resend(record: SentRecord): void {
    for (const entry of record.entries) this.session.requeue(entry);
    for (const id of record.acknowledgedIds) this.session.acks.add(id, this.session.now());
  }

  private drop(reason: string): void {
    this.session.emit({
      type: 'security-error',
      error: new SecurityError(`dropped a received message: ${reason}`),
    });
  }
}
