/**
 * What the session state machines tell their driver, besides the payloads to send. Delivered
 * synchronously to the `onEvent` option while `receive`, `tick`, `invoke` or `flush` runs.
 */
import type { SecurityError } from '../errors/security-error';
import type { TlDecodeError } from '../errors/tl-decode-error';
import type { TransportError } from '../errors/transport-error';
import type { ServerRequest } from './server-request';

/** Something is queued: call `flush()` (soon, to batch several calls into one container). */
export interface FlushNeededEvent {
  readonly type: 'flush-needed';
}

/** A received message was dropped: bad msg_key or auth_key_id, replay, wrong session or parity. */
export interface SecurityErrorEvent {
  readonly type: 'security-error';
  readonly error: SecurityError;
  /** For the server role: the transport error code to send back (-404), if any. */
  readonly transportErrorCode?: number;
}

/** A message body that could not be decoded; it is dropped and the session goes on. */
export interface DecodeErrorEvent {
  readonly type: 'decode-error';
  readonly error: TlDecodeError;
  readonly messageId: bigint;
}

/** A message from the server that is not a response: an `Updates` object, raw. */
export interface UpdateEvent {
  readonly type: 'update';
  readonly messageId: bigint;
  readonly body: Uint8Array;
}

/** The server created a session for us: updates may have been missed, resync them. */
export interface NewSessionCreatedEvent {
  readonly type: 'new-session-created';
  readonly firstMessageId: bigint;
  readonly uniqueId: bigint;
  readonly serverSalt: bigint;
}

/** The client moved to another server salt (bad_server_salt, future salts, new session). */
export interface SaltChangedEvent {
  readonly type: 'salt-changed';
  readonly salt: bigint;
}

/** The client corrected its clock from a server msg_id (bad_msg_notification 16/17). */
export interface TimeSynchronizedEvent {
  readonly type: 'time-synchronized';
  readonly offsetSeconds: number;
}

/** The client started a new session id (seq_no trouble or a backwards clock correction). */
export interface SessionResetEvent {
  readonly type: 'session-reset';
  readonly sessionId: bigint;
  readonly reason: string;
}

export type ClientSessionEvent =
  | FlushNeededEvent
  | SecurityErrorEvent
  | DecodeErrorEvent
  | UpdateEvent
  | NewSessionCreatedEvent
  | SaltChangedEvent
  | TimeSynchronizedEvent
  | SessionResetEvent;

/** A request for the server's application (the driver answers through the request object). */
export interface RequestEvent {
  readonly type: 'request';
  readonly request: ServerRequest;
}

/** An envelope for another auth key: the driver answers with transport error -404. */
export interface UnknownAuthKeyEvent {
  readonly type: 'unknown-auth-key';
  readonly error: TransportError;
}

/** A client message was refused with a bad_msg_notification (or bad_server_salt) of `code`. */
export interface MessageRejectedEvent {
  readonly type: 'message-rejected';
  readonly messageId: bigint;
  readonly code: number;
}

/** A message already received came again and was ignored. */
export interface DuplicateMessageEvent {
  readonly type: 'duplicate-message';
  readonly messageId: bigint;
}

/** The client started a new session id (new_session_created was queued). */
export interface ClientSessionStartedEvent {
  readonly type: 'session-started';
  readonly sessionId: bigint;
}

/** http_wait: the HTTP transport should hold the request open (core.telegram.org/mtproto/service_messages). */
export interface HttpWaitEvent {
  readonly type: 'http-wait';
  readonly maxDelayMs: number;
  readonly waitAfterMs: number;
  readonly maxWaitMs: number;
}

/** ping_delay_disconnect: close the connection if nothing arrives within `seconds`. */
export interface DisconnectDelayEvent {
  readonly type: 'disconnect-delay';
  readonly seconds: number;
}

/** destroy_session of the client's current or another session. */
export interface SessionDestroyedEvent {
  readonly type: 'session-destroyed';
  readonly sessionId: bigint;
}

export type ServerSessionEvent =
  | FlushNeededEvent
  | SecurityErrorEvent
  | DecodeErrorEvent
  | RequestEvent
  | UnknownAuthKeyEvent
  | MessageRejectedEvent
  | DuplicateMessageEvent
  | ClientSessionStartedEvent
  | HttpWaitEvent
  | DisconnectDelayEvent
  | SessionDestroyedEvent;
