/**
 * The client role of an encrypted MTProto 2.0 session as a sans-IO state machine
 * (core.telegram.org/mtproto/description, core.telegram.org/mtproto/service_messages,
 * core.telegram.org/mtproto/service_messages_about_messages, core.telegram.org/mtproto/security_guidelines).
 *
 * The driver feeds it received envelopes (`receive`), calls `flush()` to get envelopes to send and
 * `tick()` at `nextDeadline()`; time comes from the injected clock. Calls return an {@link RpcCall}
 * whose `result` settles when the rpc_result (or an error) arrives.
 */
import { secureRandomSource, type RandomSource } from '../crypto/random-source';
import { systemClock, type Clock } from '../crypto/clock';
import { SecurityError } from '../errors/security-error';
import { SessionError, describeBadMessageCode } from '../errors/session-error';
import { TlDecodeError } from '../errors/tl-decode-error';
import { rpcErrorFromServer } from '../errors/rpc-error-from-server';
import { decodeApiResult, decodeMtproto, encodeApi, encodeMtproto } from '../tl/tl-codec';
import type * as Api from '../tl/generated/api-types';
import type * as Mtproto from '../tl/generated/mtproto-types';
import { AckQueue, type AckQueueOptions } from './ack-queue';
import { ClientServiceMessages } from './client-service-messages';
import { writeInitConnectionPrefix, type ConnectionInfo } from './init-connection';
import { DEFAULT_MAX_INFLATED_SIZE, packIfSmaller } from './message-bodies';
import { MessageIdGenerator } from './message-id-generator';
import { OutgoingMessages, createOutgoingEntry, type OutgoingEntry } from './outgoing-messages';
import { PendingCalls, type PendingCall, type PendingCallKind } from './pending-calls';
import { ReceivedMessageIds } from './received-message-ids';
import { SaltSchedule } from './salt-schedule';
import { SequenceNumbers } from './sequence-numbers';
import { SessionEnvelope } from './session-envelope';
import type { ClientSessionEvent } from './session-events';

/** Options of a {@link ClientSession}. */
export interface ClientSessionOptions {
  /** The 256-byte auth key from the key exchange. */
  readonly authKey: Uint8Array;
  /** The server salt (the key exchange's initial one, or one stored earlier). */
  readonly serverSalt: bigint;
  /** session_id; random by default. */
  readonly sessionId?: bigint;
  /** Server time minus local time, in seconds (from the key exchange or storage). */
  readonly timeOffsetSeconds?: number;
  readonly clock?: Clock;
  readonly random?: RandomSource;
  /**
   * When set, the first call of each session is wrapped in invokeWithLayer(layer, initConnection(...))
   * (core.telegram.org/api/invoking#layers).
   */
  readonly connection?: ConnectionInfo;
  /** Bodies at least this long are sent gzip_packed when that shrinks them (default 1 024; Infinity: never). */
  readonly gzipThreshold?: number;
  readonly acks?: AckQueueOptions;
  /** Keepalive: a ping_delay_disconnect every this many ms from `tick()` (default 60 000; 0: none). */
  readonly pingIntervalMs?: number;
  /** disconnect_delay of the keepalive pings, in seconds (default 75). */
  readonly disconnectDelaySeconds?: number;
  /** Timeout of calls that set none (default: none). */
  readonly defaultTimeoutMs?: number;
  /** Ask msgs_state_req about a call unacknowledged this long (default 30 000 ms). */
  readonly stateRequestAfterMs?: number;
  /** Ask for future salts from `tick()` when the known ones run low (default true). */
  readonly requestFutureSalts?: boolean;
  /** Cap on what one gzip_packed body may inflate to. */
  readonly maxInflatedSize?: number;
  readonly onEvent?: (event: ClientSessionEvent) => void;
}

/** Options of one call. */
export interface InvokeOptions {
  /** Reject with a SessionError('timeout') after this many ms. */
  readonly timeoutMs?: number;
  /** Reject with a SessionError('aborted') when this fires. */
  readonly signal?: AbortSignal;
  /** Force (true) or forbid (false) the invokeWithLayer/initConnection wrapper; default: first call only. */
  readonly initConnection?: boolean;
  /** TL method name, for error messages of raw calls. */
  readonly method?: string;
}

