import { RpcError, type Api, type MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc } from '../src/local-dc';
import type { UserRecord } from '../src/world/records';
import { createClient, loginBot, rpcErrorOf, UpdateCollector } from './local-dc-harness';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

const inlineKeyboard = (...rows: Api.TypeKeyboardButton[][]): Api.ReplyInlineMarkup => ({
  _: 'replyInlineMarkup',
  rows: rows.map((buttons) => ({ _: 'keyboardButtonRow', buttons })),
});

const callbackButton = (text: string, data: string): Api.KeyboardButtonCallback => ({
  _: 'keyboardButtonCallback',
  text,
  data: bytes(data),
});

/** The first pushed update of kind `kind` not seen before, from `updates` containers. */
function nextUpdate<K extends Api.TypeUpdate['_']>(
  collector: UpdateCollector,
  kind: K,
  seen: Set<unknown>,
): Promise<Extract<Api.TypeUpdate, { _: K }>> {
  const find = (container: Api.TypeUpdates) =>
    container._ === 'updates'
      ? (container.updates.find((update) => update._ === kind && !seen.has(update)) as
          Extract<Api.TypeUpdate, { _: K }> | undefined)
      : undefined;
  return collector
    .next((container): container is Api.Updates => find(container) !== undefined)
    .then((container) => {
      const update = find(container)!;
      seen.add(update);
      return update;
    });
}

