import { ConfigError, ManualClock } from 'telegram-mtproto-core';
import { IncomingLimiter } from '../../src/rate-limit/incoming-limiter';

describe('IncomingLimiter', () => {
  it('passes 5 per 10 s per key, then drops, without touching other keys', () => {
    const clock = new ManualClock(0);
    const limiter = new IncomingLimiter({ limit: 5, windowMs: 10_000, clock });
    const outcomes = Array.from({ length: 8 }, () => {
      clock.advance(100);
      return limiter.check(1n);
    });
    expect(outcomes).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'drop', 'drop', 'drop']);
    expect(limiter.check(2n)).toBe('pass');
    clock.set(10_099);
    expect(limiter.check(1)).toBe('drop'); // the first pass (t=100) is not 10 s old yet
    clock.set(10_100);
    expect(limiter.check('1')).toBe('pass'); // number, bigint and string of one id are one key
    expect(limiter.stats).toEqual({ keys: 2, passed: 7, dropped: 4, notified: 0 });
  });

  it('notifies once per window, then drops', () => {
    const clock = new ManualClock(0);
    const limiter = new IncomingLimiter({ limit: 2, windowMs: 1_000, whenExceeded: 'notify', clock });
    const at = (time: number) => {
      clock.set(time);
      return limiter.check('user');
    };
    expect([at(0), at(10), at(20), at(30), at(500)]).toEqual(['pass', 'pass', 'notify', 'drop', 'drop']);
    expect([at(1_000), at(1_010), at(1_020), at(1_030)]).toEqual(['pass', 'pass', 'notify', 'drop']);
  });

  it('holds the limit exactly in every window over simulated minutes of random flooding', () => {
    const clock = new ManualClock(0);
    const limiter = new IncomingLimiter({ limit: 5, windowMs: 10_000, clock });
    const passed: number[] = [];
    let state = 7;
    for (let step = 0; step < 20_000; step++) {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      clock.advance(state % 60);
      if (limiter.check('flooder') === 'pass') passed.push(clock.now());
    }
    for (let index = 5; index < passed.length; index++) {
      expect(passed[index]! - passed[index - 5]!).toBeGreaterThanOrEqual(10_000);
    }
    // A flooder still gets its 5 per window: about 5 per 10 s over the ~10 simulated minutes.
    expect(passed.length).toBeGreaterThanOrEqual(Math.floor(clock.now() / 10_000) * 5);
  });

  it('keeps memory bounded: quiet keys are forgotten, and at most maxKeys are kept', () => {
    const clock = new ManualClock(0);
    const limiter = new IncomingLimiter({ limit: 1, windowMs: 1_000, maxKeys: 100, clock });
    for (let user = 0; user < 1_000; user++) limiter.check(user);
    expect(limiter.stats.keys).toBe(100);
    expect(limiter.check(999)).toBe('drop'); // the most recent keys are kept
    expect(limiter.check(0)).toBe('pass'); // an evicted key starts afresh
    clock.advance(1_000);
    limiter.check('new');
    expect(limiter.stats.keys).toBe(1);
  });

  it('refuses malformed options', () => {
    expect(() => new IncomingLimiter({ limit: 0, windowMs: 1_000 })).toThrow(ConfigError);
    expect(() => new IncomingLimiter({ limit: 1, windowMs: -5 })).toThrow(ConfigError);
    expect(() => new IncomingLimiter({ limit: 1, windowMs: 1, maxKeys: 0 })).toThrow(ConfigError);
    expect(() => new IncomingLimiter({ limit: 1, windowMs: 1, whenExceeded: 'shout' as 'drop' })).toThrow(
      ConfigError,
    );
  });
});