/** A call in flight. */
export interface RpcCall<T> {
  /** Settles with the decoded result, an RpcError (FloodWaitError, MigrateError...) or a SessionError. */
  readonly result: Promise<T>;
  /** The msg_id the request was last sent with (undefined until flushed). */
  readonly messageId: bigint | undefined;
  /** Rejects the call with SessionError('aborted') and asks the server to drop its answer. */
  cancel(): void;
}

export class ClientSession {
  private readonly clock: Clock;
  private readonly random: RandomSource;
  private readonly envelope: SessionEnvelope;
  private readonly acks: AckQueue;
  private readonly calls = new PendingCalls();
  private readonly received = new ReceivedMessageIds();
  private readonly salts: SaltSchedule;
  private readonly service: ClientServiceMessages;
  private readonly messageIds: MessageIdGenerator;
  private readonly sequenceNumbers = new SequenceNumbers();
  private readonly outgoing: OutgoingMessages;
  private currentSessionId: bigint;
  /** The wrapped first call while it waits; the connection counts as initialised once it is answered. */
  private initCall: OutgoingEntry | undefined;
  private connectionInitialized = false;
  private lastPingAt: number;
  private futureSaltsRequested = false;
  private closed = false;
  private readonly stateQueriedAt = new Map<OutgoingEntry, number>();

