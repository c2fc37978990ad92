import { ConfigError, FloodWaitError, RpcError } from 'telegram-mtproto-core';
import { AbortedError } from '../../src/concurrency/aborted-error';
import { ManualTimers } from '../../src/concurrency/manual-timers';
import { FloodBudgetExceededError } from '../../src/rate-limit/flood-budget-exceeded-error';
import type { FloodWaitEvent } from '../../src/rate-limit/flood-wait-event';
import { FloodWaitRetrier } from '../../src/rate-limit/flood-wait-retrier';

function floodWait(seconds: number, method = 'messages.sendMessage'): FloodWaitError {
  return new FloodWaitError(420, `FLOOD_WAIT_${seconds}`, seconds, { method });
}

/** A call that fails with the given flood waits, then answers `ok`; records when it was called. */
function scripted(timers: ManualTimers, waits: number[]) {
  const calls: number[] = [];
  const call = async (request: { _: string }) => {
    calls.push(timers.clock.now());
    const seconds = waits.shift();
    if (seconds !== undefined) throw floodWait(seconds, request._);
    return 'ok';
  };
  return { call, calls };
}

describe('FloodWaitRetrier', () => {
  it('waits the seconds asked plus the margin, retries, and announces every wait', async () => {
    const timers = new ManualTimers();
    const lines: string[] = [];
    const retrier = new FloodWaitRetrier({
      timers,
      budget: { marginMs: 250 },
      logger: { warn: (_details, message) => lines.push(message) },
    });
    const events: FloodWaitEvent[] = [];
    retrier.on('floodWait', (event) => events.push(event));
    const { call, calls } = scripted(timers, [3, 10]);
    const invoke = retrier.wrap(call);
    let result: string | undefined;
    void invoke({ _: 'messages.sendMessage' }).then((value) => (result = value));
    await timers.advance(3_249);
    expect(calls).toEqual([0]);
    await timers.advance(1);
    expect(calls).toEqual([0, 3_250]);
    await timers.advance(10_250);
    expect(calls).toEqual([0, 3_250, 13_500]);
    expect(result).toBe('ok');
    expect(events).toEqual([
      {
        method: 'messages.sendMessage',
        seconds: 3,
        waitMs: 3_250,
        attempt: 1,
        chatKey: undefined,
        scope: 'call',
      },
      {
        method: 'messages.sendMessage',
        seconds: 10,
        waitMs: 10_250,
        attempt: 2,
        chatKey: undefined,
        scope: 'call',
      },
    ]);
    expect(lines[0]).toBe('FLOOD_WAIT on messages.sendMessage: waiting 3 s before retry 1 (call)');
  });

  it.each([
    ['single-wait', [61], { maxSingleWaitSeconds: 60 }, 0],
    ['total-wait', [20, 20, 21], { maxTotalWaitSeconds: 60 }, 40],
    ['retries', [1, 1, 1], { maxRetries: 2 }, 2],
  ] as const)(
    'rejects with FloodBudgetExceededError past the %s limit',
    async (limit, waits, budget, waited) => {
      const timers = new ManualTimers();
      const retrier = new FloodWaitRetrier({ timers, budget: { ...budget, marginMs: 0 } });
      const exceeded: FloodBudgetExceededError[] = [];
      retrier.on('budgetExceeded', (error) => exceeded.push(error));
      const { call, calls } = scripted(timers, [...waits]);
      const outcome = retrier
        .run(() => call({ _: 'messages.sendMessage' }), { chatKey: 42n })
        .catch((error) => error);
      await timers.advance(200_000);
      const error = await outcome;
      expect(FloodBudgetExceededError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        method: 'messages.sendMessage',
        seconds: waits[waits.length - 1],
        limit,
        waitedSeconds: waited,
      });
      expect(FloodWaitError.isInstance(error.cause)).toBe(true);
      expect(error.message).toContain(`wait ${waits[waits.length - 1]} s`);
      expect(exceeded).toEqual([error]);
      expect(calls).toHaveLength(waits.length);
    },
  );

  it('passes other errors through at once and cancels a wait on abort', async () => {
    const timers = new ManualTimers();
    const retrier = new FloodWaitRetrier({ timers });
    const peerInvalid = new RpcError(400, 'PEER_ID_INVALID');
    await expect(retrier.run(() => Promise.reject(peerInvalid))).rejects.toBe(peerInvalid);
    const controller = new AbortController();
    const { call, calls } = scripted(timers, [30]);
    const outcome = retrier
      .run(() => call({ _: 'x' }), { signal: controller.signal })
      .catch((error) => error);
    await timers.advance(1_000);
    controller.abort(new Error('shutting down'));
    const error = await outcome;
    expect(error).toBeInstanceOf(AbortedError);
    expect(error.cause).toEqual(new Error('shutting down'));
    await timers.advance(60_000);
    expect(calls).toHaveLength(1);
    expect(timers.pendingCount).toBe(0);
  });

  it('refuses a malformed budget', () => {
    expect(() => new FloodWaitRetrier({ budget: { maxRetries: -1 } })).toThrow(ConfigError);
    expect(() => new FloodWaitRetrier({ budget: { maxRetries: 1.5 } })).toThrow(ConfigError);
    expect(() => new FloodWaitRetrier({ budget: { marginMs: Number.NaN } })).toThrow(ConfigError);
  });
});
