/**
 * The users' side of bot interactions, for tests in the same process: press an inline button and get
 * the bot's answer (messages.getBotCallbackAnswer), send an inline query and get the results
 * (messages.getInlineBotResults), send one of them (messages.sendInlineBotResult), read a bot's
 * command list. The bot's side is MTProto (bot-methods.ts).
 */
import type { Api } from 'telegram-mtproto-core';
import type { BotCommandEntry } from './bots/bot-commands';
import { botInteractionsOf } from './bots/bot-interactions';
import type { CallbackAnswer } from './bots/callback-queries';
import type { InlineQueryInput, InlineResultChoice, InlineResults } from './bots/inline-queries';
import type { StoredMessage } from './world/records';
import type { World } from './world/world';
import type { ChannelMessage } from './world/group-records';

/** A press of an inline button: by its callback data (a string is UTF-8) or by its position. */
export interface ButtonPressInput {
  readonly userId: bigint;
  /** The bot whose message it is, in a private chat (the chat's other side); or give `chatId`. */
  readonly botId?: bigint;
  /**
   * The chat's other side in a private chat, for a message sent via a bot's inline mode to another
   * user (instead of `botId`).
   */
  readonly peerId?: bigint;
  /** A basic group, supergroup or channel where a bot's message has the button. */
  readonly chatId?: bigint;
  /** The message's id in the user's box (private chat, basic group) or the channel's id. */
  readonly messageId: number;
  readonly data?: Uint8Array | string;
  /** Row and column of the button (from 0), when `data` is not given. Default: the first button. */
  readonly row?: number;
  readonly column?: number;
  /** How long to wait for the bot's answer before BOT_RESPONSE_TIMEOUT. Default 15 s. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * @example
 * ```ts
 * const menu = await dc.waitForBotMessage({ userId: alice.id, botId, timeoutMs: 5000 });
 * const answer = await dc.bots.pressButton({ userId: alice.id, botId, messageId: menu.id, data: 'buy' });
 * const results = await dc.bots.inlineQuery({ userId: alice.id, botId, query: 'cats' });
 * dc.bots.sendInlineResult({ userId: alice.id, peerId: bob.id, queryId: results.queryId, resultId: '1' });
 * ```
 */
export class LocalDcBots {
  constructor(private readonly world: World) {}

  /** Resolves with the bot's answer; rejects with RpcError BOT_RESPONSE_TIMEOUT, DATA_INVALID, ... */
  pressButton(input: ButtonPressInput): Promise<CallbackAnswer> {
    const data = typeof input.data === 'string' ? new TextEncoder().encode(input.data) : input.data;
    return botInteractionsOf(this.world).callbackQueries.press({
      userId: input.userId,
      peerId: input.peerId ?? input.botId,
      chatId: input.chatId,
      messageId: input.messageId,
      data,
      row: input.row,
      column: input.column,
      timeoutMs: input.timeoutMs,
      signal: input.signal,
    });
  }

  /** The user types `@bot query`; resolves with the bot's results (BOT_RESPONSE_TIMEOUT when it is silent). */
  inlineQuery(input: InlineQueryInput): Promise<InlineResults> {
    return botInteractionsOf(this.world).inlineQueries.query(input);
  }

  /**
   * The user sends one of the results to a user, basic group, supergroup or channel; returns the
   * user's copy (a channel's message for a supergroup or channel), via_bot_id set.
   */
  sendInlineResult(choice: InlineResultChoice): StoredMessage | ChannelMessage {
    return botInteractionsOf(this.world).inlineQueries.send(choice);
  }

  /** Switches a bot's inline mode on or off (off: BOT_INLINE_DISABLED). On by default. */
  setInlineEnabled(botId: bigint, enabled: boolean): void {
    botInteractionsOf(this.world).inlineQueries.setEnabled(botId, enabled);
  }

  /**
   * Switches a bot's inline feedback on or off, as BotFather's /setinlinefeedback: when on, every
   * result a user sends ({@link sendInlineResult}) reaches the bot as updateBotInlineSend (result id,
   * query, user, and for a result with buttons its inline message id). Off by default.
   */
  setInlineFeedback(botId: bigint, enabled: boolean): void {
    if (this.world.account(botId)?.bot !== true) throw new RangeError(`${botId} is not a bot`);
    botInteractionsOf(this.world).inlineQueries.setFeedback(botId, enabled);
  }

  /** The commands `botId` set for a scope (default: botCommandScopeDefault) and language (default ''). */
  commands(
    botId: bigint,
    scope: Api.TypeBotCommandScope = { _: 'botCommandScopeDefault' },
    langCode = '',
  ): readonly BotCommandEntry[] {
    return botInteractionsOf(this.world).commands.get(botId, scope, langCode);
  }
}
