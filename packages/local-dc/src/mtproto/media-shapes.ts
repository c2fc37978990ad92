/** Stored media as the API's TL objects (core.telegram.org/api/files). */
import type { Api } from 'telegram-mtproto-core';
import type { StoredDocument, StoredMedia, StoredPhoto } from '../world/media-records';

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

export function toApiMessageMedia(media: StoredMedia): Api.TypeMessageMedia {
  return media.kind === 'photo'
    ? { _: 'messageMediaPhoto', photo: toApiPhoto(media) }
    : { _: 'messageMediaDocument', document: toApiDocument(media) };
}
