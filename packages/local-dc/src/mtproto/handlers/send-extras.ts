/**
 * What messages.sendMessage and messages.sendMedia carry besides the text and the medium: entities,
 * the message replied to and the reply markup, in the form the world stores them.
 */
import { RpcError, type Api } from 'telegram-mtproto-core';
import { normalizeReplyMarkup } from '../../bots/reply-markup';
import type { World } from '../../world/world';

/** The id a reply names (only replies to a message of the same chat are emulated). */
export function replyToMessageIdOf(replyTo: Api.TypeInputReplyTo | undefined): number | undefined {
  if (replyTo === undefined) return undefined;
  if (replyTo._ !== 'inputReplyToMessage' || replyTo.reply_to_peer_id !== undefined) {
    throw new RpcError(400, 'REPLY_TO_INVALID');
  }
  return replyTo.reply_to_msg_id;
}

/** Entities, reply target and markup of a send request (markup checked: REPLY_MARKUP_INVALID ...). */
export function sendExtrasOf(
  world: World,
  request: {
    readonly entities?: Api.TypeMessageEntity[] | undefined;
    readonly reply_to?: Api.TypeInputReplyTo | undefined;
    readonly reply_markup?: Api.TypeReplyMarkup | undefined;
  },
): {
  readonly entities: readonly Api.TypeMessageEntity[] | undefined;
  readonly replyToMessageId: number | undefined;
  readonly replyMarkup: Api.TypeReplyMarkup | undefined;
} {
  return {
    entities: request.entities,
    replyToMessageId: replyToMessageIdOf(request.reply_to),
    replyMarkup: normalizeReplyMarkup(world, request.reply_markup),
  };
}
