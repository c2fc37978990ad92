import { FloodWaitError, type MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import { createClient, loginBot } from './local-dc-harness';

async function post(dc: LocalDc, path: string, body: unknown = {}) {
  const response = await fetch(`${dc.info.controlUrl}${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('fault injection and flood limits through the control API', () => {
  let dc: LocalDc;
  let bot: MtprotoClient;

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0 });
    bot = createClient(dc);
    await loginBot(bot, dc.info.botToken);
  });

  afterAll(async () => {
    await bot.close();
    await dc.stop();
  });

  it('forces a FLOOD_WAIT on a bot’s next call', async () => {
    const forced = await post(dc, '/faults/flood-wait', { botId: dc.defaultBot.id.toString(), seconds: 9 });
    expect(forced.status).toBe(200);
    const error: unknown = await bot.invoke({ _: 'updates.getState' }).catch((caught: unknown) => caught);
    expect(FloodWaitError.isInstance(error) && error.seconds).toBe(9);
    await expect(bot.invoke({ _: 'updates.getState' })).resolves.toMatchObject({ _: 'updates.state' });
  });

  it('drops connections, delays replies and clears the faults', async () => {
    const dropped = await post(dc, '/faults/drop-connections');
    expect(dropped).toEqual({ status: 200, body: { dropped: 1 } });
    await expect(bot.invoke({ _: 'updates.getState' })).resolves.toMatchObject({ _: 'updates.state' });

    expect((await post(dc, '/faults/delay-replies', { delayMs: 300, forMs: 60_000 })).status).toBe(200);
    const started = Date.now();
    await bot.invoke({ _: 'updates.getState' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect((await post(dc, '/faults/clear')).status).toBe(200);
    const quick = Date.now();
    await bot.invoke({ _: 'updates.getState' });
    expect(Date.now() - quick).toBeLessThan(300);
  });

  it('reads, replaces and switches off the flood limits; refuses bad input with 400', async () => {
    const read = await fetch(`${dc.info.controlUrl}/flood-limits`).then((response) => response.json());
    expect(read).toMatchObject({ limits: { perBot: { limit: 30, windowMs: 1000 } } });
    const set = await post(dc, '/flood-limits', { privateChat: { burst: 1, perSecond: 0.5 }, group: false });
    expect(set.body).toMatchObject({ limits: { privateChat: { burst: 1, perSecond: 0.5 }, group: false } });
    expect(await post(dc, '/flood-limits', { enabled: false })).toEqual({
      status: 200,
      body: { limits: false },
    });
    expect((await post(dc, '/flood-limits', { perBot: { limit: -1, windowMs: 1 } })).status).toBe(400);
    expect((await post(dc, '/faults/drop-replies', {})).status).toBe(400);
    expect((await post(dc, '/faults/flood-wait', { botId: '1', seconds: 3 })).status).toBe(400);
  });
});
