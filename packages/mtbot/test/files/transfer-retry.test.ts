import { FloodWaitError, RpcError, SessionError } from 'telegram-mtproto-core';
import { ManualTimers } from '../../src/concurrency/manual-timers';
import { withRetries } from '../../src/files/transfer-retry';

const what = { label: 'upload.saveFilePart of part 3', part: 3 };

/** An attempt that fails with each of `errors` in turn, then succeeds; it counts its calls. */
function failingThen(errors: unknown[]): { attempt: () => Promise<string>; calls: () => number } {
  let calls = 0;
  return {
    attempt: () => {
      const error = errors[calls++];
      return error === undefined ? Promise.resolve('saved') : Promise.reject(error);
    },
    calls: () => calls,
  };
}

describe('withRetries', () => {
  it('waits the seconds a FLOOD_WAIT names before trying again', async () => {
    const timers = new ManualTimers();
    const { attempt, calls } = failingThen([new FloodWaitError(420, 'FLOOD_WAIT_30', 30)]);
    const result = withRetries(attempt, what, new AbortController().signal, { timers });
    await timers.advance(29_999);
    expect(calls()).toBe(1);
    await timers.advance(1);
    await expect(result).resolves.toBe('saved');
    expect(calls()).toBe(2);
  });

  it('fails at once on a FLOOD_WAIT longer than allowed, and on client errors', async () => {
    const timers = new ManualTimers();
    const long = new FloodWaitError(420, 'FLOOD_WAIT_600', 600);
    await expect(
      withRetries(failingThen([long]).attempt, what, new AbortController().signal, {
        timers,
        maxFloodWaitSeconds: 60,
      }),
    ).rejects.toBe(long);
    const invalid = new RpcError(400, 'FILE_PART_INVALID');
    await expect(
      withRetries(failingThen([invalid]).attempt, what, new AbortController().signal, { timers }),
    ).rejects.toBe(invalid);
  });

  it('backs off on server errors and timeouts, and gives up after the retries allowed', async () => {
    const timers = new ManualTimers();
    const errors = [
      new RpcError(500, 'INTERNAL'),
      new SessionError('timeout', 'timed out'),
      new RpcError(-503, 'Timeout'),
    ];
    const { attempt, calls } = failingThen(errors);
    const result = withRetries(attempt, what, new AbortController().signal, { timers, retries: 2 });
    result.catch(() => undefined);
    await timers.advance(10_000);
    await expect(result).rejects.toMatchObject({
      name: 'FileTransferError',
      reason: 'retries-exhausted',
      part: 3,
    });
    expect(calls()).toBe(3);
  });

  it('ends a wait when the transfer is aborted', async () => {
    const timers = new ManualTimers();
    const abort = new AbortController();
    const { attempt, calls } = failingThen([new FloodWaitError(420, 'FLOOD_WAIT_30', 30)]);
    const result = withRetries(attempt, what, abort.signal, { timers });
    await timers.settle();
    abort.abort();
    await expect(result).rejects.toMatchObject({ name: 'FileTransferError', reason: 'aborted', part: 3 });
    expect(calls()).toBe(1);
  });
});
