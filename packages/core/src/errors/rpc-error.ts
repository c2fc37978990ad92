import { MtbotError, hasErrorMarker } from './mtbot-error';

const MARKER = Symbol.for('mtbot.error.RpcError');

/** Hints for well-known errors, appended to the message (core.telegram.org/api/errors). */
const HINTS: Readonly<Record<string, string>> = {
  AUTH_KEY_UNREGISTERED:
    'the auth key is not logged in: sign in (for a bot, auth.importBotAuthorization) first',
  AUTH_KEY_DUPLICATED: 'the same auth key is used by two connections at once: run one process per session',
  ACCESS_TOKEN_INVALID: 'the bot token is wrong: copy it again from @BotFather',
  API_ID_INVALID: 'api_id/api_hash are wrong: take them from my.telegram.org',
  PEER_ID_INVALID:
    'the peer is unknown to this account: the bot must have seen it first (a message, a resolve)',
  MESSAGE_EMPTY: 'the message text is empty',
  MESSAGE_TOO_LONG: 'the message text is over 4096 characters: split it',
  MESSAGE_NOT_MODIFIED: 'the edit changes nothing: compare before editing',
  FLOOD_WAIT: 'too many requests: wait the given seconds before retrying',
};

/** Options describing where an error happened, for a message that names the operation. */
export interface RpcErrorContext {
  /** TL name of the method, e.g. `messages.sendMessage`. */
  readonly method?: string;
  /** Peer the call was about, as a human-readable string (`chat 123`, `@username`). */
  readonly peer?: string;
  readonly cause?: unknown;
}

/**
 * An `rpc_error` from the server (core.telegram.org/api/errors): a numeric `code` (400, 401, 403, 420,
 * 500, ...) and a `text` such as `FLOOD_WAIT_30` or `PEER_ID_INVALID`. The text is split into `type`
 * (`FLOOD_WAIT`) and a numeric `argument` (30) where it ends in one.
 *
 * @example
 * ```ts
 * try { await client.invoke(request) } catch (error) {
 *   if (RpcError.isInstance(error) && error.type === 'PEER_ID_INVALID') { ... }
 * }
 * ```
 */
export class RpcError extends MtbotError {
  readonly [MARKER] = true;
  /** The error text without its numeric suffix, e.g. `FLOOD_WAIT`, `PHONE_MIGRATE`. */
  readonly type: string;
  /** The numeric suffix of the text, e.g. 30 in `FLOOD_WAIT_30`; undefined when there is none. */
  readonly argument: number | undefined;
  readonly method: string | undefined;
  readonly peer: string | undefined;

  constructor(
    /** Telegram's error code: 303, 400, 401, 403, 404, 406, 420, 500, ... */
    readonly code: number,
    /** Telegram's error text as sent, e.g. `FLOOD_WAIT_30`. */
    readonly text: string,
    context: RpcErrorContext = {},
  ) {
    const { type, argument } = parseRpcErrorText(text);
    super(describe(code, text, type, context), { cause: context.cause });
    this.name = 'RpcError';
    this.type = type;
    this.argument = argument;
    this.method = context.method;
    this.peer = context.peer;
  }

  static override isInstance(value: unknown): value is RpcError {
    return hasErrorMarker(value, MARKER);
  }
}

/** Splits `FLOOD_WAIT_30` into `{ type: 'FLOOD_WAIT', argument: 30 }`; other texts keep their name. */
export function parseRpcErrorText(text: string): { type: string; argument: number | undefined } {
  const match = /^(.*?)_(\d+)$/.exec(text);
  if (match === null) return { type: text, argument: undefined };
  return { type: match[1]!, argument: Number(match[2]) };
}

function describe(code: number, text: string, type: string, context: RpcErrorContext): string {
  const operation = context.method
    ? `${context.method}${context.peer ? ` to ${context.peer}` : ''} failed`
    : 'request failed';
  const hint = HINTS[text] ?? HINTS[type];
  return `${operation}: ${code} ${text}${hint ? ` (${hint})` : ''}`;
}
