import { MtbotError, hasErrorMarker } from './mtbot-error';

const MARKER = Symbol.for('mtbot.error.SessionError');

/** Why an encrypted-session call failed without an `rpc_error` from the server. */
export type SessionErrorReason =
  /** The call's timeout passed before its answer arrived. */
  | 'timeout'
  /** The caller's AbortSignal fired (or the call was cancelled). */
  | 'aborted'
  /** The session was closed with the call still pending. */
  | 'closed'
  /** The server refused the message with a bad_msg_notification this side cannot repair. */
  | 'bad-message'
  /** The answer arrived but could not be decoded as the request's result type. */
  | 'bad-result';

/** Texts of the bad_msg_notification codes (core.telegram.org/mtproto/service_messages_about_messages). */
const BAD_MESSAGE_TEXTS: Readonly<Record<number, string>> = {
  16: 'msg_id too low (the local clock is behind)',
  17: 'msg_id too high (the local clock is ahead)',
  18: 'the two lower bits of msg_id are wrong',
  19: 'a container reuses the msg_id of a previous message',
  20: 'the message is too old for the server to tell whether it was received',
  32: 'msg_seqno too low',
  33: 'msg_seqno too high',
  34: 'an even msg_seqno was expected (not content-related), an odd one was received',
  35: 'an odd msg_seqno was expected (content-related), an even one was received',
  48: 'incorrect server salt',
  64: 'invalid container',
};

/** Describes a bad_msg_notification code in words. */
export function describeBadMessageCode(code: number): string {
  return BAD_MESSAGE_TEXTS[code] ?? `unknown bad_msg_notification code ${code}`;
}

/**
 * A call on an encrypted session ended without an answer: it timed out, was aborted, the session
 * closed, or the server rejected the message itself (a bad_msg_notification, `badMessageCode`).
 *
 * @example
 * ```ts
 * try { await session.invoke(request, { timeoutMs: 5000 }).result } catch (error) {
 *   if (SessionError.isInstance(error) && error.reason === 'timeout') retryLater()
 * }
 * ```
 */
export class SessionError extends MtbotError {
  readonly [MARKER] = true;
  /**
   * The call was refused before anything of it was written to a connection (the client was closed):
   * certainly not delivered, unlike a call pending when its session closed.
   */
  readonly notSent: boolean;

  constructor(
    /** What ended the call, as a stable machine-readable value. */
    readonly reason: SessionErrorReason,
    message: string,
    /** The bad_msg_notification error_code, for `bad-message`. */
    readonly badMessageCode?: number,
    options?: { cause?: unknown; notSent?: boolean },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SessionError';
    this.notSent = options?.notSent ?? false;
  }

  static override isInstance(value: unknown): value is SessionError {
    return hasErrorMarker(value, MARKER);
  }
}
