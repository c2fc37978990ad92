/**
 * Inline mode (core.telegram.org/api/bots/inline): a user types `@bot query`, the bot gets
 * updateBotInlineQuery and answers with messages.setInlineBotResults; the user's side gets the results
 * (as messages.getInlineBotResults would) and may send one of them, which becomes the user's own
 * message with via_bot_id set (messages.sendInlineBotResult). Results stay usable for `cache_time`
 * seconds (Telegram's default 300), at least 5 minutes here. A bot with inline feedback on (BotFather's
 * /setinlinefeedback; off by default) learns which result a user sent (updateBotInlineSend).
 */
import { RpcError, TypedEventEmitter, type Api } from 'telegram-mtproto-core';
import type { ChannelMessage } from '../world/group-records';
import type { StoredMessage } from '../world/records';
import type { World } from '../world/world';
import { awaitAnswer, randomLong } from './query-ids';
import { normalizeReplyMarkup } from './reply-markup';
import type { InlineMessage, InlineMessages } from './inline-messages';

/** Most results in one answer (core.telegram.org/method/messages.setInlineBotResults, RESULTS_TOO_MUCH). */
export const INLINE_RESULTS_MAX = 50;

/** Longest inline query text, in characters (Bot API InlineQuery.query: up to 256). */
export const INLINE_QUERY_LENGTH_MAX = 256;

/** How long the user's side waits for the bot by default, in ms. */
export const INLINE_ANSWER_TIMEOUT_MS = 15_000;

/** Shortest time answered results stay sendable, in ms. */
const RESULTS_KEPT_MIN_MS = 5 * 60_000;

/** An inline query, as the bot is told about it. */
export interface InlineQuery {
  readonly queryId: bigint;
  readonly botId: bigint;
  readonly userId: bigint;
  readonly query: string;
  readonly offset: string;
  readonly peerType: Api.TypeInlineQueryPeerType | undefined;
}

/** The user types `@bot query` (in the chat with `peerId`, when given). */
export interface InlineQueryInput {
  readonly userId: bigint;
  readonly botId: bigint;
  readonly query: string;
  readonly offset?: string;
  /** The chat the query is typed in; sets the update's peer_type. */
  readonly peerId?: bigint;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** The bot's answer, as messages.botResults carries it. */
export interface InlineResults {
  readonly queryId: bigint;
  readonly botId: bigint;
  readonly gallery: boolean;
  readonly nextOffset: string | undefined;
  readonly switchPm: Api.TypeInlineBotSwitchPM | undefined;
  readonly results: readonly Api.TypeBotInlineResult[];
  readonly cacheTime: number;
}

/** The user sends result `resultId` of query `queryId` to `peerId`. */
export interface InlineResultChoice {
  readonly userId: bigint;
  readonly peerId: bigint;
  readonly queryId: bigint;
  readonly resultId: string;
}

/** A result a user sent, told to a bot with inline feedback on. */
export interface ChosenInlineResult {
  readonly botId: bigint;
  readonly userId: bigint;
  /** The query the results answered. */
  readonly query: string;
  readonly resultId: string;
  /** Set when the sent message has buttons: the bot edits it by this id. */
  readonly inlineMessage: InlineMessage | undefined;
}

type Events = {
  inlineQuery: (query: InlineQuery) => void;
  inlineResultChosen: (chosen: ChosenInlineResult) => void;
};

interface Pending {
  readonly query: InlineQuery;
  readonly answer: (results: InlineResults) => void;
  readonly giveUp: () => void;
}

/** What {@link InlineQueries.exportState} keeps (pending queries die with the process). */
export interface InlineQueriesState {
  readonly disabled: readonly bigint[];
  readonly answered: ReadonlyArray<readonly [bigint, Answered]>;
  /** Bots with inline feedback on (absent in states saved before feedback existed). */
  readonly feedback?: readonly bigint[];
}

interface Answered {
  readonly userId: bigint;
  /** The query's text (absent in states saved before feedback existed). */
  readonly query?: string;
  readonly results: InlineResults;
  readonly expiresAt: number;
}

export class InlineQueries extends TypedEventEmitter<Events> {
  private readonly pending = new Map<bigint, Pending>();
  private readonly answered = new Map<bigint, Answered>();
  private readonly disabled = new Set<bigint>();
  private readonly feedback = new Set<bigint>();

  constructor(
    private readonly world: World,
    private readonly inlineMessages: InlineMessages,
  ) {
    super();
  }

  /** Bots with inline mode off and the answered queries (still sendable), for the data dir. */
  exportState(): InlineQueriesState {
    this.forgetExpired();
    return { disabled: [...this.disabled], answered: [...this.answered], feedback: [...this.feedback] };
  }

