/**
 * What to download from a received message's media (core.telegram.org/api/files#downloading-files):
 * a photo's largest size (inputPhotoFileLocation with that size's type) or a document itself
 * (inputDocumentFileLocation with an empty thumb_size).
 */
import type { Api } from 'telegram-mtproto-core';
import type { DownloadLocation } from './download-file';
import { FileTransferError } from './file-transfer-error';

/** A download location with what is known of the file. */
export interface DownloadableMedia extends DownloadLocation {
  readonly location: Api.InputPhotoFileLocation | Api.InputDocumentFileLocation;
  readonly dcId: number;
  readonly size: number;
  /** A document's file name (documentAttributeFilename), when it has one. */
  readonly fileName?: string;
  /** A document's MIME type. */
  readonly mimeType?: string;
}

/**
 * The download location of a message's photo (its largest size) or document. Throws a
 * {@link FileTransferError} `nothing-to-download` for other media (a geo point, a poll, ...), an
 * empty or expired photo or document, or a photo with no downloadable size.
 *
 * @example
 * ```ts
 * const media = downloadableMedia(message.media);
 * const bytes = await downloadToBuffer(client, media);
 * ```
 */
export function downloadableMedia(media: Api.TypeMessageMedia | undefined): DownloadableMedia {
  if (media?._ === 'messageMediaPhoto' && media.photo?._ === 'photo') return photoLocation(media.photo);
  if (media?._ === 'messageMediaDocument' && media.document?._ === 'document') {
    return documentLocation(media.document);
  }
  throw nothing(media === undefined ? 'the message has no media' : `${media._} has nothing to download`);
}

function photoLocation(photo: Api.Photo): DownloadableMedia {
  let best: { type: string; size: number; area: number } | undefined;
  for (const each of photo.sizes) {
    // Stripped, cached and path sizes are inline previews, not files on a DC.
    let size: number;
    if (each._ === 'photoSize') size = each.size;
    else if (each._ === 'photoSizeProgressive') size = Math.max(0, ...each.sizes);
    else continue;
    const area = each.w * each.h;
    if (best === undefined || area > best.area || (area === best.area && size > best.size)) {
      best = { type: each.type, size, area };
    }
  }
  if (best === undefined) throw nothing('the photo has no downloadable size');
  return {
    location: {
      _: 'inputPhotoFileLocation',
      id: photo.id,
      access_hash: photo.access_hash,
      file_reference: photo.file_reference,
      thumb_size: best.type,
    },
    dcId: photo.dc_id,
    size: best.size,
  };
}

function documentLocation(document: Api.Document): DownloadableMedia {
  const named = document.attributes.find((attribute) => attribute._ === 'documentAttributeFilename');
  return {
    location: {
      _: 'inputDocumentFileLocation',
      id: document.id,
      access_hash: document.access_hash,
      file_reference: document.file_reference,
      thumb_size: '',
    },
    dcId: document.dc_id,
    size: Number(document.size),
    mimeType: document.mime_type,
    ...(named?._ === 'documentAttributeFilename' ? { fileName: named.file_name } : {}),
  };
}

function nothing(message: string): FileTransferError {
  return new FileTransferError('nothing-to-download', message);
}
