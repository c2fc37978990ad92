/**
 * The InputMedia of an uploaded file, for messages.sendMedia (core.telegram.org/api/files): a photo
 * (inputMediaUploadedPhoto) or a document (inputMediaUploadedDocument with its MIME type and file name).
 */
import type { Api } from 'telegram-mtproto-core';
import { mimeTypeOf } from './mime-types';
import type { UploadedFile } from './upload-file';

/** Options of {@link uploadedPhotoMedia}. */
export interface UploadedPhotoOptions {
  /** Blur the photo until tapped. */
  readonly spoiler?: boolean;
  /** Self-destruct this many seconds after it is opened. */
  readonly ttlSeconds?: number;
}

/** Options of {@link uploadedDocumentMedia}. */
export interface UploadedDocumentOptions {
  /** Default guessed from the file name's extension, else application/octet-stream. */
  readonly mimeType?: string;
  /** Default the uploaded file's name. */
  readonly fileName?: string;
  /** Send as a plain file even when Telegram could show it as a photo, video or audio. */
  readonly forceFile?: boolean;
  /** More attributes (video, audio, ...); a documentAttributeFilename here replaces the default one. */
  readonly attributes?: readonly Api.TypeDocumentAttribute[];
  /** An uploaded thumbnail (JPEG, at most 320×320, under 200 KB). */
  readonly thumb?: UploadedFile;
  readonly spoiler?: boolean;
}

/**
 * inputMediaUploadedPhoto of an uploaded JPEG or PNG.
 *
 * @example
 * ```ts
 * const media = uploadedPhotoMedia(await uploadFile(client, './cat.jpg'));
 * ```
 */
export function uploadedPhotoMedia(
  uploaded: UploadedFile,
  options: UploadedPhotoOptions = {},
): Api.InputMediaUploadedPhoto {
  return {
    _: 'inputMediaUploadedPhoto',
    file: uploaded.file,
    ...(options.spoiler === true ? { spoiler: true } : {}),
    ...(options.ttlSeconds !== undefined ? { ttl_seconds: options.ttlSeconds } : {}),
  };
}

/**
 * inputMediaUploadedDocument of an uploaded file, with a MIME type guessed from its name and a
 * documentAttributeFilename so the receiver sees that name.
 *
 * @example
 * ```ts
 * const media = uploadedDocumentMedia(await uploadFile(client, './report.pdf'), { forceFile: true });
 * ```
 */
export function uploadedDocumentMedia(
  uploaded: UploadedFile,
  options: UploadedDocumentOptions = {},
): Api.InputMediaUploadedDocument {
  const fileName = options.fileName ?? uploaded.name;
  const extra = options.attributes ?? [];
  const named = extra.some((attribute) => attribute._ === 'documentAttributeFilename');
  const attributes: Api.TypeDocumentAttribute[] = named
    ? [...extra]
    : [{ _: 'documentAttributeFilename', file_name: fileName }, ...extra];
  return {
    _: 'inputMediaUploadedDocument',
    file: uploaded.file,
    mime_type: options.mimeType ?? mimeTypeOf(fileName),
    attributes,
    ...(options.forceFile === true ? { force_file: true } : {}),
    ...(options.spoiler === true ? { spoiler: true } : {}),
    ...(options.thumb !== undefined ? { thumb: options.thumb.file } : {}),
  };
}
