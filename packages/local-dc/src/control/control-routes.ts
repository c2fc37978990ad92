/**
 * The control API's operations, one route each. Each takes the request's fields (the JSON body for
 * POST, the query for GET) and returns the HTTP status and the JSON to answer with.
 */
import type { LocalDc } from '../local-dc';
import { FAULT_ROUTES } from './fault-routes';
import { GROUP_ROUTES } from './group-routes';
import { MEDIA_ROUTES } from './media-routes';
import { BOT_ROUTES } from './bot-routes';
import {
  messageJson,
  optionalInteger,
  optionalString,
  requiredId,
  requiredString,
  userJson,
} from './control-json';

export interface RouteInput {
  readonly fields: Readonly<Record<string, unknown>>;
  /** Aborted when the client goes away or the server closes (ends long polls). */
  readonly signal: AbortSignal;
}

export interface RouteOutput {
  readonly status: number;
  readonly body: unknown;
}

export type Route = (dc: LocalDc, input: RouteInput) => RouteOutput | Promise<RouteOutput>;

/** Longest long poll of `GET /wait-bot-message`, and its default. */
const MAX_WAIT_MS = 120_000;
const DEFAULT_WAIT_MS = 10_000;

/** Routes by `METHOD /path`. */
export const CONTROL_ROUTES: Readonly<Record<string, Route>> = {
  'GET /info': (dc) => ({ status: 200, body: dc.info }),

  'POST /users': (dc, { fields }) => {
    const user = dc.createUser({
      firstName: requiredString(fields, 'firstName'),
      lastName: optionalString(fields, 'lastName'),
      username: optionalString(fields, 'username'),
    });
    return { status: 201, body: { user: userJson(user) } };
  },

  'POST /bots': (dc, { fields }) => {
    const { user, token } = dc.createBot({
      firstName: requiredString(fields, 'firstName'),
      username: optionalString(fields, 'username'),
    });
    return { status: 201, body: { user: userJson(user), token } };
  },

  'POST /messages': (dc, { fields }) => {
    const message = dc.sendUserMessage({
      fromUserId: requiredId(fields, 'fromUserId'),
      toUserId: requiredId(fields, 'toUserId'),
      text: requiredString(fields, 'text'),
      replyToMessageId: optionalInteger(fields, 'replyToMessageId', 2 ** 31 - 1),
    });
    return { status: 201, body: { message: messageJson(message) } };
  },

  ...MEDIA_ROUTES,

  ...BOT_ROUTES,

  ...GROUP_ROUTES,

  'GET /history': (dc, { fields }) => {
    const messages = dc.history(requiredId(fields, 'userId'), requiredId(fields, 'peerId'));
    return { status: 200, body: { messages: messages.map(messageJson) } };
  },

  ...FAULT_ROUTES,

  'GET /wait-bot-message': async (dc, { fields, signal }) => {
    const message = await dc.waitForBotMessage({
      userId: requiredId(fields, 'userId'),
      botId: requiredId(fields, 'botId'),
      afterMessageId: optionalInteger(fields, 'afterMessageId', 2 ** 31 - 1),
      timeoutMs: optionalInteger(fields, 'timeoutMs', MAX_WAIT_MS) ?? DEFAULT_WAIT_MS,
      signal,
    });
    return { status: 200, body: { message: messageJson(message) } };
  },
};
