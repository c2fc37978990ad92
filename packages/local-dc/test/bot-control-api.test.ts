import type { Api, MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import { createClient, loginBot, UpdateCollector } from './local-dc-harness';

/** One control API call: status and parsed JSON body. */
async function call<T = Record<string, unknown>>(
  dc: LocalDc,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
) {
  const response = await fetch(`${dc.info.controlUrl}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
  });
  return { status: response.status, body: (await response.json()) as T };
}

interface UserBody {
  id: string;
  accessHash: string;
}

/** `GET /history` as far as these tests read it. */
interface HistoryBody {
  messages: { id: number; replyMarkup: { rows: { buttons: { data: string }[] }[] } }[];
}

function firstUpdate<K extends Api.TypeUpdate['_']>(collector: UpdateCollector, kind: K) {
  const find = (container: Api.TypeUpdates) =>
    container._ === 'updates' ? container.updates.find((update) => update._ === kind) : undefined;
  return collector
    .next((container): container is Api.Updates => find(container) !== undefined)
    .then((container) => find(container) as Extract<Api.TypeUpdate, { _: K }>);
}

describe('the control API for bot interactions (HTTP JSON, bot over MTProto)', () => {
  let dc: LocalDc;
  let bot: MtprotoClient;

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false });
    bot = createClient(dc);
    await loginBot(bot, dc.info.botToken);
  });

  afterAll(async () => {
    await bot.close();
    await dc.stop();
  });

  it('shows buttons in history, presses one, returns the bot’s answer, and 400 BOT_RESPONSE_TIMEOUT', async () => {
    const updates = new UpdateCollector(bot);
    const user = (await call<{ user: UserBody }>(dc, 'POST', '/users', { firstName: 'Carol' })).body.user as {
      id: string;
      accessHash: string;
    };
    await bot.invoke({
      _: 'messages.sendMessage',
      peer: { _: 'inputPeerUser', user_id: BigInt(user.id), access_hash: BigInt(user.accessHash) },
      message: 'Pick one',
      random_id: 1n,
      reply_markup: {
        _: 'replyInlineMarkup',
        rows: [
          {
            _: 'keyboardButtonRow',
            buttons: [{ _: 'keyboardButtonCallback', text: 'A', data: new TextEncoder().encode('pick:a') }],
          },
        ],
      },
    });
    const history = await call<HistoryBody>(
      dc,
      'GET',
      `/history?userId=${user.id}&peerId=${dc.defaultBot.id}`,
    );
    const message = history.body.messages.at(-1)!;
    expect(message.replyMarkup).toMatchObject({
      _: 'replyInlineMarkup',
      rows: [
        {
          buttons: [
            { _: 'keyboardButtonCallback', text: 'A', data: Buffer.from('pick:a').toString('base64') },
          ],
        },
      ],
    });

    const press = call(dc, 'POST', '/callback-queries', {
      userId: user.id,
      botId: dc.defaultBot.id.toString(),
      messageId: message.id,
      dataBase64: message.replyMarkup.rows[0]!.buttons[0]!.data,
    });
    const query = await firstUpdate(updates, 'updateBotCallbackQuery');
    await bot.invoke({
      _: 'messages.setBotCallbackAnswer',
      query_id: query.query_id,
      message: 'Picked A',
      cache_time: 0,
    });
    expect(await press).toEqual({
      status: 200,
      body: { answer: { alert: false, message: 'Picked A', cacheTime: 0 } },
    });

    const silent = await call(dc, 'POST', '/callback-queries', {
      userId: user.id,
      botId: dc.defaultBot.id.toString(),
      messageId: message.id,
      data: 'pick:a',
      timeoutMs: 200,
    });
    expect(silent).toEqual({ status: 400, body: { error: 'BOT_RESPONSE_TIMEOUT', code: 400 } });
    const forged = await call(dc, 'POST', '/callback-queries', {
      userId: user.id,
      botId: dc.defaultBot.id.toString(),
      messageId: message.id,
      data: 'pick:z',
    });
    expect(forged).toEqual({ status: 400, body: { error: 'DATA_INVALID', code: 400 } });
  });

  it('sends an inline query, returns the results, sends one via the bot; reads commands', async () => {
    const updates = new UpdateCollector(bot);
    const user = (await call<{ user: UserBody }>(dc, 'POST', '/users', { firstName: 'Dave' })).body.user;
    const friend = (await call<{ user: UserBody }>(dc, 'POST', '/users', { firstName: 'Erin' })).body.user;
    const asked = call<{ queryId: string }>(dc, 'POST', '/inline-queries', {
      userId: user.id,
      botId: dc.defaultBot.id.toString(),
      query: 'dogs',
    });
    const query = await firstUpdate(updates, 'updateBotInlineQuery');
    expect(query.query).toBe('dogs');
    await bot.invoke({
      _: 'messages.setInlineBotResults',
      query_id: query.query_id,
      cache_time: 30,
      results: [
        {
          _: 'inputBotInlineResult',
          id: 'd1',
          type: 'article',
          title: 'A dog',
          send_message: { _: 'inputBotInlineMessageText', message: 'Woof' },
        },
      ],
    });
    const answered = await asked;
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({
      queryId: query.query_id.toString(),
      cacheTime: 30,
      results: [{ _: 'botInlineResult', id: 'd1', title: 'A dog', send_message: { message: 'Woof' } }],
    });

    const sent = await call(dc, 'POST', '/inline-queries/send', {
      userId: user.id,
      peerId: friend.id,
      queryId: answered.body.queryId,
      resultId: 'd1',
    });
    expect(sent).toMatchObject({
      status: 201,
      body: { message: { text: 'Woof', viaBotId: dc.defaultBot.id.toString() } },
    });
    const unknown = await call(dc, 'POST', '/inline-queries/send', {
      userId: user.id,
      peerId: friend.id,
      queryId: '-5',
      resultId: 'd1',
    });
    expect(unknown).toEqual({ status: 400, body: { error: 'QUERY_ID_INVALID', code: 400 } });

    await bot.invoke({
      _: 'bots.setBotCommands',
      scope: { _: 'botCommandScopeDefault' },
      lang_code: '',
      commands: [{ _: 'botCommand', command: 'start', description: 'Start' }],
    });
    expect(await call(dc, 'GET', `/bots/commands?botId=${dc.defaultBot.id}`)).toEqual({
      status: 200,
      body: { commands: [{ command: 'start', description: 'Start' }] },
    });
    expect((await call(dc, 'GET', `/bots/commands?botId=${dc.defaultBot.id}&scope=users`)).body).toEqual({
      commands: [],
    });

    expect(
      await call(dc, 'POST', '/bots/inline-mode', { botId: dc.defaultBot.id.toString(), enabled: false }),
    ).toEqual({
      status: 200,
      body: { ok: true },
    });
    const disabled = await call(dc, 'POST', '/inline-queries', {
      userId: user.id,
      botId: dc.defaultBot.id.toString(),
      query: 'x',
    });
    expect(disabled).toEqual({ status: 400, body: { error: 'BOT_INLINE_DISABLED', code: 400 } });
  });
});