  constructor(private readonly options: ClientSessionOptions) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? secureRandomSource;
    this.envelope = new SessionEnvelope(options.authKey, 'client', this.random);
    this.acks = new AckQueue(options.acks);
    this.salts = new SaltSchedule(options.serverSalt);
    this.messageIds = new MessageIdGenerator(() => this.clock.now());
    this.messageIds.setTimeOffset(options.timeOffsetSeconds ?? 0);
    this.outgoing = new OutgoingMessages(this.messageIds, this.sequenceNumbers, 'client');
    this.currentSessionId = options.sessionId ?? this.randomLong();
    this.lastPingAt = this.clock.now();
    this.service = new ClientServiceMessages({
      outgoing: this.outgoing,
      calls: this.calls,
      received: this.received,
      acks: this.acks,
      salts: this.salts,
      messageIds: this.messageIds,
      maxInflatedSize: options.maxInflatedSize ?? DEFAULT_MAX_INFLATED_SIZE,
      now: () => this.clock.now(),
      emit: (event) => this.emit(event),
      enqueue: (body) => this.enqueue(createOutgoingEntry(body, 'client')),
      requeue: (entry) => this.requeue(entry),
      settle: (call, answer) => this.settle(call, answer),
      resetSession: (reason) => this.resetSession(reason),
      requestFutureSalts: () => this.requestFutureSaltsInternally(),
      failEntries: (entries, code) => this.failEntries(entries, code),
    });
  }

  /** The current session_id. */
  get sessionId(): bigint {
    return this.currentSessionId;
  }

  /** The salt outgoing messages carry. */
  get serverSalt(): bigint {
    return this.salts.current;
  }

  /** Server time minus local time, in seconds, as learnt so far. */
  get timeOffsetSeconds(): number {
    return this.messageIds.timeOffset;
  }

  /** Calls still waiting for an answer. */
  get pendingCallCount(): number {
    return this.calls.size;
  }

  /**
   * Sends an API request; the result is decoded with the request's own result type.
   *
   * @example
   * ```ts
   * const call = session.invoke({ _: 'help.getConfig' }, { timeoutMs: 10_000 });
   * for (const payload of session.flush()) socket.send(payload);
   * const config = await call.result;
   * ```
   */
  invoke<R extends Api.TlMethod>(request: R, options: InvokeOptions = {}): RpcCall<Api.TlResult<R>> {
    const body = encodeApi(request);
    const decode = (answer: Uint8Array): Api.TlResult<R> =>
      decodeApiResult<R>(request, answer, { maxInflatedSize: this.options.maxInflatedSize });
    return this.startCall<Api.TlResult<R>>(
      'rpc',
      body,
      { ...options, method: options.method ?? request._ },
      decode,
    );
  }

  /**
   * Sends an API request built from the msg_id it leaves with: `build` runs when the request is
   * packed, and again for each resend (which takes a new msg_id). The request travels alone (not in a
   * container), uncompressed and without the initConnection wrapper. This is for
   * auth.bindTempAuthKey, whose encrypted_message must carry the request's own msg_id
   * (core.telegram.org/api/pfs).
   *
   * @example
   * ```ts
   * const call = session.invokeWithMessageId(
   *   (messageId) => createBindTempAuthKeyRequest({ ...binding, temporarySessionId: session.sessionId, messageId }),
   *   { method: 'auth.bindTempAuthKey' },
   * );
   * ```
   */
  invokeWithMessageId<R extends Api.TlMethod>(
    build: (messageId: bigint) => R,
    options: InvokeOptions = {},
  ): RpcCall<Api.TlResult<R>> {
    let built: R | undefined;
    const decode = (answer: Uint8Array): Api.TlResult<R> => {
      if (built === undefined) throw new TlDecodeError('an answer came before the request was sent', 0);
      return decodeApiResult<R>(built, answer, { maxInflatedSize: this.options.maxInflatedSize });
    };
    return this.startCall<Api.TlResult<R>>(
      'rpc',
      new Uint8Array(0),
      options,
      decode,
      undefined,
      (messageId) => {
        built = build(messageId);
        return encodeApi(built);
      },
    );
  }

  /** Sends an already encoded request; the result is the raw boxed result bytes. */
  invokeRaw(request: Uint8Array, options: InvokeOptions = {}): RpcCall<Uint8Array> {
    return this.startCall('rpc', request, options, (answer) => answer);
  }

  /** ping: resolves with the pong (core.telegram.org/mtproto/service_messages, "Ping Messages"). */
  ping(options: InvokeOptions = {}): RpcCall<Mtproto.Pong> {
    const body = encodeMtproto({ _: 'ping', ping_id: this.randomLong() });
    return this.startCall(
      'ping',
      body,
      { ...options, initConnection: false, method: 'ping' },
      (answer) => decodeMtproto(answer) as Mtproto.Pong,
    );
  }

  /** get_future_salts: the answer's salts are also kept and switched to when they become valid. */
  requestFutureSalts(count: number, options: InvokeOptions = {}): RpcCall<Mtproto.FutureSalts> {
    const body = encodeMtproto({ _: 'get_future_salts', num: count });
    return this.startCall(
      'future-salts',
      body,
      { ...options, initConnection: false, method: 'get_future_salts' },
      (answer) => decodeMtproto(answer) as Mtproto.FutureSalts,
    );
  }

  /** destroy_session of another session of this auth key. */
  destroySession(sessionId: bigint, options: InvokeOptions = {}): RpcCall<Mtproto.TypeDestroySessionRes> {
    const body = encodeMtproto({ _: 'destroy_session', session_id: sessionId });
    return this.startCall(
      'destroy-session',
      body,
      { ...options, initConnection: false, method: 'destroy_session' },
      (answer) => decodeMtproto(answer) as Mtproto.TypeDestroySessionRes,
      sessionId,
    );
  }

  /**
   * Queues http_wait (core.telegram.org/mtproto/service_messages, "Long Poll"): on the HTTP
   * transport, asks the server to hold this request open until it has something to send. Times in
   * milliseconds.
   */
  httpWait(parameters: {
    readonly maxDelayMs: number;
    readonly waitAfterMs: number;
    readonly maxWaitMs: number;
  }): void {
    if (this.closed) return;
    const body = encodeMtproto({
      _: 'http_wait',
      max_delay: parameters.maxDelayMs,
      wait_after: parameters.waitAfterMs,
      max_wait: parameters.maxWaitMs,
    });
    this.enqueue(createOutgoingEntry(body, 'client', false));
  }

  /**
   * Packs what is queued (and the waiting acks) into encrypted envelopes to send. Returns nothing
   * when nothing is queued and the acks can still wait to ride along with something else.
   */
  flush(): Uint8Array[] {
    const now = this.clock.now();
    if (this.outgoing.queuedCount === 0 && !this.acks.isDue(now)) return [];
    const packed = this.outgoing.pack(now, this.acks.takeAll());
    return packed.map((message) =>
      this.envelope.seal({ salt: this.salts.current, sessionId: this.currentSessionId, ...message }),
    );
  }

  /**
   * Handles one received envelope. Nothing thrown: a message that fails a check is dropped and
   * reported as a `security-error` (or `decode-error`) event, and the session carries on.
   */
  receive(payload: Uint8Array): void {
    if (this.closed) return;
    let message;
    try {
      message = this.envelope.open(payload);
    } catch (error) {
      if (error instanceof SecurityError) this.emit({ type: 'security-error', error });
      else if (error instanceof TlDecodeError) this.emit({ type: 'decode-error', error, messageId: 0n });
      else throw error;
      return;
    }
    if (message.sessionId !== this.currentSessionId) {
      this.dropped(`message for session ${message.sessionId}, this is ${this.currentSessionId}`);
      return;
    }
    if (!this.service.admit(message.messageId)) return;
    this.service.accept(message.messageId, message.seqNo, message.body);
    if (this.outgoing.queuedCount > 0 || this.acks.isDue(this.clock.now()))
      this.emit({ type: 'flush-needed' });
  }

  /**
   * Runs what is due: call timeouts, keepalive pings, salt switches, acks that waited long enough,
   * msgs_state_req about calls nobody acknowledged. Call it at {@link nextDeadline}.
   */
  tick(): void {
    if (this.closed) return;
    const now = this.clock.now();
    for (const call of this.calls.expired(now)) {
      this.fail(call, new SessionError('timeout', `${call.method ?? 'call'} timed out`));
      this.dropAnswer(call.entry);
    }
    const serverNow = this.serverNowSeconds();
    const newSalt = this.salts.update(serverNow);
    if (newSalt !== undefined) this.emit({ type: 'salt-changed', salt: newSalt });
    if ((this.options.requestFutureSalts ?? true) && this.salts.needsRefill(serverNow))
      this.requestFutureSaltsInternally();
    const pingInterval = this.options.pingIntervalMs ?? 60_000;
    if (pingInterval > 0 && now - this.lastPingAt >= pingInterval) this.keepalive(now, pingInterval);
    this.queryStaleCalls(now);
    this.outgoing.prune(now, 600_000);
    if (this.outgoing.queuedCount > 0 || this.acks.isDue(now)) this.emit({ type: 'flush-needed' });
  }

  /** When `tick()` should run next (clock milliseconds), or undefined when nothing waits. */
  nextDeadline(): number | undefined {
    const candidates: (number | undefined)[] = [this.acks.deadline(), this.calls.nextDeadline()];
    const pingInterval = this.options.pingIntervalMs ?? 60_000;
    if (pingInterval > 0) candidates.push(this.lastPingAt + pingInterval);
    const switchAt = this.salts.nextSwitchAt(this.serverNowSeconds());
    if (switchAt !== undefined) candidates.push((switchAt - this.messageIds.timeOffset) * 1000);
    const stateAfter = this.options.stateRequestAfterMs ?? 30_000;
    for (const entry of this.outgoing.unacknowledged()) {
      candidates.push(Math.max(entry.sentAt ?? 0, this.stateQueriedAt.get(entry) ?? 0) + stateAfter);
    }
    let earliest: number | undefined;
    for (const candidate of candidates) {
      if (candidate !== undefined && (earliest === undefined || candidate < earliest)) earliest = candidate;
    }
    return earliest;
  }

  /**
   * Queues again every call the server has not acknowledged: after a reconnect, what was in flight
   * on the old connection may be lost. Acknowledged calls are not repeated: their answers come.
   */
  /**
   * Tells the session that a new transport connection carries it from now on. The next call is
   * wrapped in invokeWithLayer + initConnection again: the server learns the layer and the client's
   * details per connection (core.telegram.org/api/invoking#layers). A wrapped call still waiting
   * keeps that role and is resent with its wrapper.
   */
  connectionReplaced(): void {
    if (this.initCall === undefined) this.connectionInitialized = false;
  }

  resendUnacknowledged(): void {
    for (const entry of this.outgoing.unacknowledged()) this.requeue(entry);
  }

  /**
   * Starts a new session id: seq_no and the replay window start over and every unanswered call is
   * sent again in the new session.
   */
  resetSession(reason = 'requested'): void {
    this.currentSessionId = this.randomLong();
    this.sequenceNumbers.reset();
    this.messageIds.restart();
    this.received.clear();
    this.acks.takeAll();
    this.outgoing.requeueAll();
    if (this.initCall === undefined) this.connectionInitialized = false;
    this.emit({ type: 'session-reset', sessionId: this.currentSessionId, reason });
    this.emit({ type: 'flush-needed' });
  }

  /**
   * Closes the session: returns the envelopes that flush the waiting acks (send them before closing
   * the connection) and rejects every waiting call with SessionError('closed').
   */
  close(): Uint8Array[] {
    if (this.closed) return [];
    const now = this.clock.now();
    const payloads =
      this.acks.size === 0
        ? []
        : this.outgoing
            .pack(now, this.acks.takeAll())
            .map((message) =>
              this.envelope.seal({ salt: this.salts.current, sessionId: this.currentSessionId, ...message }),
            );
    for (const call of this.calls.all())
      this.fail(call, new SessionError('closed', `${call.method ?? 'call'}: session closed`));
    this.closed = true;
    return payloads;
  }

  private startCall<T>(
    kind: PendingCallKind,
    body: Uint8Array,
    options: InvokeOptions,
    decode: (answer: Uint8Array) => T,
    sessionIdToDestroy?: bigint,
    bodyForMessageId?: (messageId: bigint) => Uint8Array,
  ): RpcCall<T> {
    let resolve!: (value: T) => void;
    let reject!: (error: Error) => void;
    const result = new Promise<T>((resolvePromise, rejectPromise) => {
      resolve = resolvePromise;
      reject = rejectPromise;
    });
    const method = options.method;
    if (this.closed) {
      reject(new SessionError('closed', `${method ?? 'call'}: session closed`));
      return { result, messageId: undefined, cancel: () => undefined };
    }
    if (options.signal?.aborted) {
      reject(
        new SessionError('aborted', `${method ?? 'call'} aborted`, undefined, {
          cause: options.signal.reason,
        }),
      );
      return { result, messageId: undefined, cancel: () => undefined };
    }
    const wrap =
      bodyForMessageId === undefined &&
      (options.initConnection ?? (!this.connectionInitialized && this.initCall === undefined));
    const connection = this.options.connection;
    let requestBody = body;
    if (wrap && connection !== undefined) requestBody = concat(writeInitConnectionPrefix(connection), body);
    const entry: OutgoingEntry =
      bodyForMessageId === undefined
        ? createOutgoingEntry(packIfSmaller(requestBody, this.options.gzipThreshold ?? 1024), 'client', true)
        : { ...createOutgoingEntry(body, 'client', true), alone: true, bodyForMessageId };
    if (wrap && connection !== undefined && !this.connectionInitialized) this.initCall = entry;
    const timeoutMs = options.timeoutMs ?? this.options.defaultTimeoutMs;
    const call: PendingCall = {
      kind,
      entry,
      method,
      deadline: timeoutMs === undefined ? undefined : this.clock.now() + timeoutMs,
      sessionIdToDestroy,
      resolve: (answer) => {
        try {
          resolve(decode(answer));
        } catch (error) {
          reject(
            new SessionError('bad-result', `${method ?? 'call'}: the result does not decode`, undefined, {
              cause: error,
            }),
          );
        }
      },
      reject,
    };
    const signal = options.signal;
    if (signal !== undefined) {
      const onAbort = (): void => this.cancel(call, signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      call.detach = () => signal.removeEventListener('abort', onAbort);
    }
    this.calls.add(call);
    this.enqueue(entry);
    return {
      result,
      get messageId() {
        return entry.messageId;
      },
      cancel: () => this.cancel(call, undefined),
    };
  }

  private cancel(call: PendingCall, cause: unknown): void {
    if (
      !this.fail(call, new SessionError('aborted', `${call.method ?? 'call'} aborted`, undefined, { cause }))
    )
      return;
    this.dropAnswer(call.entry);
  }

  /** After giving up on a sent call: rpc_drop_answer, so the server need not send or keep its answer. */
  private dropAnswer(entry: OutgoingEntry): void {
    if (entry.messageId === undefined || this.closed) return;
    this.enqueue(
      createOutgoingEntry(encodeMtproto({ _: 'rpc_drop_answer', req_msg_id: entry.messageId }), 'client'),
    );
  }

  /** Settles a call with its answer (raw result bytes or an rpc_error); false if it was no longer waiting. */
  private settle(call: PendingCall, answer: Uint8Array | { code: number; text: string }): void {
    if (!this.calls.remove(call)) return;
    this.outgoing.release(call.entry);
    this.stateQueriedAt.delete(call.entry);
    if (call.entry === this.initCall) {
      this.initCall = undefined;
      this.connectionInitialized = true;
    }
    if (answer instanceof Uint8Array) call.resolve(answer);
    else call.reject(rpcErrorFromServer(answer.code, answer.text, { method: call.method }));
  }

  private fail(call: PendingCall, error: Error): boolean {
    if (!this.calls.remove(call)) return false;
    this.outgoing.release(call.entry);
    this.stateQueriedAt.delete(call.entry);
    if (call.entry === this.initCall) this.initCall = undefined;
    call.reject(error);
    return true;
  }

  /** Fails every waiting call among `entries` (a bad_msg_notification this side cannot repair). */
  private failEntries(entries: readonly OutgoingEntry[], code: number): void {
    for (const entry of entries) {
      const call = this.calls.forEntry(entry);
      const error = new SessionError(
        'bad-message',
        `${call?.method ?? 'message'} refused by the server: ${code} ${describeBadMessageCode(code)}`,
        code,
      );
      if (call !== undefined) this.fail(call, error);
      else this.outgoing.release(entry);
    }
  }

  private enqueue(entry: OutgoingEntry): void {
    const wasEmpty = this.outgoing.queuedCount === 0;
    this.outgoing.enqueue(entry);
    if (wasEmpty) this.emit({ type: 'flush-needed' });
  }

  private requeue(entry: OutgoingEntry): void {
    const wasEmpty = this.outgoing.queuedCount === 0;
    this.outgoing.requeue(entry);
    if (wasEmpty) this.emit({ type: 'flush-needed' });
  }

  private keepalive(now: number, interval: number): void {
    this.lastPingAt = now;
    const body = encodeMtproto({
      _: 'ping_delay_disconnect',
      ping_id: this.randomLong(),
      disconnect_delay: this.options.disconnectDelaySeconds ?? 75,
    });
    const call = this.startCall(
      'ping',
      body,
      { initConnection: false, timeoutMs: interval, method: 'ping_delay_disconnect' },
      () => undefined,
    );
    // A keepalive nobody awaits: its timeout only frees the slot.
    call.result.catch(() => undefined);
  }

  private requestFutureSaltsInternally(): void {
    if (this.futureSaltsRequested) return;
    this.futureSaltsRequested = true;
    const call = this.requestFutureSalts(64, { timeoutMs: 60_000 });
    call.result.then(
      () => (this.futureSaltsRequested = false),
      () => (this.futureSaltsRequested = false),
    );
  }

  private queryStaleCalls(now: number): void {
    const after = this.options.stateRequestAfterMs ?? 30_000;
    const stale = this.outgoing
      .unacknowledged()
      .filter((entry) => now - Math.max(entry.sentAt ?? now, this.stateQueriedAt.get(entry) ?? 0) >= after);
    if (stale.length === 0) return;
    for (const entry of stale) this.stateQueriedAt.set(entry, now);
    const ids = stale.map((entry) => entry.messageId!);
    const request = createOutgoingEntry(
      encodeMtproto({ _: 'msgs_state_req', msg_ids: ids }),
      'client',
      false,
    );
    this.service.rememberStateRequest(request, ids);
    this.enqueue(request);
  }

  private serverNowSeconds(): number {
    return Math.floor(this.clock.now() / 1000) + this.messageIds.timeOffset;
  }

  private dropped(reason: string): void {
    this.emit({ type: 'security-error', error: new SecurityError(`dropped a received message: ${reason}`) });
  }

  private randomLong(): bigint {
    const bytes = this.random(8);
    return new DataView(bytes.buffer, bytes.byteOffset, 8).getBigInt64(0, true);
  }

  private emit(event: ClientSessionEvent): void {
    this.options.onEvent?.(event);
  }
}

function concat(prefix: Uint8Array, body: Uint8Array): Uint8Array {
  const joined = new Uint8Array(prefix.length + body.length);
  joined.set(prefix);
  joined.set(body, prefix.length);
  return joined;
}
