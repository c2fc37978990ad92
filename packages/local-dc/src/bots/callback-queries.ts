/**
 * Inline-button presses (core.telegram.org/api/bots/buttons): a user presses a callback button under a
 * bot's message, the bot gets updateBotCallbackQuery with a fresh query_id and answers with
 * messages.setBotCallbackAnswer; the user's side (messages.getBotCallbackAnswer) gets that answer, or
 * BOT_RESPONSE_TIMEOUT when the bot stays silent. An unanswered query dies with the wait: answering it
 * later, or twice, gets QUERY_ID_INVALID (core.telegram.org/method/messages.setBotCallbackAnswer).
 */
import { RpcError, TypedEventEmitter, type Api } from 'telegram-mtproto-core';
import type { World } from '../world/world';
import { awaitAnswer, randomLong } from './query-ids';
import { callbackButtonAt, hasCallbackData } from './reply-markup';
import type { InlineMessage, InlineMessages } from './inline-messages';

/**
 * Which chat a press is in, for its chat_instance: the user's chat with the bot, a group, or (an inline
 * message in a private chat) the two users' chat, the same from both sides.
 */
function chatKey(press: ButtonPress, chat: CallbackQuery['chat'], inline: boolean): string {
  if (chat.kind !== 'user') return `${chat.kind}${chat.id}`;
  if (!inline) return `${press.userId}`;
  const [first, second] = [press.userId, press.peerId ?? 0n].sort((a, b) => (a < b ? -1 : 1));
  return `pair${first}-${second}`;
}

/** A pressed message, the bot that gets the press and where the message is. */
interface PressedMessage {
  readonly message: { readonly replyMarkup?: Api.TypeReplyMarkup };
  readonly botId: bigint;
  readonly botMessageId: number;
  readonly chat: CallbackQuery['chat'];
  readonly inlineMessage?: InlineMessage;
}

/** How long the user's side waits for the bot by default, in ms. */
export const CALLBACK_ANSWER_TIMEOUT_MS = 15_000;

/** Longest popup or toast text of an answer (Bot API answerCallbackQuery: 0-200 characters). */
export const CALLBACK_ANSWER_TEXT_MAX = 200;

/** A press, as the bot is told about it. */
export interface CallbackQuery {
  readonly queryId: bigint;
  readonly botId: bigint;
  readonly userId: bigint;
  /** The message's id as the bot knows it (its box's, or the channel's). */
  readonly botMessageId: number;
  /** Where the message is: the private chat with the user, a basic group or a channel. */
  readonly chat: { readonly kind: 'user' | 'chat' | 'channel'; readonly id: bigint };
  /** The same for every press in this chat (Telegram's chat_instance). */
  readonly chatInstance: bigint;
  readonly data: Uint8Array;
  /**
   * Set for a message sent via the bot's inline mode: the bot gets updateInlineBotCallbackQuery with
   * this id instead of a chat and message id (it need not be in the chat).
   */
  readonly inlineMessage?: InlineMessage;
}

/** What the user's side gets: messages.botCallbackAnswer. */
export interface CallbackAnswer {
  readonly alert: boolean;
  readonly message: string | undefined;
  readonly url: string | undefined;
  readonly cacheTime: number;
}

/** A press: the message (in the user's box) and which button, by its data or its position. */
export interface ButtonPress {
  readonly userId: bigint;
  /** The private chat: the bot the user talks to (or give `chatId`). */
  readonly peerId?: bigint;
  /** A basic group, supergroup or channel the message is in (instead of `peerId`). */
  readonly chatId?: bigint;
  /** In a private chat or basic group the id in the user's box; in a channel, the channel's id. */
  readonly messageId: number;
  readonly data?: Uint8Array;
  /** Row and column of the button, when `data` is not given. */
  readonly row?: number;
  readonly column?: number;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

type Events = { callbackQuery: (query: CallbackQuery) => void };

interface Pending {
  readonly query: CallbackQuery;
  readonly answer: (answer: CallbackAnswer) => void;
  readonly giveUp: () => void;
}

export class CallbackQueries extends TypedEventEmitter<Events> {
  private readonly pending = new Map<bigint, Pending>();
  private readonly chatInstances = new Map<string, bigint>();

