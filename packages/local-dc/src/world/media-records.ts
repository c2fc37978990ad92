/**
 * Photos and documents as the emulator stores them (core.telegram.org/api/files). The bytes of a
 * medium are kept once and shared by every message that shows it.
 */
import type { Api } from 'telegram-mtproto-core';

/** What photos and documents have in common: where they live and how a client names them. */
interface StoredFileFields {
  readonly id: bigint;
  readonly accessHash: bigint;
  /** Must come back in every inputPhotoFileLocation / inputDocumentFileLocation. */
  readonly fileReference: Uint8Array;
  /** The DC that holds the bytes: upload.getFile elsewhere gets 303 FILE_MIGRATE_X. */
  readonly dcId: number;
  /** Unix seconds. */
  readonly date: number;
  readonly bytes: Uint8Array;
}

/**
 * A photo. Telegram keeps several scaled copies (photoSize types `s`, `m`, `x`, `y`, `w`); the emulator
 * does not scale images, so it keeps one size: the original bytes, under the type Telegram would give
 * a picture of those dimensions.
 */
export interface StoredPhoto extends StoredFileFields {
  readonly kind: 'photo';
  readonly width: number;
  readonly height: number;
  /** The photoSize type of the one size, e.g. `x` for a picture up to 800 px. */
  readonly sizeType: string;
  readonly format: 'jpeg' | 'png';
}

/** A document: any file, with the sender's mime type and attributes (file name included). */
export interface StoredDocument extends StoredFileFields {
  readonly kind: 'document';
  readonly mimeType: string;
  readonly attributes: readonly Api.TypeDocumentAttribute[];
}

export type StoredMedia = StoredPhoto | StoredDocument;

/**
 * A link preview (core.telegram.org/api/links), made offline from the URL alone: the emulator never
 * fetches the page, so the title and site name come from the URL itself.
 */
export interface StoredWebPage {
  readonly kind: 'webpage';
  /** Derived from the URL: the same URL always has the same id. */
  readonly id: bigint;
  readonly url: string;
  /** The URL without its scheme, as clients show it. */
  readonly displayUrl: string;
  /** The URL's host. */
  readonly siteName: string;
  /** The URL's host and path. */
  readonly title: string;
  /** The URL was named with inputMediaWebPage (messageMediaWebPage.manual). */
  readonly manual: boolean;
  readonly forceLargeMedia: boolean;
  readonly forceSmallMedia: boolean;
  /** Show the preview above the text (the message's invert_media). */
  readonly invertMedia: boolean;
}

/** What a message may show besides its text: a stored file or a link preview. */
export type MessageMedium = StoredMedia | StoredWebPage;
