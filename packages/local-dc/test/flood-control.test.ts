import { ManualClock, RpcError } from 'telegram-mtproto-core';
import { FloodControl, type FloodCharge } from '../src/flood/flood-control';
import { floodChargeOf } from '../src/flood/flood-charges';
import { SlidingWindow, TokenBucket } from '../src/flood/rate-limits';

/** The X of the FLOOD_WAIT_X that `run` throws, or undefined when it does not throw. */
function floodWaitSeconds(run: () => void): number | undefined {
  try {
    run();
  } catch (error) {
    if (!RpcError.isInstance(error) || error.code !== 420) throw error;
    return Number(/^FLOOD_WAIT_(\d+)$/.exec(error.text)![1]);
  }
  return undefined;
}

describe('TokenBucket', () => {
  it('passes a burst, then one per refill period, and says exactly how long to wait', () => {
    const bucket = new TokenBucket({ burst: 3, perSecond: 1 });
    for (let index = 0; index < 3; index++) {
      expect(bucket.waitMs(0)).toBe(0);
      bucket.take(0);
    }
    expect(bucket.waitMs(0)).toBe(1000);
    expect(bucket.waitMs(400)).toBe(600);
    expect(bucket.waitMs(1000)).toBe(0);
    bucket.take(1000);
    expect(bucket.waitMs(1000)).toBe(1000);
    expect(bucket.idle(1000)).toBe(false);
    expect(bucket.idle(4000)).toBe(true);
  });

  it('charges a cost of several tokens, capped at the burst so it can always pass eventually', () => {
    const bucket = new TokenBucket({ burst: 2, perSecond: 2 });
    expect(bucket.waitMs(0, 5)).toBe(0);
    bucket.take(0, 5);
    expect(bucket.waitMs(0, 5)).toBe(1000);
    expect(bucket.waitMs(0, 1)).toBe(500);
  });

  it('refuses nonsense options', () => {
    expect(() => new TokenBucket({ burst: 0, perSecond: 1 })).toThrow(RangeError);
    expect(() => new TokenBucket({ burst: 1, perSecond: Number.NaN })).toThrow(RangeError);
  });
});

describe('SlidingWindow', () => {
  it('allows `limit` events in any window and waits for the oldest to leave it', () => {
    const window = new SlidingWindow({ limit: 3, windowMs: 60_000 });
    window.take(0);
    window.take(10_000);
    window.take(20_000);
    expect(window.waitMs(30_000)).toBe(30_000);
    expect(window.waitMs(30_000, 2)).toBe(40_000);
    expect(window.waitMs(60_000)).toBe(0);
    window.take(60_000);
    expect(window.waitMs(60_000)).toBe(10_000);
    expect(window.idle(120_000)).toBe(true);
  });
});

describe('FloodControl', () => {
  const botId = 7_000_000_001n;
  const toUser = (id: bigint, kind: FloodCharge['kind'] = 'message'): FloodCharge => ({
    botId,
    kind,
    chat: { type: 'private', id },
  });
  const toGroup = (id: bigint): FloodCharge => ({ botId, kind: 'message', chat: { type: 'group', id } });
  const send = (flood: FloodControl, charge: FloodCharge): number | undefined =>
    floodWaitSeconds(() => {
      flood.check(charge);
      flood.record(charge);
    });

  it('limits one private chat to a short burst then about one a second, with an honest X', () => {
    const clock = new ManualClock(1_000_000);
    const flood = new FloodControl({}, clock);
    expect([1, 2, 3].map(() => send(flood, toUser(1n)))).toEqual([undefined, undefined, undefined]);
    expect(send(flood, toUser(1n))).toBe(1);
    // Another chat has its own bucket.
    expect(send(flood, toUser(2n))).toBeUndefined();
    clock.advance(999);
    expect(send(flood, toUser(1n))).toBe(1);
    clock.advance(1);
    expect(send(flood, toUser(1n))).toBeUndefined();
  });

  it('limits a group to 20 messages a minute', () => {
    const clock = new ManualClock(0);
    const flood = new FloodControl({}, clock);
    for (let index = 0; index < 20; index++) {
      expect(send(flood, toGroup(-5n))).toBeUndefined();
      clock.advance(1000);
    }
    // The first message left the window at 60 s; now is 20 s: 40 s to wait.
    expect(send(flood, toGroup(-5n))).toBe(40);
    clock.advance(40_000);
    expect(send(flood, toGroup(-5n))).toBeUndefined();
  });

  it('limits a bot to 30 messages a second over every chat together', () => {
    const clock = new ManualClock(0);
    const flood = new FloodControl({}, clock);
    for (let user = 1n; user <= 30n; user++) expect(send(flood, toUser(user))).toBeUndefined();
    expect(send(flood, toUser(31n))).toBe(1);
    clock.advance(1000);
    expect(send(flood, toUser(31n))).toBeUndefined();
  });

  it('counts edits apart from messages, with a looser per-chat bucket', () => {
    const clock = new ManualClock(0);
    const flood = new FloodControl({}, clock);
    for (let index = 0; index < 3; index++) send(flood, toUser(1n));
    expect(send(flood, toUser(1n))).toBe(1);
    for (let index = 0; index < 10; index++) expect(send(flood, toUser(1n, 'edit'))).toBeUndefined();
    expect(send(flood, toUser(1n, 'edit'))).toBe(1);
  });

  it('is configurable, each limit can be switched off, and all of them with false', () => {
    const clock = new ManualClock(0);
    const flood = new FloodControl({ privateChat: { burst: 1, perSecond: 0.25 } }, clock);
    send(flood, toUser(1n));
    expect(send(flood, toUser(1n))).toBe(4);
    flood.configure({ privateChat: false });
    for (let index = 0; index < 30; index++) expect(send(flood, toUser(1n))).toBeUndefined();
    expect(send(flood, toUser(1n))).toBe(1);
    flood.configure(false);
    expect(flood.current).toBeUndefined();
    for (let index = 0; index < 100; index++) expect(send(flood, toUser(1n))).toBeUndefined();
  });

  it('throws a forced FLOOD_WAIT once', () => {
    const flood = new FloodControl(false, new ManualClock(0));
    flood.forceFloodWait(botId, 17);
    expect(floodWaitSeconds(() => flood.takeForced(botId))).toBe(17);
    expect(floodWaitSeconds(() => flood.takeForced(botId))).toBeUndefined();
  });
});

describe('floodChargeOf', () => {
  const peer = { _: 'inputPeerUser', user_id: 5n, access_hash: 1n } as const;

  it('charges messages per message and edits apart; reads are free', () => {
    expect(floodChargeOf('messages.sendMessage', { peer }, 1n)).toEqual({
      botId: 1n,
      kind: 'message',
      chat: { type: 'private', id: 5n },
      count: 1,
    });
    expect(
      floodChargeOf(
        'messages.forwardMessages',
        { to_peer: { _: 'inputPeerChat', chat_id: 9n }, id: [1, 2] },
        1n,
      ),
    ).toMatchObject({ chat: { type: 'group', id: 9n }, count: 2 });
    expect(floodChargeOf('messages.editMessage', { peer, id: 1 }, 1n)).toMatchObject({ kind: 'edit' });
    expect(floodChargeOf('messages.getMessages', { id: [] }, 1n)).toBeUndefined();
    expect(floodChargeOf('messages.sendMessage', { peer: { _: 'inputPeerEmpty' } }, 1n)).toBeUndefined();
  });
});