  constructor(
    private readonly world: World,
    private readonly inlineMessages: InlineMessages,
  ) {
    super();
  }

  /**
   * The user presses a callback button: the bot gets the query, and this resolves with its answer.
   * Throws MESSAGE_ID_INVALID for a message not in that chat or not from a bot, DATA_INVALID when no
   * callback button of the message carries that data, BUTTON_TYPE_INVALID when the button at that
   * position is no callback button; rejects with BOT_RESPONSE_TIMEOUT when the bot does not answer.
   */
  press(press: ButtonPress): Promise<CallbackAnswer> {
    const { message, botId, botMessageId, chat, inlineMessage } = this.pressedMessage(press);
    let data = press.data;
    if (data === undefined) {
      const button = callbackButtonAt(message.replyMarkup, press.row ?? 0, press.column ?? 0);
      if (button === undefined) throw new RpcError(400, 'BUTTON_POSITION_INVALID');
      if (button._ !== 'keyboardButtonCallback') throw new RpcError(400, 'BUTTON_TYPE_INVALID');
      data = button.data;
    } else if (!hasCallbackData(message.replyMarkup, data)) {
      throw new RpcError(400, 'DATA_INVALID');
    }
    const query: CallbackQuery = {
      queryId: randomLong(),
      botId,
      userId: press.userId,
      botMessageId,
      chat,
      chatInstance: this.chatInstance(chatKey(press, chat, inlineMessage !== undefined), botId),
      data,
      ...(inlineMessage === undefined ? {} : { inlineMessage }),
    };
    const waiting = awaitAnswer<CallbackAnswer>(
      press.timeoutMs ?? CALLBACK_ANSWER_TIMEOUT_MS,
      () => new RpcError(400, 'BOT_RESPONSE_TIMEOUT'),
      () => this.pending.delete(query.queryId),
      press.signal,
    );
    this.pending.set(query.queryId, { query, answer: waiting.answer, giveUp: waiting.giveUp });
    this.emit('callbackQuery', query);
    return waiting.promise;
  }

  /** The DC stops: every waiting press gets BOT_RESPONSE_TIMEOUT now rather than at its deadline. */
  giveUpAll(): void {
    for (const { giveUp } of [...this.pending.values()]) giveUp();
  }

  /** Whether the press of `queryId` still waits for the bot's answer. */
  isPending(queryId: bigint): boolean {
    return this.pending.has(queryId);
  }

  /** messages.setBotCallbackAnswer by `botId`. */
  answer(botId: bigint, request: Api.MessagesSetBotCallbackAnswerRequest): void {
    const pending = this.pending.get(request.query_id);
    if (pending === undefined || pending.query.botId !== botId) throw new RpcError(400, 'QUERY_ID_INVALID');
    if (request.message !== undefined && request.message.length > CALLBACK_ANSWER_TEXT_MAX) {
      throw new RpcError(400, 'MESSAGE_TOO_LONG');
    }
    // Bots may only send users to t.me links of bots (e.g. ?start=) or to their game (not emulated).
    if (request.url !== undefined && !/^(https?:\/\/)?t\.me\/\S+$/i.test(request.url)) {
      throw new RpcError(400, 'URL_INVALID');
    }
    this.pending.delete(request.query_id);
    pending.answer({
      alert: request.alert === true,
      message: request.message,
      url: request.url,
      cacheTime: request.cache_time,
    });
  }

  /** The chat_instance of every chat and bot, for the data dir (pending queries die with the process). */
  exportState(): Array<[string, bigint]> {
    return [...this.chatInstances];
  }

  importState(state: ReadonlyArray<readonly [string, bigint]>): void {
    this.chatInstances.clear();
    for (const [key, value] of state) this.chatInstances.set(key, value);
  }

