import { ReconnectBackoff } from '../../src/client/reconnect-backoff';

describe('ReconnectBackoff', () => {
  it('doubles up to the cap, takes the jitter off the top and resets', () => {
    const backoff = new ReconnectBackoff({ initialDelayMs: 100, maxDelayMs: 1000, jitter: 0.5 });
    expect([0, 0, 0, 0, 0, 0].map(() => backoff.next(0))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoff.attempts).toBe(6);
    backoff.reset();
    expect(backoff.next(0.999)).toBe(50);
    expect(backoff.next(0.5)).toBe(150);
  });

  it('keeps every delay within [ceiling * (1 - jitter), ceiling]', () => {
    const backoff = new ReconnectBackoff({ initialDelayMs: 10, maxDelayMs: 80, multiplier: 3, jitter: 0.25 });
    const ceilings = [10, 30, 80, 80];
    for (const ceiling of ceilings) {
      const delay = backoff.next(Math.random());
      expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling * 0.75));
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
  });
});