  importState(state: InlineQueriesState): void {
    this.disabled.clear();
    for (const botId of state.disabled) this.disabled.add(botId);
    this.answered.clear();
    for (const [queryId, answered] of state.answered) this.answered.set(queryId, answered);
    this.feedback.clear();
    for (const botId of state.feedback ?? []) this.feedback.add(botId);
    this.forgetExpired();
  }

  /** Inline mode is on for every bot here unless switched off (BotFather's /setinline). */
  setEnabled(botId: bigint, enabled: boolean): void {
    if (enabled) this.disabled.delete(botId);
    else this.disabled.add(botId);
  }

  /**
   * Inline feedback (BotFather's /setinlinefeedback): when on, the bot gets updateBotInlineSend for
   * every result a user sends. Off by default, as on Telegram.
   */
  setFeedback(botId: bigint, enabled: boolean): void {
    if (enabled) this.feedback.add(botId);
    else this.feedback.delete(botId);
  }

  /**
   * Sends the query to the bot and resolves with its answer. Throws BOT_INVALID when `botId` is no bot,
   * BOT_INLINE_DISABLED when its inline mode is off; rejects with BOT_RESPONSE_TIMEOUT.
   */
  query(input: InlineQueryInput): Promise<InlineResults> {
    const user = this.world.account(input.userId);
    if (user === undefined || user.bot) throw new RpcError(400, 'USER_ID_INVALID');
    const bot = this.world.account(input.botId);
    if (bot === undefined || !bot.bot) throw new RpcError(400, 'BOT_INVALID');
    if (this.disabled.has(bot.id)) throw new RpcError(400, 'BOT_INLINE_DISABLED');
    const query: InlineQuery = {
      queryId: randomLong(),
      botId: bot.id,
      userId: user.id,
      query: input.query.slice(0, INLINE_QUERY_LENGTH_MAX),
      offset: input.offset ?? '',
      peerType: this.peerType(user.id, bot.id, input.peerId),
    };
    const waiting = awaitAnswer<InlineResults>(
      input.timeoutMs ?? INLINE_ANSWER_TIMEOUT_MS,
      () => new RpcError(400, 'BOT_RESPONSE_TIMEOUT'),
      () => this.pending.delete(query.queryId),
      input.signal,
    );
    this.pending.set(query.queryId, { query, answer: waiting.answer, giveUp: waiting.giveUp });
    this.emit('inlineQuery', query);
    return waiting.promise;
  }

  /** The DC stops: every waiting query gets BOT_RESPONSE_TIMEOUT now rather than at its deadline. */
  giveUpAll(): void {
    for (const { giveUp } of [...this.pending.values()]) giveUp();
  }

  /** Whether the inline query `queryId` still waits for the bot's results. */
  isPending(queryId: bigint): boolean {
    return this.pending.has(queryId);
  }

  /**
   * messages.setInlineBotResults by `botId`: QUERY_ID_INVALID for a query that is not this bot's or
   * no longer waits, RESULTS_TOO_MUCH past 50, RESULT_ID_DUPLICATE, RESULT_ID_EMPTY, NEXT_OFFSET_INVALID
   * past 64 bytes, and the results' own errors (see {@link toBotInlineResult}).
   */
  answer(botId: bigint, request: Api.MessagesSetInlineBotResultsRequest): void {
    const pending = this.pending.get(request.query_id);
    if (pending === undefined || pending.query.botId !== botId) throw new RpcError(400, 'QUERY_ID_INVALID');
    if (request.results.length > INLINE_RESULTS_MAX) throw new RpcError(400, 'RESULTS_TOO_MUCH');
    const ids = new Set<string>();
    for (const result of request.results) {
      if (result.id === '') throw new RpcError(400, 'RESULT_ID_EMPTY');
      if (ids.has(result.id)) throw new RpcError(400, 'RESULT_ID_DUPLICATE');
      ids.add(result.id);
    }
    if (request.next_offset !== undefined && new TextEncoder().encode(request.next_offset).length > 64) {
      throw new RpcError(400, 'NEXT_OFFSET_INVALID');
    }
    const results: InlineResults = {
      queryId: request.query_id,
      botId,
      gallery: request.gallery === true,
      nextOffset: request.next_offset === '' ? undefined : request.next_offset,
      switchPm: request.switch_pm,
      results: request.results.map((result) => this.toBotInlineResult(result)),
      cacheTime: request.cache_time,
    };
    this.pending.delete(request.query_id);
    const keptMs = Math.max(RESULTS_KEPT_MIN_MS, request.cache_time * 1000);
    this.answered.set(request.query_id, {
      userId: pending.query.userId,
      query: pending.query.query,
      results,
      expiresAt: Date.now() + keptMs,
    });
    pending.answer(results);
  }

