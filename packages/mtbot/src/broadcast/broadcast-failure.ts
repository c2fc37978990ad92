import type { ChatId } from '../rate-limit/chat-kind';

/**
 * What a failed send means for the broadcast:
 * - `failed`: Telegram refused it for good (the user blocked the bot, `PEER_ID_INVALID`, no rights);
 *   marked, and skipped when the broadcast runs again.
 * - `retryable`: it was certainly not sent (flood budget exceeded, queue full); its mark is removed,
 *   so running the broadcast again sends it.
 * - `interrupted`: it was certainly not sent, and no later send of this run can go either (the client
 *   or the scheduler is closed, the send was aborted before it started): its mark is removed and the
 *   run stops, reporting it in the report's `interrupted`; it is counted as `unsent`, not as a
 *   failure, and running the broadcast again sends it.
 * - `uncertain`: it may or may not have arrived (the connection broke, a timeout); it keeps its
 *   `pending` mark and is treated like a crash mid-send when the broadcast runs again.
 */
export type BroadcastFailureKind = 'failed' | 'retryable' | 'interrupted' | 'uncertain';

/** One chat the broadcast could not deliver to in this run. Not fatal: the broadcast goes on. */
export interface BroadcastFailure {
  readonly chatId: ChatId;
  readonly kind: BroadcastFailureKind;
  /** Telegram's error type (`USER_IS_BLOCKED`, `PEER_ID_INVALID`) or the error's name. */
  readonly reason: string;
  readonly error: unknown;
}
