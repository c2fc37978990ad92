/**
 * The control API's bot-interaction routes: a user presses an inline button (`POST /callback-queries`,
 * answered with the bot's messages.botCallbackAnswer), sends an inline query (`POST /inline-queries`,
 * answered with the bot's results as messages.getInlineBotResults gives them), sends one of the results
 * (`POST /inline-queries/send`); a bot's command list (`GET /bots/commands`); inline mode and inline
 * feedback (updateBotInlineSend) on or off.
 */
import type { Api } from 'telegram-mtproto-core';
import type { CallbackAnswer } from '../bots/callback-queries';
import type { InlineResults } from '../bots/inline-queries';
import type { ChannelMessage } from '../world/group-records';
import {
  ControlInputError,
  messageJson,
  optionalInteger,
  optionalString,
  requiredId,
  requiredString,
} from './control-json';
import type { LocalDc } from '../local-dc';
import { LocalDcBots } from '../local-dc-bots';
import type { Route } from './control-routes';
import { tlJson } from './tl-json';

type Fields = Readonly<Record<string, unknown>>;

/** Longest wait for a bot's answer a route accepts, in ms. */
const MAX_ANSWER_WAIT_MS = 120_000;

const SCOPES: Readonly<Record<string, Api.TypeBotCommandScope>> = {
  default: { _: 'botCommandScopeDefault' },
  users: { _: 'botCommandScopeUsers' },
  chats: { _: 'botCommandScopeChats' },
  chat_admins: { _: 'botCommandScopeChatAdmins' },
};

export const BOT_ROUTES: Readonly<Record<string, Route>> = {
  'POST /callback-queries': async (dc, { fields, signal }) => {
    const text = optionalString(fields, 'data');
    const base64 = optionalString(fields, 'dataBase64');
    if (text !== undefined && base64 !== undefined) {
      throw new ControlInputError('give "data" or "dataBase64", not both');
    }
    const answer = await botsOf(dc).pressButton({
      userId: requiredId(fields, 'userId'),
      ...chatOfPress(fields),
      messageId: optionalInteger(fields, 'messageId', 2 ** 31 - 1) ?? missing('messageId'),
      data: base64 === undefined ? text : new Uint8Array(Buffer.from(base64, 'base64')),
      row: optionalInteger(fields, 'row', 99),
      column: optionalInteger(fields, 'column', 99),
      timeoutMs: optionalInteger(fields, 'timeoutMs', MAX_ANSWER_WAIT_MS),
      signal,
    });
    return { status: 200, body: { answer: callbackAnswerJson(answer) } };
  },

  'POST /inline-queries': async (dc, { fields, signal }) => {
    const results = await botsOf(dc).inlineQuery({
      userId: requiredId(fields, 'userId'),
      botId: requiredId(fields, 'botId'),
      query: requiredString(fields, 'query'),
      offset: optionalString(fields, 'offset'),
      peerId: fields['peerId'] === undefined ? undefined : requiredId(fields, 'peerId'),
      timeoutMs: optionalInteger(fields, 'timeoutMs', MAX_ANSWER_WAIT_MS),
      signal,
    });
    return { status: 200, body: inlineResultsJson(results) };
  },

  'POST /inline-queries/send': (dc, { fields }) => {
    const message = botsOf(dc).sendInlineResult({
      userId: requiredId(fields, 'userId'),
      peerId: requiredId(fields, 'peerId'),
      queryId: signedId(fields, 'queryId'),
      resultId: requiredString(fields, 'resultId'),
    });
    return {
      status: 201,
      body: { message: 'channelId' in message ? channelMessageJson(message) : messageJson(message) },
    };
  },

  'POST /bots/inline-mode': (dc, { fields }) => {
    const enabled = fields['enabled'];
    if (typeof enabled !== 'boolean') throw new ControlInputError('"enabled" must be true or false');
    botsOf(dc).setInlineEnabled(requiredId(fields, 'botId'), enabled);
    return { status: 200, body: { ok: true } };
  },

  'POST /bots/inline-feedback': (dc, { fields }) => {
    const enabled = fields['enabled'];
    if (typeof enabled !== 'boolean') throw new ControlInputError('"enabled" must be true or false');
    botsOf(dc).setInlineFeedback(requiredId(fields, 'botId'), enabled);
    return { status: 200, body: { ok: true } };
  },

  'GET /bots/commands': (dc, { fields }) => {
    const scopeName = optionalString(fields, 'scope') ?? 'default';
    const scope = SCOPES[scopeName];
    if (scope === undefined) {
      throw new ControlInputError(`"scope" must be one of: ${Object.keys(SCOPES).join(', ')}`);
    }
    const commands = botsOf(dc).commands(
      requiredId(fields, 'botId'),
      scope,
      optionalString(fields, 'langCode') ?? '',
    );
    return { status: 200, body: { commands } };
  },
};

/** The users' side of bot interactions (the same as `dc.bots`). */
function botsOf(dc: LocalDc): LocalDcBots {
  return new LocalDcBots(dc.world);
}

function callbackAnswerJson(answer: CallbackAnswer) {
  return { alert: answer.alert, message: answer.message, url: answer.url, cacheTime: answer.cacheTime };
}

/** The results as messages.botResults carries them (query_id as a decimal string). */
function inlineResultsJson(results: InlineResults) {
  return {
    queryId: results.queryId.toString(),
    gallery: results.gallery,
    nextOffset: results.nextOffset,
    cacheTime: results.cacheTime,
    switchPm: results.switchPm === undefined ? undefined : tlJson(results.switchPm),
    results: results.results.map(tlJson),
  };
}

/** A signed 64-bit id (query ids are negative half the time), as a decimal string. */
function signedId(fields: Fields, name: string): bigint {
  const value = fields[name];
  if (typeof value === 'string' && /^-?\d{1,19}$/.test(value)) {
    const id = BigInt(value);
    if (id >= -(2n ** 63n) && id < 2n ** 63n) return id;
  }
  throw new ControlInputError(`"${name}" must be a signed 64-bit id (a decimal string)`);
}

function missing(name: string): never {
  throw new ControlInputError(`"${name}" is required`);
}

/** `"botId"` (a private chat) or `"chatId"` (a group or channel): exactly one of them. */
/**
 * The chat of a press: `botId` (the private chat with a bot), `peerId` (a private chat with another
 * user, for a message sent via a bot's inline mode) or `chatId` (a group or channel); exactly one.
 */
function chatOfPress(fields: Fields): { botId: bigint } | { peerId: bigint } | { chatId: bigint } {
  const given = (['botId', 'peerId', 'chatId'] as const).filter((name) => fields[name] !== undefined);
  if (given.length !== 1) {
    throw new ControlInputError(
      'give one of "botId" (a private chat with the bot), "peerId" (a private chat with a user) or "chatId" (a group or channel)',
    );
  }
  if (given[0] === 'botId') return { botId: requiredId(fields, 'botId') };
  if (given[0] === 'peerId') return { peerId: requiredId(fields, 'peerId') };
  return { chatId: requiredId(fields, 'chatId') };
}

/** A supergroup or channel message the user sent (an inline result), as `POST /inline-queries/send` shows it. */
function channelMessageJson(message: ChannelMessage) {
  return {
    id: message.id,
    chatId: message.channelId.toString(),
    fromId: message.fromId?.toString(),
    text: message.text,
    date: message.date,
    viaBotId: message.viaBotId?.toString(),
    replyMarkup: message.replyMarkup === undefined ? undefined : tlJson(message.replyMarkup),
  };
}
