import { FloodWaitError } from 'telegram-mtproto-core';
import { KeyedSerialExecutor } from '../../src/concurrency/keyed-serial-executor';
import { SendScheduler } from '../../src/rate-limit/send-scheduler';

// On the real clock and real timers (the defaults), with short windows: checks that the pieces work
// together outside the manual clock. It asserts what happened, never how long it took.
describe('SendScheduler on real timers', () => {
  it('delivers every send in order per chat through a flood wait', async () => {
    const scheduler = new SendScheduler({
      limits: { global: [{ limit: 5, windowMs: 50 }], private: [{ limit: 2, windowMs: 40 }] },
      floodWait: { marginMs: 5 },
    });
    const executor = new KeyedSerialExecutor({ concurrency: 4 });
    const seen: string[] = [];
    let flooded = false;
    const sends = [];
    for (let index = 0; index < 6; index++) {
      for (const chat of [1, 2]) {
        sends.push(
          executor.run(chat, () =>
            scheduler.schedule(
              async () => {
                if (chat === 2 && index === 1 && !flooded) {
                  flooded = true;
                  throw new FloodWaitError(420, 'FLOOD_WAIT_0', 0);
                }
                seen.push(`${chat}:${index}`);
              },
              { chatId: chat, priority: index % 2 === 0 ? 'reply' : 'bulk' },
            ),
          ),
        );
      }
    }
    await Promise.all(sends);
    await scheduler.close();
    for (const chat of ['1', '2']) {
      expect(seen.filter((entry) => entry.startsWith(`${chat}:`))).toEqual(
        Array.from({ length: 6 }, (_, index) => `${chat}:${index}`),
      );
    }
    expect(scheduler.stats).toMatchObject({ sent: 12, floodWaits: 1, failed: 0, queued: 0, inFlight: 0 });
  });
});
