import { ConfigError, FloodWaitError, RpcError, SessionError, TransportError } from 'telegram-mtproto-core';
import { classifyBroadcastError } from '../../src/broadcast/classify-broadcast-error';
import { AbortedError } from '../../src/concurrency/aborted-error';
import { QueueClosedError } from '../../src/concurrency/queue-closed-error';
import { QueueFullError } from '../../src/concurrency/queue-full-error';
import { FloodBudgetExceededError } from '../../src/rate-limit/flood-budget-exceeded-error';

describe('classifyBroadcastError', () => {
  it.each([
    // Raised before the request could leave, and every later send meets the same: the run stops.
    [
      'client closed (invoke)',
      new SessionError('closed', 'the client is closed', undefined, { notSent: true }),
      'interrupted',
    ],
    [
      'client closed while connecting',
      new SessionError('closed', 'the client was closed while connecting', undefined, { notSent: true }),
      'interrupted',
    ],
    ['scheduler closed', new QueueClosedError('send scheduler'), 'interrupted'],
    ['aborted before it started', new AbortedError('the send'), 'interrupted'],
    ['could not connect', new TransportError('connect-failed', 'connection refused'), 'interrupted'],
    ['reconnecting gave up', new TransportError('all-attempts-failed', 'gave up'), 'interrupted'],
    [
      'bot not started',
      new ConfigError('messages.sendMessage: the bot is not started (call start() first)'),
      'interrupted',
    ],
    // Not sent, but only this chat or this moment is concerned.
    ['flood wait', new FloodWaitError(420, 'FLOOD_WAIT_30', 30), 'retryable'],
    ['queue full', new QueueFullError('send scheduler', 10), 'retryable'],
    ['bad_msg_notification 33', new SessionError('bad-message', 'refused', 33), 'retryable'],
    // Refused for good.
    ['blocked', new RpcError(403, 'USER_IS_BLOCKED'), 'failed'],
    ['bad peer', new RpcError(400, 'PEER_ID_INVALID'), 'failed'],
    ['bad argument', new ConfigError('not a peer'), 'failed'],
    // The request may have reached Telegram.
    [
      'pending when the session closed',
      new SessionError('closed', 'messages.sendMessage: session closed'),
      'uncertain',
    ],
    ['timeout', new SessionError('timeout', 'messages.sendMessage timed out'), 'uncertain'],
    [
      'cancelled after it was queued',
      new SessionError('aborted', 'messages.sendMessage aborted'),
      'uncertain',
    ],
    ['bad_msg_notification 20', new SessionError('bad-message', 'refused', 20), 'uncertain'],
    ['server error', new RpcError(500, 'INTERNAL'), 'uncertain'],
    ['anything else', new Error('socket hang up'), 'uncertain'],
    ['not an error', 'oops', 'uncertain'],
  ])('%s: %s', (_name, error, kind) => {
    expect(classifyBroadcastError(error)).toBe(kind);
  });

  it('classes a budget exceeded as retryable', () => {
    const exceeded = FloodBudgetExceededError.check(
      { maxSingleWaitSeconds: 1, maxTotalWaitSeconds: 1, maxRetries: 3, marginMs: 0 },
      new FloodWaitError(420, 'FLOOD_WAIT_60', 60),
      'messages.sendMessage',
      1,
      0,
    );
    expect(exceeded).toBeDefined();
    expect(classifyBroadcastError(exceeded)).toBe('retryable');
  });
});
