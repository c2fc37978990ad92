/**
 * What messages.editMessage does to a message's buttons (core.telegram.org/api/bots/buttons): only an
 * inline keyboard can be set by an edit (anything else is REPLY_MARKUP_INVALID); an edit without
 * reply_markup removes an inline keyboard and leaves a reply keyboard, force reply or hide alone.
 */
import { RpcError, type Api } from 'telegram-mtproto-core';
import type { World } from '../world/world';
import { normalizeReplyMarkup, sameReplyMarkup } from './reply-markup';

export interface MarkupEdit {
  readonly replyMarkup: Api.TypeReplyMarkup | undefined;
  /** Whether the markup differs from the message's (so the edit is not MESSAGE_NOT_MODIFIED). */
  readonly changed: boolean;
}

/** The markup message `messageId` of `accountId`'s box gets from an edit with `requested`. */
export function markupEdit(
  world: World,
  current: Api.TypeReplyMarkup | undefined,
  requested: Api.TypeReplyMarkup | undefined,
): MarkupEdit {
  if (requested !== undefined && requested._ !== 'replyInlineMarkup') {
    throw new RpcError(400, 'REPLY_MARKUP_INVALID');
  }
  const keep = requested === undefined && current !== undefined && current._ !== 'replyInlineMarkup';
  const replyMarkup = keep ? current : normalizeReplyMarkup(world, requested);
  return { replyMarkup, changed: !sameReplyMarkup(current, replyMarkup) };
}
