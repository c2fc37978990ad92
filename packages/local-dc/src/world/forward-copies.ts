/**
 * What a forwarded copy carries (core.telegram.org/method/messages.forwardMessages): the original's
 * text, entities and medium with a `fwd_from` naming its author; `drop_author` leaves the header out
 * (the copy looks like the forwarder's own message), `drop_media_captions` the caption of a medium.
 */
import type { Api } from 'telegram-mtproto-core';
import type { MessageMedium } from './media-records';
import type { ForwardOrigin } from './records';

/** The flags of messages.forwardMessages that change the copies. */
export interface ForwardOptions {
  readonly dropAuthor?: boolean;
  readonly dropMediaCaptions?: boolean;
}

/** A message being forwarded. */
export interface ForwardedOriginal {
  readonly text: string;
  readonly entities?: readonly Api.TypeMessageEntity[];
  readonly media?: MessageMedium;
  readonly origin: ForwardOrigin;
}

/** The text of the copy and what goes with it. */
export function forwardedCopy(
  original: ForwardedOriginal,
  options: ForwardOptions = {},
): {
  text: string;
  extras: {
    entities?: readonly Api.TypeMessageEntity[];
    media?: MessageMedium;
    forwardedFrom?: ForwardOrigin;
  };
} {
  const dropCaption =
    options.dropMediaCaptions === true && original.media !== undefined && original.media.kind !== 'webpage';
  return {
    text: dropCaption ? '' : original.text,
    extras: {
      entities: dropCaption ? undefined : original.entities,
      media: original.media,
      forwardedFrom: options.dropAuthor === true ? undefined : original.origin,
    },
  };
}
