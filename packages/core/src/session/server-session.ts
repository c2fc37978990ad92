/**
 * The server role of an encrypted MTProto 2.0 session as a sans-IO state machine, for one auth key
 * (core.telegram.org/mtproto/description, core.telegram.org/mtproto/service_messages,
 * core.telegram.org/mtproto/service_messages_about_messages).
 *
 * It decrypts what the client sends (x = 0), refuses what Telegram refuses with the notification
 * Telegram sends (see server-message-checks.ts; wrong salt: bad_server_salt), unpacks containers and
 * gzip_packed, acknowledges content-related messages, answers the service messages itself and hands
 * every other request to the application as a {@link ServerRequest} event.
 */
import { secureRandomSource, type RandomSource } from '../crypto/random-source';
import { systemClock, type Clock } from '../crypto/clock';
import { SecurityError } from '../errors/security-error';
import { TlDecodeError } from '../errors/tl-decode-error';
import { TransportError } from '../errors/transport-error';
import { decodeMtproto, encodeMtproto } from '../tl/tl-codec';
import type * as Mtproto from '../tl/generated/mtproto-types';
import { AckQueue, type AckQueueOptions } from './ack-queue';
import { decodeContainer, type ContainedMessage } from './message-container';
import {
  DEFAULT_MAX_INFLATED_SIZE,
  inflateIfPacked,
  packIfSmaller,
  writeRpcError,
  writeRpcResult,
} from './message-bodies';
import { MessageIdGenerator, type MessageIdKind } from './message-id-generator';
import { OutgoingMessages, createOutgoingEntry } from './outgoing-messages';
import { ReceivedMessageIds } from './received-message-ids';
import { SequenceNumbers } from './sequence-numbers';
import { checkClientMessage, recordClientMessage, type ClientSequenceState } from './server-message-checks';
import type { ServerRequest } from './server-request';
import type { ServerSalts } from './server-salts';
import { SessionEnvelope } from './session-envelope';
import type { ServerSessionEvent } from './session-events';
import { ServiceMessageId, peekConstructorId } from './service-message-ids';

/** Options of a {@link ServerSession}. */
export interface ServerSessionOptions {
  /** The client's 256-byte auth key. */
  readonly authKey: Uint8Array;
  /** The salts this server accepts and hands out. */
  readonly salts: ServerSalts;
  readonly clock?: Clock;
  readonly random?: RandomSource;
  /** Results and updates at least this long go gzip_packed when that shrinks them (default 1 024). */
  readonly gzipThreshold?: number;
  readonly acks?: AckQueueOptions;
  readonly maxInflatedSize?: number;
  readonly onEvent?: (event: ServerSessionEvent) => void;
}

/** What the server keeps per client session_id (a client may move between a few). */
interface ClientSessionState {
  readonly received: ReceivedMessageIds;
  readonly sequence: ClientSequenceState;
  announced: boolean;
}

/** How many of a client's session ids are remembered. */
const MAX_KNOWN_SESSIONS = 8;

export class ServerSession {
  private readonly clock: Clock;
  private readonly random: RandomSource;
  private readonly envelope: SessionEnvelope;
  private readonly acks: AckQueue;
  private readonly messageIds: MessageIdGenerator;
  private readonly sequenceNumbers = new SequenceNumbers();
  private readonly outgoing: OutgoingMessages;
  private readonly sessions = new Map<bigint, ClientSessionState>();
  private currentSessionId: bigint | undefined;
  /** Requests handed to the application and not answered yet, by msg_id. */
  private readonly running = new Map<bigint, { answered: boolean }>();

