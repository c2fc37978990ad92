import type { Api } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import { createClient, loginBot } from './local-dc-harness';

/** One control API call: status and parsed JSON body. */
async function call(dc: LocalDc, method: 'GET' | 'POST', path: string, body?: string) {
  const response = await fetch(`${dc.info.controlUrl}${path}`, {
    method,
    body,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
  });
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the control API (HTTP JSON)', () => {
  let dc: LocalDc;

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0 });
  });

  afterAll(async () => {
    await dc.stop();
  });

  it('creates users and bots, sends a user’s text, reads history and waits for the bot’s reply', async () => {
    const info = await call(dc, 'GET', '/info');
    expect(info).toEqual({ status: 200, body: JSON.parse(JSON.stringify(dc.info)) });

    const created = await call(dc, 'POST', '/users', JSON.stringify({ firstName: 'Dora', username: 'dora' }));
    expect(created.status).toBe(201);
    const dora = created.body.user as { id: string; accessHash: string };
    expect(dora).toMatchObject({ firstName: 'Dora', username: 'dora', bot: false });

    const newBot = await call(
      dc,
      'POST',
      '/bots',
      JSON.stringify({ firstName: 'Echo', username: 'echo_bot' }),
    );
    expect(newBot.status).toBe(201);
    const botId = (newBot.body.user as { id: string }).id;
    expect(newBot.body.token).toMatch(new RegExp(`^${botId}:[A-Za-z0-9_-]{35}$`));

    // The new bot logs in over MTProto with the token the control API gave.
    const bot = createClient(dc);
    try {
      await loginBot(bot, newBot.body.token as string);
      const waiting = call(dc, 'GET', `/wait-bot-message?userId=${dora.id}&botId=${botId}&timeoutMs=5000`);

      const sent = await call(
        dc,
        'POST',
        '/messages',
        JSON.stringify({ fromUserId: dora.id, toUserId: botId, text: 'ping' }),
      );
      expect(sent.status).toBe(201);
      expect(sent.body.message).toMatchObject({
        id: 1,
        out: true,
        text: 'ping',
        fromId: dora.id,
        peerId: botId,
      });

      const peer: Api.InputPeerUser = {
        _: 'inputPeerUser',
        user_id: BigInt(dora.id),
        access_hash: BigInt(dora.accessHash),
      };
      await bot.invoke({ _: 'messages.sendMessage', peer, message: 'pong', random_id: 9n });
      const reply = await waiting;
      expect(reply.status).toBe(200);
      expect(reply.body.message).toMatchObject({ id: 2, out: false, text: 'pong', fromId: botId });

      const history = await call(dc, 'GET', `/history?userId=${dora.id}&peerId=${botId}`);
      expect((history.body.messages as Array<{ text: string }>).map((message) => message.text)).toEqual([
        'ping',
        'pong',
      ]);

      // A reply that came before the wait started is found through afterMessageId.
      const late = await call(
        dc,
        'GET',
        `/wait-bot-message?userId=${dora.id}&botId=${botId}&afterMessageId=1&timeoutMs=100`,
      );
      expect(late.body.message).toMatchObject({ id: 2, text: 'pong' });
    } finally {
      await bot.close();
    }
  });

  it('answers malformed requests with a 4xx JSON error and keeps serving', async () => {
    const bad = await call(dc, 'POST', '/users', '{"firstName": ');
    expect(bad).toMatchObject({ status: 400, body: { error: 'BAD_JSON' } });
    expect(await call(dc, 'POST', '/users', '[1, 2]')).toMatchObject({
      status: 400,
      body: { error: 'BAD_REQUEST' },
    });
    expect(await call(dc, 'POST', '/users', '{"firstName": 42}')).toMatchObject({
      status: 400,
      body: { error: 'BAD_REQUEST' },
    });
    expect(await call(dc, 'POST', '/users', '{"firstName": "  "}')).toMatchObject({
      status: 400,
      body: { error: 'FIRSTNAME_INVALID' },
    });
    expect(await call(dc, 'GET', '/nowhere')).toMatchObject({ status: 404, body: { error: 'NOT_FOUND' } });
    expect(await call(dc, 'GET', '/users')).toMatchObject({
      status: 405,
      body: { error: 'METHOD_NOT_ALLOWED' },
    });
    expect(await call(dc, 'POST', '/users', 'x'.repeat(2 * 1024 * 1024))).toMatchObject({ status: 413 });

    const user = (await call(dc, 'POST', '/users', '{"firstName": "Eve"}')).body.user as { id: string };
    const botId = dc.defaultBot.id.toString();
    const send = (fields: object) => call(dc, 'POST', '/messages', JSON.stringify(fields));
    expect(await send({ fromUserId: user.id, toUserId: botId, text: '' })).toMatchObject({
      status: 400,
      body: { error: 'MESSAGE_EMPTY' },
    });
    expect(await send({ fromUserId: user.id, toUserId: botId, text: 'x'.repeat(4097) })).toMatchObject({
      status: 400,
      body: { error: 'MESSAGE_TOO_LONG' },
    });
    expect(await send({ fromUserId: user.id, toUserId: '1', text: 'hi' })).toMatchObject({
      status: 400,
      body: { error: 'PEER_ID_INVALID' },
    });
    expect(await send({ fromUserId: 'abc', toUserId: botId, text: 'hi' })).toMatchObject({
      status: 400,
      body: { error: 'BAD_REQUEST' },
    });
    expect(await send({ fromUserId: botId, toUserId: user.id, text: 'hi' })).toMatchObject({
      status: 400,
      body: { error: 'BAD_REQUEST' },
    });
    expect(await call(dc, 'GET', `/history?userId=${user.id}`)).toMatchObject({ status: 400 });
    expect(
      await call(dc, 'GET', `/wait-bot-message?userId=${user.id}&botId=${botId}&timeoutMs=50`),
    ).toMatchObject({ status: 408, body: { error: 'TIMEOUT' } });
    expect(
      await call(dc, 'GET', `/wait-bot-message?userId=${user.id}&botId=${botId}&timeoutMs=-1`),
    ).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST' } });

    expect(await call(dc, 'GET', '/info')).toMatchObject({ status: 200 });
  });
});
