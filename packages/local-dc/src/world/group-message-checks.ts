/** The checks of a group message's text, on sending and on editing. */
import { RpcError, type Api } from 'telegram-mtproto-core';
import { checkedEntities, sameEntities } from './message-entities';
import type { MessageMedium } from './media-records';
import { checkCaption, MESSAGE_LENGTH_MAX } from './world';

/** MESSAGE_EMPTY for blank text, MESSAGE_TOO_LONG past the length limit. */
export function checkText(text: string): void {
  if (text.trim() === '') throw new RpcError(400, 'MESSAGE_EMPTY');
  if (text.length > MESSAGE_LENGTH_MAX) throw new RpcError(400, 'MESSAGE_TOO_LONG');
}

/**
 * The text and entities after an edit (`text` undefined keeps both), checked; MESSAGE_NOT_MODIFIED
 * when neither they nor the buttons change.
 */
export function checkedEdit(
  message: {
    readonly text: string;
    readonly entities?: readonly Api.TypeMessageEntity[];
    readonly media?: MessageMedium;
  },
  text: string | undefined,
  entities: readonly Api.TypeMessageEntity[] | undefined,
  markup: { readonly changed: boolean } | undefined,
): { newText: string; newEntities: Api.TypeMessageEntity[] | undefined } {
  if (text === undefined) {
    if (markup?.changed !== true) throw new RpcError(400, 'MESSAGE_NOT_MODIFIED');
    return {
      newText: message.text,
      newEntities: message.entities === undefined ? undefined : [...message.entities],
    };
  }
  if (message.media === undefined) checkText(text);
  else checkCaption(text, message.media);
  const checked = checkedEntities(text, entities);
  const newEntities = checked === undefined ? undefined : [...checked];
  if (message.text === text && sameEntities(message.entities, newEntities) && markup?.changed !== true) {
    throw new RpcError(400, 'MESSAGE_NOT_MODIFIED');
  }
  return { newText: text, newEntities };
}