  /**
   * The message pressed and its bot: MESSAGE_ID_INVALID unless it is a bot's message the user sees
   * (an incoming one in a private chat; in a group, one the bot sent and the user is a member of), or
   * a message with buttons sent via a bot's inline mode (then the bot is that one).
   */
  private pressedMessage(press: ButtonPress): PressedMessage {
    const invalid = () => new RpcError(400, 'MESSAGE_ID_INVALID');
    const isBot = (id: bigint | undefined) => id !== undefined && this.world.account(id)?.bot === true;
    const inline = this.pressedInlineMessage(press);
    if (inline !== undefined) return inline;
    if (press.chatId === undefined) {
      const message = this.world.box(press.userId).message(press.messageId);
      if (message === undefined || message.peerId !== press.peerId || message.chatId !== undefined)
        throw invalid();
      if (!isBot(message.fromId) || message.out) throw invalid();
      const chat = { kind: 'user', id: press.userId } as const;
      return { message, botId: message.fromId, botMessageId: message.counterpart.messageId, chat };
    }
    const group = this.world.groups.group(press.chatId);
    if (group === undefined || !group.members.has(press.userId)) throw new RpcError(400, 'PEER_ID_INVALID');
    if (group.kind === 'channel') {
      const message = group.messages.get(press.messageId);
      if (message === undefined || !isBot(message.senderId)) throw invalid();
      const chat = { kind: 'channel', id: group.id } as const;
      return { message, botId: message.senderId, botMessageId: message.id, chat };
    }
    const message = this.world.box(press.userId).message(press.messageId);
    if (message === undefined || message.chatId !== group.id || !isBot(message.fromId)) throw invalid();
    const botMessageId = this.world.groups.copyId(press.userId, press.messageId, message.fromId);
    if (botMessageId === undefined) throw invalid();
    return { message, botId: message.fromId, botMessageId, chat: { kind: 'chat', id: group.id } };
  }

  /** The pressed message if it is an inline message with an id (see inline-messages.ts). */
  private pressedInlineMessage(press: ButtonPress): PressedMessage | undefined {
    const group = press.chatId === undefined ? undefined : this.world.groups.group(press.chatId);
    if (group !== undefined && !group.members.has(press.userId)) return undefined;
    if (group?.kind === 'channel') {
      const message = group.messages.get(press.messageId);
      const inlineMessage = this.inlineMessages.at({
        kind: 'channel',
        channelId: group.id,
        messageId: press.messageId,
      });
      if (message === undefined || inlineMessage === undefined) return undefined;
      const chat = { kind: 'channel', id: group.id } as const;
      return { message, botId: inlineMessage.botId, botMessageId: message.id, chat, inlineMessage };
    }
    const message = this.world.box(press.userId).message(press.messageId);
    if (message?.viaBotId === undefined) return undefined;
    if (
      group === undefined
        ? message.peerId !== press.peerId || message.chatId !== undefined
        : message.chatId !== group.id
    )
      return undefined;
    // The sender's copy names the inline message; every other copy's counterpart is that copy.
    const senderCopy = message.fromId === press.userId ? press.messageId : message.counterpart.messageId;
    const inlineMessage = this.inlineMessages.at({
      kind: 'box',
      ownerId: message.fromId,
      messageId: senderCopy,
    });
    if (inlineMessage === undefined) return undefined;
    const chat =
      group === undefined
        ? ({ kind: 'user', id: press.userId } as const)
        : ({ kind: 'chat', id: group.id } as const);
    return { message, botId: inlineMessage.botId, botMessageId: message.id, chat, inlineMessage };
  }

  /** Telegram's chat_instance: one random value per chat and bot, the same for every press in it. */
  private chatInstance(chatKey: string, botId: bigint): bigint {
    const key = `${chatKey}:${botId}`;
    let value = this.chatInstances.get(key);
    if (value === undefined) {
      value = randomLong();
      this.chatInstances.set(key, value);
    }
    return value;
  }
}
