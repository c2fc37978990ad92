import { ConfigError, FloodWaitError, RpcError, SessionError, TransportError } from 'telegram-mtproto-core';
import { BOT_NOT_STARTED } from '../client/bot-not-started';
import { AbortedError } from '../concurrency/aborted-error';
import { QueueClosedError } from '../concurrency/queue-closed-error';
import { QueueFullError } from '../concurrency/queue-full-error';
import { FloodBudgetExceededError } from '../rate-limit/flood-budget-exceeded-error';
import type { BroadcastFailureKind } from './broadcast-failure';

/**
 * The default classification of a failed broadcast send:
 * - `interrupted`: raised before the request could leave the process, and every later send would
 *   meet the same: the scheduler closed (`QueueClosedError`) or aborted the send before it started
 *   (`AbortedError`), the client is closed (core's `SessionError` `closed` raised by `invoke` itself),
 *   it could not connect (a `TransportError`: `invoke` raises one only from connecting, never for a
 *   call already sent, which is resent after a reconnect), or the bot is not started.
 * - `retryable`: certainly not sent, but only this chat or this moment is concerned: the flood
 *   budget exceeded, a FLOOD_WAIT, the queue full, a `bad_msg_notification` (the server ignored the
 *   message; except code 20, where it cannot tell whether it got it).
 * - `failed`: refused for good: a 4xx answer of Telegram (blocked by the user, `PEER_ID_INVALID`,
 *   deactivated, no rights) or a bad argument (`ConfigError`).
 * - `uncertain`: anything else, since the request may have reached Telegram: a timeout, a call
 *   pending when the session closed or that was cancelled after it was queued, a 5xx answer.
 */
export function classifyBroadcastError(error: unknown): BroadcastFailureKind {
  if (QueueClosedError.isInstance(error) || AbortedError.isInstance(error)) return 'interrupted';
  // `notSent`: refused by the closed client itself, unlike a call pending when its session closed.
  if (SessionError.isInstance(error) && error.notSent) return 'interrupted';
  if (TransportError.isInstance(error)) return 'interrupted';
  if (ConfigError.isInstance(error) && error.message.includes(BOT_NOT_STARTED)) return 'interrupted';
  if (
    FloodBudgetExceededError.isInstance(error) ||
    QueueFullError.isInstance(error) ||
    FloodWaitError.isInstance(error)
  ) {
    return 'retryable';
  }
  if (SessionError.isInstance(error) && error.reason === 'bad-message' && error.badMessageCode !== 20) {
    return 'retryable';
  }
  if (ConfigError.isInstance(error)) return 'failed';
  if (RpcError.isInstance(error) && error.code >= 400 && error.code < 500) return 'failed';
  return 'uncertain';
}