  constructor(private readonly options: ServerSessionOptions) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? secureRandomSource;
    this.envelope = new SessionEnvelope(options.authKey, 'server', this.random);
    this.acks = new AckQueue(options.acks);
    this.messageIds = new MessageIdGenerator(() => this.clock.now());
    this.outgoing = new OutgoingMessages(this.messageIds, this.sequenceNumbers, 'server-initiated');
  }

  /** session_id of the client's current session, once it sent something. */
  get clientSessionId(): bigint | undefined {
    return this.currentSessionId;
  }

  /** Handles one envelope from the client; nothing is thrown, failures become events. */
  receive(payload: Uint8Array): void {
    if (!this.envelope.matchesAuthKey(payload)) {
      this.emit({ type: 'unknown-auth-key', error: TransportError.fromServerCode(-404) });
      return;
    }
    let message;
    try {
      message = this.envelope.open(payload);
    } catch (error) {
      if (error instanceof SecurityError)
        this.emit({ type: 'security-error', error, transportErrorCode: -404 });
      else if (error instanceof TlDecodeError) this.emit({ type: 'decode-error', error, messageId: 0n });
      else throw error;
      return;
    }
    const session = this.enterSession(message.sessionId);
    const nowSeconds = this.nowSeconds();
    const { messageId, seqNo, body } = message;
    const check = checkClientMessage(messageId, seqNo, body, nowSeconds, session.received, session.sequence);
    if (check.verdict === 'reject') return this.reject(messageId, seqNo, check.code);
    if (check.verdict === 'duplicate') return this.emit({ type: 'duplicate-message', messageId });
    if (!this.options.salts.accepts(message.salt, nowSeconds)) {
      const newSalt = this.options.salts.current(nowSeconds);
      this.queue(
        encodeMtproto({
          _: 'bad_server_salt',
          bad_msg_id: messageId,
          bad_msg_seqno: seqNo,
          error_code: 48,
          new_server_salt: newSalt,
        }),
        'server-response',
        false,
      );
      this.emit({ type: 'message-rejected', messageId, code: 48 });
      return;
    }
    let contained: ContainedMessage[] | undefined;
    if (peekConstructorId(body) === ServiceMessageId.msgContainer) {
      try {
        contained = decodeContainer(body);
      } catch (error) {
        if (!(error instanceof TlDecodeError)) throw error;
        return this.reject(messageId, seqNo, 64);
      }
      if (contained.some((inner) => inner.messageId >= messageId)) return this.reject(messageId, seqNo, 64);
    }
    session.received.add(messageId);
    recordClientMessage(messageId, seqNo, session.sequence);
    if (!session.announced) this.announce(session, contained?.[0]?.messageId ?? messageId, nowSeconds);
    if (contained === undefined) {
      this.handle(messageId, seqNo, body);
    } else {
      for (const inner of contained) {
        const innerCheck = checkClientMessage(
          inner.messageId,
          inner.seqNo,
          inner.body,
          nowSeconds,
          session.received,
          session.sequence,
        );
        if (innerCheck.verdict === 'reject') this.reject(inner.messageId, inner.seqNo, innerCheck.code);
        else if (innerCheck.verdict === 'duplicate')
          this.emit({ type: 'duplicate-message', messageId: inner.messageId });
        else {
          session.received.add(inner.messageId);
          recordClientMessage(inner.messageId, inner.seqNo, session.sequence);
          this.handle(inner.messageId, inner.seqNo, inner.body);
        }
      }
    }
    if (this.outgoing.queuedCount > 0 || this.acks.isDue(this.clock.now()))
      this.emit({ type: 'flush-needed' });
  }

  /** Pushes a message of the server's own (an `Updates` object) to the client. */
  sendUpdate(body: Uint8Array): void {
    this.queue(packIfSmaller(body, this.options.gzipThreshold ?? 1024), 'server-initiated', true);
  }

  /** Envelopes to send: queued answers and updates with the waiting acks (or the acks alone when due). */
  flush(): Uint8Array[] {
    const sessionId = this.currentSessionId;
    const now = this.clock.now();
    if (sessionId === undefined) return [];
    if (this.outgoing.queuedCount === 0 && !this.acks.isDue(now)) return [];
    const salt = this.options.salts.current(this.nowSeconds());
    return this.outgoing
      .pack(now, this.acks.takeAll())
      .map((message) => this.envelope.seal({ salt, sessionId, ...message }));
  }

  /** Runs what is due (acks that waited long enough). */
  tick(): void {
    if (this.acks.isDue(this.clock.now())) this.emit({ type: 'flush-needed' });
  }

  /** When `tick()` should run next, or undefined. */
  nextDeadline(): number | undefined {
    return this.acks.deadline();
  }

  /** Queues again everything the client has not acknowledged (after it reconnected). */
  resendUnacknowledged(): void {
    for (const entry of this.outgoing.unacknowledged()) this.outgoing.requeue(entry);
    if (this.outgoing.queuedCount > 0) this.emit({ type: 'flush-needed' });
  }

  private enterSession(sessionId: bigint): ClientSessionState {
    let session = this.sessions.get(sessionId);
    if (session === undefined) {
      session = {
        received: new ReceivedMessageIds(),
        sequence: { highestMessageId: undefined, highestSeqNo: 0 },
        announced: false,
      };
      this.sessions.set(sessionId, session);
      if (this.sessions.size > MAX_KNOWN_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    }
    if (sessionId !== this.currentSessionId) {
      // Our own seq_no restarts with the client's session; answers meant for the old one are moot.
      this.currentSessionId = sessionId;
      this.sequenceNumbers.reset();
      this.outgoing.discardSent();
      this.acks.takeAll();
    }
    return session;
  }

  private announce(session: ClientSessionState, firstMessageId: bigint, nowSeconds: number): void {
    session.announced = true;
    const bytes = this.random(8);
    this.queue(
      encodeMtproto({
        _: 'new_session_created',
        first_msg_id: firstMessageId,
        unique_id: new DataView(bytes.buffer, bytes.byteOffset, 8).getBigInt64(0, true),
        server_salt: this.options.salts.current(nowSeconds),
      }),
      'server-initiated',
      true,
    );
    this.emit({ type: 'session-started', sessionId: this.currentSessionId! });
  }

  private reject(messageId: bigint, seqNo: number, code: number): void {
    this.queue(
      encodeMtproto({
        _: 'bad_msg_notification',
        bad_msg_id: messageId,
        bad_msg_seqno: seqNo,
        error_code: code,
      }),
      'server-response',
      false,
    );
    this.emit({ type: 'message-rejected', messageId, code });
    this.emit({ type: 'flush-needed' });
  }

  private handle(messageId: bigint, seqNo: number, body: Uint8Array): void {
    if ((seqNo & 1) === 1) this.acks.add(messageId, this.clock.now());
    try {
      this.dispatch(
        messageId,
        inflateIfPacked(body, this.options.maxInflatedSize ?? DEFAULT_MAX_INFLATED_SIZE),
      );
    } catch (error) {
      if (!(error instanceof TlDecodeError)) throw error;
      this.emit({ type: 'decode-error', error, messageId });
    }
  }

  private dispatch(messageId: bigint, body: Uint8Array): void {
    const constructorId = peekConstructorId(body);
    switch (constructorId) {
      case ServiceMessageId.msgsAck:
      case ServiceMessageId.ping:
      case ServiceMessageId.pingDelayDisconnect:
      case ServiceMessageId.msgsStateReq:
      case ServiceMessageId.msgsStateInfo:
      case ServiceMessageId.msgsAllInfo:
      case ServiceMessageId.msgResendReq:
      case ServiceMessageId.getFutureSalts:
      case ServiceMessageId.destroySession:
      case ServiceMessageId.rpcDropAnswer:
      case ServiceMessageId.httpWait:
        this.onService(messageId, decodeMtproto(body));
        return;
      case ServiceMessageId.msgContainer:
        throw new TlDecodeError('a container inside gzip_packed or a container', 0, 'msg_container');
      default:
        this.emit({ type: 'request', request: this.createRequest(messageId, body, constructorId ?? 0) });
    }
  }

  private onService(messageId: bigint, message: Mtproto.TlAnyObject): void {
    switch (message._) {
      case 'msgs_ack':
        for (const id of message.msg_ids) {
          const entry = this.outgoing.acknowledge(id);
          if (entry !== undefined) this.outgoing.release(entry);
        }
        return;
      case 'ping':
        this.queue(
          encodeMtproto({ _: 'pong', msg_id: messageId, ping_id: message.ping_id }),
          'server-response',
          true,
        );
        return;
      case 'ping_delay_disconnect':
        this.queue(
          encodeMtproto({ _: 'pong', msg_id: messageId, ping_id: message.ping_id }),
          'server-response',
          true,
        );
        this.emit({ type: 'disconnect-delay', seconds: message.disconnect_delay });
        return;
      case 'msgs_state_req': {
        const received = this.sessions.get(this.currentSessionId!)!.received;
        const info = Uint8Array.from(
          message.msg_ids,
          (id) => received.state(id) | (this.running.has(id) ? 32 : 0),
        );
        this.queue(
          encodeMtproto({ _: 'msgs_state_info', req_msg_id: messageId, info }),
          'server-response',
          false,
        );
        return;
      }
      case 'msgs_state_info':
      case 'msgs_all_info':
        // The client's view of our messages: the ones it has are acknowledged; the rest go again.
        return this.applyStates(message._ === 'msgs_all_info' ? message.msg_ids : [], message.info);
      case 'msg_resend_req':
        for (const id of message.msg_ids)
          for (const entry of this.outgoing.lookup(id).entries) this.outgoing.requeue(entry);
        return;
      case 'get_future_salts': {
        const nowSeconds = this.nowSeconds();
        const salts = this.options.salts.upcoming(nowSeconds, message.num);
        this.queue(
          encodeMtproto({ _: 'future_salts', req_msg_id: messageId, now: nowSeconds, salts }),
          'server-response',
          true,
        );
        return;
      }
      case 'destroy_session': {
        const known =
          message.session_id !== this.currentSessionId && this.sessions.delete(message.session_id);
        const answer = known ? 'destroy_session_ok' : 'destroy_session_none';
        this.queue(encodeMtproto({ _: answer, session_id: message.session_id }), 'server-response', true);
        if (known) this.emit({ type: 'session-destroyed', sessionId: message.session_id });
        return;
      }
      case 'rpc_drop_answer': {
        const running = this.running.get(message.req_msg_id);
        let answer: Mtproto.TypeRpcDropAnswer = { _: 'rpc_answer_unknown' };
        if (running !== undefined && !running.answered) {
          running.answered = true;
          this.running.delete(message.req_msg_id);
          answer = { _: 'rpc_answer_dropped_running' };
        }
        this.queue(writeRpcResult(messageId, encodeMtproto(answer)), 'server-response', true);
        return;
      }
      case 'http_wait':
        this.emit({
          type: 'http-wait',
          maxDelayMs: message.max_delay,
          waitAfterMs: message.wait_after,
          maxWaitMs: message.max_wait,
        });
        return;
      default:
        return;
    }
  }

  private applyStates(ids: readonly bigint[], info: Uint8Array): void {
    ids.forEach((id, index) => {
      const status = (info[index] ?? 0) & 7;
      const entry = this.outgoing.find(id);
      if (entry === undefined) return;
      if (status === 4) this.outgoing.release(entry);
      else if (status >= 1 && status <= 3) this.outgoing.requeue(entry);
    });
  }

  private createRequest(messageId: bigint, body: Uint8Array, constructorId: number): ServerRequest {
    const state = { answered: false };
    this.running.set(messageId, state);
    const answer = (result: Uint8Array): void => {
      if (state.answered) return;
      state.answered = true;
      this.running.delete(messageId);
      this.queue(
        writeRpcResult(messageId, packIfSmaller(result, this.options.gzipThreshold ?? 1024)),
        'server-response',
        true,
      );
    };
    return {
      messageId,
      body,
      constructorId,
      get answered() {
        return state.answered;
      },
      decode: () => decodeMtproto(body),
      reply: answer,
      replyObject: (result) => answer(encodeMtproto(result)),
      replyError: (code, text) => answer(writeRpcError(code, text)),
    };
  }

  private queue(body: Uint8Array, kind: MessageIdKind, contentRelated: boolean): void {
    const wasEmpty = this.outgoing.queuedCount === 0;
    this.outgoing.enqueue(createOutgoingEntry(body, kind, contentRelated));
    if (wasEmpty) this.emit({ type: 'flush-needed' });
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  private emit(event: ServerSessionEvent): void {
    this.options.onEvent?.(event);
  }
}
