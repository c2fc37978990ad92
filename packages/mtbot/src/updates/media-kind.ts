import type { Api } from 'telegram-mtproto-core';

/** What a message carries, as a bot routes on it. */
export type MediaKind =
  | 'text'
  | 'photo'
  | 'document'
  | 'video'
  | 'audio'
  | 'voice'
  | 'videoNote'
  | 'animation'
  | 'sticker'
  | 'location'
  | 'contact'
  | 'poll'
  | 'other';

/** The kind of a message's media; `text` when there is none or only a link preview. */
export function mediaKindOf(media: Api.TypeMessageMedia | undefined): MediaKind {
  // A link preview goes with a text message: the message is still text.
  if (media === undefined || media._ === 'messageMediaEmpty' || media._ === 'messageMediaWebPage') {
    return 'text';
  }
  switch (media._) {
    case 'messageMediaPhoto':
      return 'photo';
    case 'messageMediaDocument':
      return media.document?._ === 'document' ? documentKind(media.document.attributes) : 'document';
    case 'messageMediaGeo':
    case 'messageMediaGeoLive':
    case 'messageMediaVenue':
      return 'location';
    case 'messageMediaContact':
      return 'contact';
    case 'messageMediaPoll':
      return 'poll';
    default:
      return 'other';
  }
}

/** A document's kind from its attributes (core.telegram.org/api/files#attributes). */
function documentKind(attributes: readonly Api.TypeDocumentAttribute[]): MediaKind {
  const has = (name: Api.TypeDocumentAttribute['_']) => attributes.find((attribute) => attribute._ === name);
  if (has('documentAttributeSticker')) return 'sticker';
  if (has('documentAttributeAnimated')) return 'animation';
  const video = has('documentAttributeVideo');
  if (video?._ === 'documentAttributeVideo') return video.round_message ? 'videoNote' : 'video';
  const audio = has('documentAttributeAudio');
  if (audio?._ === 'documentAttributeAudio') return audio.voice ? 'voice' : 'audio';
  return 'document';
}