describe('bot interactions through the local DC (core MtprotoClient over TCP)', () => {
  let dc: LocalDc;
  let alice: UserRecord;
  let bob: UserRecord;
  let bot: MtprotoClient;
  let otherSession: MtprotoClient;
  let updates: UpdateCollector;
  let otherUpdates: UpdateCollector;
  let alicePeer: Api.InputPeerUser;
  const seen = new Set<unknown>();

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0, floodLimits: false });
    alice = dc.createUser({ firstName: 'Alice' });
    bob = dc.createUser({ firstName: 'Bob' });
    alicePeer = { _: 'inputPeerUser', user_id: alice.id, access_hash: alice.accessHash };
    bot = createClient(dc);
    updates = new UpdateCollector(bot);
    await loginBot(bot, dc.info.botToken);
    otherSession = createClient(dc);
    otherUpdates = new UpdateCollector(otherSession);
    await loginBot(otherSession, dc.info.botToken);
  });

  afterAll(async () => {
    await Promise.all([bot.close(), otherSession.close()]);
    await dc.stop();
  });

  /** A fresh random_id per message: the DC refuses one used twice (RANDOM_ID_DUPLICATE). */
  let nextRandomId = 1000n;

  /** The bot sends `text` with `markup` to Alice; returns the message id in Alice's box. */
  async function sendWithMarkup(text: string, markup: Api.TypeReplyMarkup): Promise<number> {
    await bot.invoke({
      _: 'messages.sendMessage',
      peer: alicePeer,
      message: text,
      random_id: nextRandomId++,
      reply_markup: markup,
    });
    return dc.history(alice.id, dc.defaultBot.id).at(-1)!.id;
  }

  it('stores reply markup with the message: getMessages, pushed updates, history, and edits', async () => {
    const keyboard = inlineKeyboard(
      [callbackButton('Yes', 'vote:yes'), callbackButton('No', 'vote:no')],
      [{ _: 'keyboardButtonUrl', text: 'Docs', url: 'https://core.telegram.org/api/bots/buttons' }],
    );
    const sent = (await bot.invoke({
      _: 'messages.sendMessage',
      peer: alicePeer,
      message: 'Vote?',
      random_id: 2n,
      reply_markup: keyboard,
    })) as Api.UpdateShortSentMessage;

    // The bot's other session cannot get updateShortMessage (no room for buttons): updateNewMessage.
    const pushed = await nextUpdate(otherUpdates, 'updateNewMessage', seen);
    expect(pushed.message).toMatchObject({ id: sent.id, message: 'Vote?', reply_markup: keyboard });

    const fetched = (await bot.invoke({
      _: 'messages.getMessages',
      id: [{ _: 'inputMessageID', id: sent.id }],
    })) as Api.MessagesMessages;
    expect(fetched.messages[0]).toMatchObject({ _: 'message', reply_markup: keyboard });
    expect(dc.history(alice.id, dc.defaultBot.id).at(-1)!.replyMarkup).toMatchObject(keyboard);

    // Editing only the buttons is an edit; the same buttons again are MESSAGE_NOT_MODIFIED.
    const fewer = inlineKeyboard([callbackButton('Yes', 'vote:yes')]);
    const edited = (await bot.invoke({
      _: 'messages.editMessage',
      peer: alicePeer,
      id: sent.id,
      reply_markup: fewer,
    })) as Api.Updates;
    expect(edited.updates[0]).toMatchObject({
      _: 'updateEditMessage',
      message: { message: 'Vote?', reply_markup: fewer },
    });
    await expect(
      bot.invoke({ _: 'messages.editMessage', peer: alicePeer, id: sent.id, reply_markup: fewer }),
    ).rejects.toEqual(rpcErrorOf('MESSAGE_NOT_MODIFIED', 400));
    // Only an inline keyboard can be set by an edit.
    await expect(
      bot.invoke({
        _: 'messages.editMessage',
        peer: alicePeer,
        id: sent.id,
        reply_markup: { _: 'replyKeyboardHide' },
      }),
    ).rejects.toEqual(rpcErrorOf('REPLY_MARKUP_INVALID', 400));
    // A text edit without reply_markup removes the inline keyboard, on both sides.
    const textOnly = (await bot.invoke({
      _: 'messages.editMessage',
      peer: alicePeer,
      id: sent.id,
      message: 'Voting closed',
    })) as Api.Updates;
    expect((textOnly.updates[0] as Api.UpdateEditMessage).message).not.toHaveProperty(
      'reply_markup',
      expect.anything(),
    );
    expect(dc.history(alice.id, dc.defaultBot.id).at(-1)).toMatchObject({
      text: 'Voting closed',
      replyMarkup: undefined,
    });
  });

  it('stores reply keyboards, keyboard removal and force reply; refuses bad buttons with Telegram’s errors', async () => {
    const replyKeyboard: Api.ReplyKeyboardMarkup = {
      _: 'replyKeyboardMarkup',
      resize: true,
      single_use: true,
      rows: [
        {
          _: 'keyboardButtonRow',
          buttons: [
            { _: 'keyboardButton', text: 'Red' },
            { _: 'keyboardButton', text: 'Blue' },
          ],
        },
      ],
      placeholder: 'Pick a colour',
    };
    for (const markup of [
      replyKeyboard,
      { _: 'replyKeyboardHide', selective: true } as const,
      { _: 'replyKeyboardForceReply', single_use: true, placeholder: 'Your name' } as const,
    ]) {
      const id = await sendWithMarkup('Markup', markup);
      expect(
        dc.history(alice.id, dc.defaultBot.id).find((message) => message.id === id)!.replyMarkup,
      ).toMatchObject(markup);
    }
    const send = (markup: Api.TypeReplyMarkup) =>
      bot.invoke({
        _: 'messages.sendMessage',
        peer: alicePeer,
        message: 'Bad',
        random_id: nextRandomId++,
        reply_markup: markup,
      });
    await expect(send(inlineKeyboard([callbackButton('Big', 'x'.repeat(65))]))).rejects.toEqual(
      rpcErrorOf('BUTTON_DATA_INVALID', 400),
    );
    await expect(send(inlineKeyboard([{ _: 'keyboardButton', text: 'Plain' }]))).rejects.toEqual(
      rpcErrorOf('BUTTON_TYPE_INVALID', 400),
    );
    await expect(
      send({ ...replyKeyboard, rows: [{ _: 'keyboardButtonRow', buttons: [callbackButton('Cb', 'cb')] }] }),
    ).rejects.toEqual(rpcErrorOf('BUTTON_TYPE_INVALID', 400));
    await expect(
      send(inlineKeyboard([{ _: 'keyboardButtonUrl', text: 'Go', url: 'javascript:alert(1)' }])),
    ).rejects.toEqual(rpcErrorOf('BUTTON_URL_INVALID', 400));
    const tooMany = Array.from({ length: 101 }, (_, index) => [callbackButton(`B${index}`, `b${index}`)]);
    await expect(send(inlineKeyboard(...tooMany))).rejects.toEqual(rpcErrorOf('REPLY_MARKUP_TOO_LONG', 400));
  });

  it('turns a button press into updateBotCallbackQuery and gives the user the bot’s answer', async () => {
    const messageId = await sendWithMarkup(
      'Menu',
      inlineKeyboard([callbackButton('Buy', 'buy:42'), callbackButton('Help', 'help')]),
    );
    const botMessageId = dc.history(alice.id, dc.defaultBot.id).at(-1)!.counterpart.messageId;

    const answer = dc.bots.pressButton({
      userId: alice.id,
      botId: dc.defaultBot.id,
      messageId,
      data: 'buy:42',
    });
    const query = await nextUpdate(updates, 'updateBotCallbackQuery', seen);
    expect(query).toMatchObject({
      user_id: alice.id,
      peer: { _: 'peerUser', user_id: alice.id },
      msg_id: botMessageId,
    });
    expect(new TextDecoder().decode(query.data)).toBe('buy:42');
    await expect(
      bot.invoke({
        _: 'messages.setBotCallbackAnswer',
        query_id: query.query_id,
        message: 'Bought!',
        alert: true,
        cache_time: 5,
      }),
    ).resolves.toBe(true);
    await expect(answer).resolves.toEqual({ alert: true, message: 'Bought!', url: undefined, cacheTime: 5 });
    // A query is answered once.
    await expect(
      bot.invoke({ _: 'messages.setBotCallbackAnswer', query_id: query.query_id, cache_time: 0 }),
    ).rejects.toEqual(rpcErrorOf('QUERY_ID_INVALID', 400));
    await expect(
      bot.invoke({ _: 'messages.setBotCallbackAnswer', query_id: 12345n, cache_time: 0 }),
    ).rejects.toEqual(rpcErrorOf('QUERY_ID_INVALID', 400));

    // By position; same chat, same chat_instance, a fresh query_id; answer errors leave the query open.
    const second = dc.bots.pressButton({
      userId: alice.id,
      botId: dc.defaultBot.id,
      messageId,
      row: 0,
      column: 1,
    });
    const query2 = await nextUpdate(updates, 'updateBotCallbackQuery', seen);
    expect(query2.chat_instance).toBe(query.chat_instance);
    expect(query2.query_id).not.toBe(query.query_id);
    expect(new TextDecoder().decode(query2.data)).toBe('help');
    await expect(
      bot.invoke({
        _: 'messages.setBotCallbackAnswer',
        query_id: query2.query_id,
        message: 'x'.repeat(201),
        cache_time: 0,
      }),
    ).rejects.toEqual(rpcErrorOf('MESSAGE_TOO_LONG', 400));
    await expect(
      bot.invoke({
        _: 'messages.setBotCallbackAnswer',
        query_id: query2.query_id,
        url: 'https://example.com',
        cache_time: 0,
      }),
    ).rejects.toEqual(rpcErrorOf('URL_INVALID', 400));
    await bot.invoke({
      _: 'messages.setBotCallbackAnswer',
      query_id: query2.query_id,
      url: 't.me/local_dc_bot?start=help',
      cache_time: 0,
    });
    await expect(second).resolves.toMatchObject({ alert: false, url: 't.me/local_dc_bot?start=help' });

    // Data no button carries, and a message that is not the bot's.
    expect(() =>
      dc.bots.pressButton({ userId: alice.id, botId: dc.defaultBot.id, messageId, data: 'forged' }),
    ).toThrow(expect.objectContaining({ text: 'DATA_INVALID' }));
    expect(() =>
      dc.bots.pressButton({ userId: alice.id, botId: dc.defaultBot.id, messageId: 9999, data: 'buy:42' }),
    ).toThrow(expect.objectContaining({ text: 'MESSAGE_ID_INVALID' }));
  });

  it('gives BOT_RESPONSE_TIMEOUT when the bot never answers, after which the query is invalid', async () => {
    const messageId = await sendWithMarkup('Slow', inlineKeyboard([callbackButton('Wait', 'wait')]));
    const answer = dc.bots.pressButton({
      userId: alice.id,
      botId: dc.defaultBot.id,
      messageId,
      timeoutMs: 300,
    });
    const query = await nextUpdate(updates, 'updateBotCallbackQuery', seen);
    await expect(answer).rejects.toEqual(
      expect.objectContaining({ text: 'BOT_RESPONSE_TIMEOUT', code: 400 }),
    );
    expect(RpcError.isInstance(await answer.catch((error: unknown) => error))).toBe(true);
    await expect(
      bot.invoke({ _: 'messages.setBotCallbackAnswer', query_id: query.query_id, cache_time: 0 }),
    ).rejects.toEqual(rpcErrorOf('QUERY_ID_INVALID', 400));
  });

  it('sets, reads and resets command lists per scope and language', async () => {
    const scope: Api.TypeBotCommandScope = { _: 'botCommandScopeDefault' };
    const commands: Api.BotCommand[] = [
      { _: 'botCommand', command: 'start', description: 'Start the bot' },
      { _: 'botCommand', command: 'help', description: 'How to use it' },
    ];
    await expect(bot.invoke({ _: 'bots.getBotCommands', scope, lang_code: '' })).resolves.toEqual([]);
    await expect(bot.invoke({ _: 'bots.setBotCommands', scope, lang_code: '', commands })).resolves.toBe(
      true,
    );
    await bot.invoke({
      _: 'bots.setBotCommands',
      scope: { _: 'botCommandScopeUsers' },
      lang_code: 'de',
      commands: [{ _: 'botCommand', command: 'hilfe', description: 'Hilfe' }],
    });
    await expect(bot.invoke({ _: 'bots.getBotCommands', scope, lang_code: '' })).resolves.toEqual(commands);
    await expect(
      bot.invoke({ _: 'bots.getBotCommands', scope: { _: 'botCommandScopeUsers' }, lang_code: 'de' }),
    ).resolves.toEqual([{ _: 'botCommand', command: 'hilfe', description: 'Hilfe' }]);
    expect(dc.bots.commands(dc.defaultBot.id).map((each) => each.command)).toEqual(['start', 'help']);

    const set = (list: Api.BotCommand[], langCode = '') =>
      bot.invoke({ _: 'bots.setBotCommands', scope, lang_code: langCode, commands: list });
    await expect(set([{ _: 'botCommand', command: 'Bad Command', description: 'x' }])).rejects.toEqual(
      rpcErrorOf('BOT_COMMAND_INVALID', 400),
    );
    await expect(set([{ _: 'botCommand', command: 'ok', description: '' }])).rejects.toEqual(
      rpcErrorOf('BOT_COMMAND_DESCRIPTION_INVALID', 400),
    );
    const many = Array.from({ length: 101 }, (_, index): Api.BotCommand => ({
      _: 'botCommand',
      command: `c${index}`,
      description: 'd',
    }));
    await expect(set(many)).rejects.toEqual(rpcErrorOf('BOT_COMMANDS_TOO_MUCH', 400));
    await expect(set(commands, 'english')).rejects.toEqual(rpcErrorOf('LANG_CODE_INVALID', 400));

    await expect(bot.invoke({ _: 'bots.resetBotCommands', scope, lang_code: '' })).resolves.toBe(true);
    await expect(bot.invoke({ _: 'bots.getBotCommands', scope, lang_code: '' })).resolves.toEqual([]);
  });

  it('answers inline queries: updateBotInlineQuery, result checks, results to the user, a result sent via the bot', async () => {
    const article = (id: string, text: string): Api.InputBotInlineResult => ({
      _: 'inputBotInlineResult',
      id,
      type: 'article',
      title: `Result ${id}`,
      send_message: {
        _: 'inputBotInlineMessageText',
        message: text,
        reply_markup: inlineKeyboard([callbackButton('Like', `like:${id}`)]),
      },
    });
    const pending = dc.bots.inlineQuery({
      userId: alice.id,
      botId: dc.defaultBot.id,
      query: 'cats',
      peerId: bob.id,
    });
    const query = await nextUpdate(updates, 'updateBotInlineQuery', seen);
    expect(query).toMatchObject({
      user_id: alice.id,
      query: 'cats',
      offset: '',
      peer_type: { _: 'inlineQueryPeerTypePM' },
    });

    const answer = (results: Api.TypeInputBotInlineResult[], queryId = query.query_id) =>
      bot.invoke({
        _: 'messages.setInlineBotResults',
        query_id: queryId,
        results,
        cache_time: 60,
        next_offset: '2',
      });
    await expect(answer(Array.from({ length: 51 }, (_, index) => article(`${index}`, 'x')))).rejects.toEqual(
      rpcErrorOf('RESULTS_TOO_MUCH', 400),
    );
    await expect(answer([article('1', 'one'), article('1', 'uno')])).rejects.toEqual(
      rpcErrorOf('RESULT_ID_DUPLICATE', 400),
    );
    await expect(answer([article('1', 'one')], 777n)).rejects.toEqual(rpcErrorOf('QUERY_ID_INVALID', 400));
    await expect(answer([article('1', 'A cat'), article('2', 'Two cats')])).resolves.toBe(true);
    await expect(answer([article('3', 'late')])).rejects.toEqual(rpcErrorOf('QUERY_ID_INVALID', 400));

    const results = await pending;
    expect(results).toMatchObject({ queryId: query.query_id, nextOffset: '2', cacheTime: 60 });
    expect(results.results.map((result) => [result._, result.id, result.send_message._])).toEqual([
      ['botInlineResult', '1', 'botInlineMessageText'],
      ['botInlineResult', '2', 'botInlineMessageText'],
    ]);

    // Alice sends result 2 to Bob: her message, via the bot, with the result's buttons.
    const message = dc.bots.sendInlineResult({
      userId: alice.id,
      peerId: bob.id,
      queryId: query.query_id,
      resultId: '2',
    });
    expect(message).toMatchObject({ text: 'Two cats', viaBotId: dc.defaultBot.id, out: true });
    expect(dc.history(bob.id, alice.id).at(-1)).toMatchObject({
      text: 'Two cats',
      viaBotId: dc.defaultBot.id,
    });
    expect(() =>
      dc.bots.sendInlineResult({ userId: alice.id, peerId: bob.id, queryId: query.query_id, resultId: '9' }),
    ).toThrow(expect.objectContaining({ text: 'RESULT_ID_INVALID' }));
    expect(() =>
      dc.bots.sendInlineResult({ userId: bob.id, peerId: alice.id, queryId: query.query_id, resultId: '1' }),
    ).toThrow(expect.objectContaining({ text: 'QUERY_ID_INVALID' }));

    // Sent into the chat with the bot itself, the bot sees via_bot_id and the buttons.
    dc.bots.sendInlineResult({
      userId: alice.id,
      peerId: dc.defaultBot.id,
      queryId: query.query_id,
      resultId: '1',
    });
    const viaBot = await nextUpdate(updates, 'updateNewMessage', seen);
    expect(viaBot.message).toMatchObject({
      message: 'A cat',
      via_bot_id: dc.defaultBot.id,
      reply_markup: inlineKeyboard([callbackButton('Like', 'like:1')]),
    });
  });

  it('refuses inline queries to a silent bot, a bot with inline mode off, and unsupported result kinds', async () => {
    const silent = dc.bots.inlineQuery({
      userId: alice.id,
      botId: dc.defaultBot.id,
      query: 'zzz',
      timeoutMs: 300,
    });
    const query = await nextUpdate(updates, 'updateBotInlineQuery', seen);
    await expect(silent).rejects.toEqual(expect.objectContaining({ text: 'BOT_RESPONSE_TIMEOUT' }));
    await expect(
      bot.invoke({ _: 'messages.setInlineBotResults', query_id: query.query_id, results: [], cache_time: 0 }),
    ).rejects.toEqual(rpcErrorOf('QUERY_ID_INVALID', 400));

    const photoQuery = dc.bots.inlineQuery({
      userId: alice.id,
      botId: dc.defaultBot.id,
      query: 'photo',
      timeoutMs: 3000,
    });
    const second = await nextUpdate(updates, 'updateBotInlineQuery', seen);
    await expect(
      bot.invoke({
        _: 'messages.setInlineBotResults',
        query_id: second.query_id,
        results: [
          {
            _: 'inputBotInlineResult',
            id: 'a',
            type: 'article',
            title: 'Geo',
            send_message: { _: 'inputBotInlineMessageMediaGeo', geo_point: { _: 'inputGeoPointEmpty' } },
          },
        ],
        cache_time: 0,
      }),
    ).rejects.toEqual(rpcErrorOf('SEND_MESSAGE_TYPE_INVALID', 400));
    await bot.invoke({
      _: 'messages.setInlineBotResults',
      query_id: second.query_id,
      results: [],
      cache_time: 0,
    });
    await expect(photoQuery).resolves.toMatchObject({ results: [] });

    dc.bots.setInlineEnabled(dc.defaultBot.id, false);
    expect(() => dc.bots.inlineQuery({ userId: alice.id, botId: dc.defaultBot.id, query: 'x' })).toThrow(
      expect.objectContaining({ text: 'BOT_INLINE_DISABLED' }),
    );
    dc.bots.setInlineEnabled(dc.defaultBot.id, true);
    expect(() => dc.bots.inlineQuery({ userId: alice.id, botId: bob.id, query: 'x' })).toThrow(
      expect.objectContaining({ text: 'BOT_INVALID' }),
    );
  });
});
