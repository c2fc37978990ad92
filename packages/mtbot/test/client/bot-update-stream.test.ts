import { BotUpdateStream } from '../../src/client/bot-update-stream';
import type { BotUpdate } from '../../src/updates/bot-update';

const update = (n: number) => ({ kind: 'message', chatId: BigInt(n) }) as unknown as BotUpdate;

describe('BotUpdateStream', () => {
  it('a push resolves true once the loop asked for the next update', async () => {
    const stream = new BotUpdateStream();
    const one = update(1);
    const pushed = stream.push(one);
    expect((await stream.next()).value).toBe(one);
    const next = stream.next();
    await expect(pushed).resolves.toBe(true);
    stream.end();
    await expect(next).resolves.toEqual({ value: undefined, done: true });
  });

  it('leaving the loop counts the update in hand as handled, the one offered but not taken as not', async () => {
    const stream = new BotUpdateStream();
    const taken = stream.push(update(1));
    await stream.next();
    const offered = stream.push(update(2));
    await stream.return();
    await expect(taken).resolves.toBe(true);
    await expect(offered).resolves.toBe(false);
    await expect(stream.push(update(3))).resolves.toBe(false);
  });
});
