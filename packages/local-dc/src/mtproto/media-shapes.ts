/** Stored media as the API's TL objects (core.telegram.org/api/files). */
import type { Api } from 'telegram-mtproto-core';
import type { MessageMedium, StoredDocument, StoredPhoto, StoredWebPage } from '../world/media-records';

export function toApiPhoto(photo: StoredPhoto): Api.Photo {
  return {
    _: 'photo',
    id: photo.id,
    access_hash: photo.accessHash,
    file_reference: photo.fileReference,
    date: photo.date,
    // One size: the original bytes (the emulator does not scale pictures).
    sizes: [
      { _: 'photoSize', type: photo.sizeType, w: photo.width, h: photo.height, size: photo.bytes.length },
    ],
    dc_id: photo.dcId,
  };
}

export function toApiDocument(document: StoredDocument): Api.Document {
  return {
    _: 'document',
    id: document.id,
    access_hash: document.accessHash,
    file_reference: document.fileReference,
    date: document.date,
    mime_type: document.mimeType,
    size: BigInt(document.bytes.length),
    dc_id: document.dcId,
    attributes: [...document.attributes],
  };
}

/** A link preview (constructor/webPage): always a complete page, never webPagePending. */
export function toApiWebPage(page: StoredWebPage): Api.WebPage {
  return {
    _: 'webPage',
    id: page.id,
    url: page.url,
    display_url: page.displayUrl,
    // The page never changes, so its hash is fixed by its id.
    hash: Number(BigInt.asIntN(32, page.id)),
    type: 'article',
    site_name: page.siteName,
    title: page.title,
  };
}

export function toApiMessageMedia(media: MessageMedium): Api.TypeMessageMedia {
  switch (media.kind) {
    case 'photo':
      return { _: 'messageMediaPhoto', photo: toApiPhoto(media) };
    case 'document':
      return { _: 'messageMediaDocument', document: toApiDocument(media) };
    case 'webpage':
      return {
        _: 'messageMediaWebPage',
        force_large_media: media.forceLargeMedia || undefined,
        force_small_media: media.forceSmallMedia || undefined,
        manual: media.manual || undefined,
        webpage: toApiWebPage(media),
      };
  }
}
