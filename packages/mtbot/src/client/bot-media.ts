// Photos and documents for BotClient, over the file engineer's src/files: upload in parts
// (core.telegram.org/api/files), messages.sendMedia, and downloads that follow FILE_MIGRATE_X
// through the client's invokeOnDc.
import type { Api } from 'telegram-mtproto-core';
import { downloadableMedia } from '../files/downloadable-media';
import { downloadFile, type DownloadProgress, type DownloadTarget } from '../files/download-file';
import type { FileClient } from '../files/file-client';
import { uploadFile, type UploadProgress } from '../files/upload-file';
import type { UploadSource } from '../files/upload-source';
import { uploadedDocumentMedia, uploadedPhotoMedia } from '../files/uploaded-media';
import type { Message } from '../updates/message';
import type { SendMessageOptions } from './message-options';
import type { MessageText } from './message-text';

/** Options of `sendPhoto` and `sendDocument`: the caption is formatted like a message text. */
export interface SendMediaOptions extends Omit<SendMessageOptions, 'linkPreview'> {
  /** A string read by the parse mode, or a formatted text (`html`/`md` templates). */
  readonly caption?: MessageText;
  /** The name Telegram shows; default the path's base name. */
  readonly fileName?: string;
  readonly onProgress?: (progress: UploadProgress) => void;
  readonly signal?: AbortSignal;
}

/** Options of `sendDocument`. */
export interface SendDocumentOptions extends SendMediaOptions {
  /** Default guessed from the file name. */
  readonly mimeType?: string;
  /** Send as a plain file even when Telegram could show it as media. */
  readonly forceFile?: boolean;
}

/** Options of `downloadMedia`. */
export interface DownloadMediaOptions {
  readonly onProgress?: (progress: DownloadProgress) => void;
  readonly signal?: AbortSignal;
}

/** Uploads `source` and returns the InputMedia of a photo or a document. */
export async function uploadMedia(
  client: FileClient,
  kind: 'photo' | 'document',
  source: UploadSource,
  options: SendDocumentOptions,
): Promise<Api.TypeInputMedia> {
  const uploaded = await uploadFile(client, source, {
    ...(options.fileName !== undefined && { fileName: options.fileName }),
    ...(options.onProgress !== undefined && { onProgress: options.onProgress }),
    ...(options.signal !== undefined && { signal: options.signal }),
  });
  if (kind === 'photo') return uploadedPhotoMedia(uploaded);
  return uploadedDocumentMedia(uploaded, {
    ...(options.mimeType !== undefined && { mimeType: options.mimeType }),
    ...(options.forceFile !== undefined && { forceFile: options.forceFile }),
  });
}

/**
 * Downloads the photo (largest size) or document of a message to a path or a writable stream;
 * resolves with the number of bytes written.
 */
export function downloadMessageMedia(
  client: FileClient,
  message: Message | Api.Message,
  target: DownloadTarget,
  options: DownloadMediaOptions = {},
): Promise<number> {
  const raw = 'raw' in message ? message.raw : message;
  return downloadFile(client, downloadableMedia(raw.media), target, {
    ...(options.onProgress !== undefined && { onProgress: options.onProgress }),
    ...(options.signal !== undefined && { signal: options.signal }),
  });
}