  /**
   * The user sends a result: their message to `peerId` (a user, or a group or channel they may write
   * to) carries the result's text and markup, with via_bot_id the bot. Returns the user's copy (a
   * channel's message for a supergroup or channel). QUERY_ID_INVALID for a query that is not the user's or expired, RESULT_ID_INVALID
   * for a result it does not have.
   */
  send(choice: InlineResultChoice): StoredMessage | ChannelMessage {
    this.forgetExpired();
    const answered = this.answered.get(choice.queryId);
    if (answered === undefined || answered.userId !== choice.userId)
      throw new RpcError(400, 'QUERY_ID_INVALID');
    const result = answered.results.results.find((each) => each.id === choice.resultId);
    if (result === undefined) throw new RpcError(400, 'RESULT_ID_INVALID');
    const sendMessage = result.send_message as Api.BotInlineMessageText;
    const { botId } = answered.results;
    const extras = { replyMarkup: sendMessage.reply_markup, viaBotId: botId, entities: sendMessage.entities };
    const group = this.world.groups.group(choice.peerId);
    const sent =
      group === undefined
        ? this.world.sendPrivateMessage(choice.userId, choice.peerId, sendMessage.message, undefined, extras)
            .message
        : this.world.groups.sendMessage(choice.userId, group, sendMessage.message, undefined, extras).message;
    // A message with buttons gets an inline message id: presses and edits go through it.
    const inlineMessage =
      sendMessage.reply_markup?._ === 'replyInlineMarkup'
        ? this.inlineMessages.register(
            botId,
            'channelId' in sent
              ? { kind: 'channel', channelId: sent.channelId, messageId: sent.id }
              : { kind: 'box', ownerId: choice.userId, messageId: sent.id },
          )
        : undefined;
    if (this.feedback.has(botId)) {
      this.emit('inlineResultChosen', {
        botId,
        userId: choice.userId,
        query: answered.query ?? '',
        resultId: result.id,
        inlineMessage,
      });
    }
    return sent;
  }

  /**
   * inputBotInlineResult with a text message (inputBotInlineMessageText) becomes botInlineResult. Other
   * kinds (photos, documents, games, media messages) are not emulated: RESULT_TYPE_INVALID and
   * SEND_MESSAGE_TYPE_INVALID say so.
   */
  private toBotInlineResult(result: Api.TypeInputBotInlineResult): Api.TypeBotInlineResult {
    if (result._ !== 'inputBotInlineResult') throw new RpcError(400, 'RESULT_TYPE_INVALID');
    const message = result.send_message;
    if (message._ !== 'inputBotInlineMessageText') throw new RpcError(400, 'SEND_MESSAGE_TYPE_INVALID');
    if (message.message.trim() === '') throw new RpcError(400, 'MESSAGE_EMPTY');
    if (message.message.length > 4096) throw new RpcError(400, 'MESSAGE_TOO_LONG');
    if (result.type === 'article' && (result.title ?? '').trim() === '') {
      throw new RpcError(400, 'ARTICLE_TITLE_EMPTY');
    }
    return {
      _: 'botInlineResult',
      id: result.id,
      type: result.type,
      title: result.title,
      description: result.description,
      url: result.url,
      thumb: webDocument(result.thumb),
      content: webDocument(result.content),
      send_message: {
        _: 'botInlineMessageText',
        no_webpage: message.no_webpage,
        invert_media: message.invert_media,
        message: message.message,
        entities: message.entities,
        reply_markup: normalizeReplyMarkup(this.world, message.reply_markup),
      },
    };
  }

  /** The update's peer_type: which kind of chat the query is typed in. */
  private peerType(
    userId: bigint,
    botId: bigint,
    peerId: bigint | undefined,
  ): Api.TypeInlineQueryPeerType | undefined {
    if (peerId === undefined) return undefined;
    if (peerId === botId) return { _: 'inlineQueryPeerTypeSameBotPM' };
    const group = this.world.groups.group(peerId);
    if (group !== undefined) {
      if (!group.members.has(userId)) throw new RpcError(400, 'PEER_ID_INVALID');
      if (group.kind === 'chat') return { _: 'inlineQueryPeerTypeChat' };
      return group.megagroup ? { _: 'inlineQueryPeerTypeMegagroup' } : { _: 'inlineQueryPeerTypeBroadcast' };
    }
    const peer = this.world.account(peerId);
    if (peer === undefined || peer.id === userId) throw new RpcError(400, 'PEER_ID_INVALID');
    return peer.bot ? { _: 'inlineQueryPeerTypeBotPM' } : { _: 'inlineQueryPeerTypePM' };
  }

  private forgetExpired(): void {
    const now = Date.now();
    for (const [queryId, answered] of this.answered)
      if (answered.expiresAt <= now) this.answered.delete(queryId);
  }
}

function webDocument(input: Api.TypeInputWebDocument | undefined): Api.TypeWebDocument | undefined {
  if (input === undefined) return undefined;
  return {
    _: 'webDocumentNoProxy',
    url: input.url,
    size: input.size,
    mime_type: input.mime_type,
    attributes: input.attributes,
  };
}
