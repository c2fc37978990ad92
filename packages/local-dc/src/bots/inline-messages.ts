/**
 * Messages sent via inline mode that carry buttons (core.telegram.org/api/bots/inline, "Inline
 * messages"): each gets an inline message id (`inputBotInlineMessageID`: id and access hash), by which
 * the bot learns of a press (updateInlineBotCallbackQuery) and edits the message
 * (messages.editInlineBotMessage), whether or not it is in that chat.
 */
import { RpcError, type Api } from 'telegram-mtproto-core';
import { randomLong } from './query-ids';

/**
 * Where an inline message is: in private chats and basic groups the sender's copy (the other copies
 * follow it), in a supergroup or channel the channel's message.
 */
export type InlineMessageLocation =
  | { readonly kind: 'box'; readonly ownerId: bigint; readonly messageId: number }
  | { readonly kind: 'channel'; readonly channelId: bigint; readonly messageId: number };

export interface InlineMessage {
  readonly id: bigint;
  readonly accessHash: bigint;
  /** The bot whose result the message is. */
  readonly botId: bigint;
  readonly location: InlineMessageLocation;
}

export class InlineMessages {
  private readonly byId = new Map<bigint, InlineMessage>();
  private readonly byLocation = new Map<string, InlineMessage>();

  /** Gives a new inline message of `botId` its id. */
  register(botId: bigint, location: InlineMessageLocation): InlineMessage {
    const message: InlineMessage = { id: randomLong(), accessHash: randomLong(), botId, location };
    this.add(message);
    return message;
  }

  /** The inline message at `location`, if it is one. */
  at(location: InlineMessageLocation): InlineMessage | undefined {
    return this.byLocation.get(locationKey(location));
  }

  /**
   * The inline message `input` names for `botId`: MESSAGE_ID_INVALID for an unknown id, a wrong
   * access hash, another bot's message or the 64-bit form (this emulator hands out the other one).
   */
  resolve(input: Api.TypeInputBotInlineMessageID, botId: bigint): InlineMessage {
    const message = input._ === 'inputBotInlineMessageID' ? this.byId.get(input.id) : undefined;
    if (message === undefined || input._ !== 'inputBotInlineMessageID') throw invalid();
    if (message.accessHash !== input.access_hash || message.botId !== botId) throw invalid();
    return message;
  }

  exportState(): InlineMessage[] {
    return [...this.byId.values()];
  }

  importState(state: readonly InlineMessage[]): void {
    this.byId.clear();
    this.byLocation.clear();
    for (const message of state) this.add(message);
  }

  private add(message: InlineMessage): void {
    this.byId.set(message.id, message);
    this.byLocation.set(locationKey(message.location), message);
  }
}

function locationKey(location: InlineMessageLocation): string {
  return location.kind === 'box'
    ? `box:${location.ownerId}:${location.messageId}`
    : `channel:${location.channelId}:${location.messageId}`;
}

function invalid(): RpcError {
  return new RpcError(400, 'MESSAGE_ID_INVALID');
}
