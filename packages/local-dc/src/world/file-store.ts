/**
 * Uploaded parts and stored media, with Telegram's rules for uploads (core.telegram.org/api/files,
 * core.telegram.org/method/upload.saveFilePart, /method/upload.saveBigFilePart) and bounded memory:
 * parts are kept per upload (one per DC, account and file_id), an upload nobody touched for
 * `uploadTimeoutMs` is freed, and every stored byte (parts and media) counts against `maxBytes`.
 */
import { createHash } from 'node:crypto';
import {
  RpcError,
  secureRandomSource,
  systemClock,
  type Api,
  type Clock,
  type RandomSource,
} from 'telegram-mtproto-core';
import { photoSizeType, readImageSize } from './image-size';
import type { StoredDocument, StoredMedia, StoredPhoto } from './media-records';

/** Largest part of an upload: 512 KiB. A part's size divides 512 KiB and is a multiple of 1 KiB. */
export const UPLOAD_PART_SIZE_MAX = 512 * 1024;
/** Most parts of one file (4000 × 512 KiB = 2000 MiB, the limit of a non-premium account). */
export const UPLOAD_PARTS_MAX = 4000;
/** Default total of stored bytes (parts and media) before uploads are refused. */
export const DEFAULT_MAX_STORED_BYTES = 512 * 1024 * 1024;
/** file_total_parts of a streamed upload's parts sent before the real total is known. */
export const STREAMED_TOTAL_PARTS = -1;
/** Default time after which an upload nobody adds to or sends is freed. */
export const DEFAULT_UPLOAD_TIMEOUT_MS = 10 * 60 * 1000;

/** The error of an upload past the store's byte cap (no Telegram counterpart: the emulator's own). */
export const STORAGE_FULL_ERROR = 'LOCAL_DC_FILE_STORAGE_FULL';

export interface FileStoreOptions {
  /** Cap on stored bytes, parts and media together. Default {@link DEFAULT_MAX_STORED_BYTES}. */
  readonly maxBytes?: number;
  /** Default {@link DEFAULT_UPLOAD_TIMEOUT_MS}. */
  readonly uploadTimeoutMs?: number;
  readonly random?: RandomSource;
  readonly clock?: Clock;
}

/** Who uploads: parts are private to one account on one DC, as Telegram's are. */
export interface UploadScope {
  readonly dcId: number;
  readonly ownerId: bigint;
}

/** A whole uploaded file, taken out of the store's parts by {@link FileStore.takeUpload}. */
export interface UploadedFile {
  readonly bytes: Uint8Array;
  /** The file name the client gave in inputFile / inputFileBig. */
  readonly name: string;
}

interface Upload {
  readonly big: boolean;
  /**
   * file_total_parts of saveBigFilePart; unknown for small files until inputFile names it, and for a
   * streamed big upload until a part gives the real total.
   */
  totalParts: number | undefined;
  readonly parts: Map<number, Uint8Array>;
  bytes: number;
  touchedAt: number;
}

export class FileStore {
  private readonly uploads = new Map<string, Upload>();
  private readonly media = new Map<bigint, StoredMedia>();
  private readonly maxBytes: number;
  private readonly uploadTimeoutMs: number;
  private readonly random: RandomSource;
  private readonly clock: Clock;
  private stored = 0;

  constructor(options: FileStoreOptions = {}) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_STORED_BYTES;
    this.uploadTimeoutMs = options.uploadTimeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS;
    this.random = options.random ?? secureRandomSource;
    this.clock = options.clock ?? systemClock;
  }

  /** Bytes held now: parts of unfinished uploads and stored media. */
  get storedBytes(): number {
    return this.stored;
  }

  /** Uploads with parts held now. */
  get pendingUploads(): number {
    return this.uploads.size;
  }

  /**
   * upload.saveFilePart (`totalParts` undefined) or upload.saveBigFilePart. Saving a part again
   * replaces it (a client retrying after a lost answer).
   *
   * A streamed upload (core.telegram.org/api/files: the size is not known while uploading) gives
   * saveBigFilePart `file_total_parts` -1 until it knows the real total, which later parts carry;
   * parts sent with -1 may still arrive after that (parallel uploads). A total that differs from one
   * given before, or below a part already saved, is FILE_PARTS_INVALID.
   */
  savePart(scope: UploadScope, fileId: bigint, part: number, bytes: Uint8Array, totalParts?: number): void {
    this.sweep();
    const big = totalParts !== undefined;
    const streamed = totalParts === STREAMED_TOTAL_PARTS;
    if (
      big &&
      !streamed &&
      (!Number.isInteger(totalParts) || totalParts < 1 || totalParts > UPLOAD_PARTS_MAX)
    ) {
      throw new RpcError(400, 'FILE_PARTS_INVALID');
    }
    const key = uploadKey(scope, fileId);
    let upload = this.uploads.get(key);
    if (upload !== undefined && upload.big !== big) throw new RpcError(400, 'FILE_PARTS_INVALID');
    const knownTotal = streamed ? upload?.totalParts : totalParts;
    if (!streamed && big && upload?.totalParts !== undefined && upload.totalParts !== totalParts) {
      throw new RpcError(400, 'FILE_PARTS_INVALID');
    }
    if (part < 0 || part >= (knownTotal ?? UPLOAD_PARTS_MAX)) throw new RpcError(400, 'FILE_PART_INVALID');
    if (bytes.length === 0) throw new RpcError(400, 'FILE_PART_EMPTY');
    if (bytes.length > UPLOAD_PART_SIZE_MAX) throw new RpcError(400, 'FILE_PART_TOO_BIG');
    // Every part but the last has a size that divides 512 KiB; the last part may be shorter. Only a
    // big file's last part is known at this point (never while the total is unknown); a small file's
    // parts are checked when it is sent.
    if (big && (knownTotal === undefined || part !== knownTotal - 1) && !isFullPartSize(bytes.length)) {
      throw new RpcError(400, 'FILE_PART_SIZE_INVALID');
    }
    if (big && !streamed && upload !== undefined && upload.totalParts === undefined) {
      // The real total of a streamed upload: no part saved so far may lie past it.
      for (const saved of upload.parts.keys()) {
        if (saved >= totalParts) throw new RpcError(400, 'FILE_PARTS_INVALID');
      }
    }
    const previous = upload?.parts.get(part)?.length ?? 0;
    if (this.stored - previous + bytes.length > this.maxBytes) {
      throw new RpcError(400, STORAGE_FULL_ERROR);
    }
    if (upload === undefined) {
      upload = { big, totalParts: knownTotal, parts: new Map(), bytes: 0, touchedAt: 0 };
      this.uploads.set(key, upload);
    }
    upload.totalParts = knownTotal;
    // A copy: the request's bytes may be a view into a whole received frame.
    upload.parts.set(part, bytes.slice());
    upload.bytes += bytes.length - previous;
    this.stored += bytes.length - previous;
    upload.touchedAt = this.clock.now();
  }

  /**
   * The file an inputFile / inputFileBig names, put together from its parts, which are freed. Throws
   * FILE_PARTS_INVALID for a part count that does not match the upload, FILE_PART_X_MISSING for the
   * first missing part, FILE_PART_SIZE_INVALID for parts of unequal or invalid sizes, and
   * MD5_CHECKSUM_INVALID when inputFile's md5_checksum is given and wrong (inputFileBig has none: Telegram
   * does not check big files).
   */
  takeUpload(scope: UploadScope, input: Api.TypeInputFile): UploadedFile {
    this.sweep();
    if (input._ !== 'inputFile' && input._ !== 'inputFileBig') throw new RpcError(400, 'FILE_ID_INVALID');
    if (input.parts < 1 || input.parts > UPLOAD_PARTS_MAX) throw new RpcError(400, 'FILE_PARTS_INVALID');
    const key = uploadKey(scope, input.id);
    const upload = this.uploads.get(key);
    if (upload === undefined) throw new RpcError(400, 'FILE_PART_0_MISSING');
    const big = input._ === 'inputFileBig';
    if (upload.big !== big || (big && upload.totalParts !== input.parts)) {
      throw new RpcError(400, 'FILE_PARTS_INVALID');
    }
    const parts: Uint8Array[] = [];
    for (let index = 0; index < input.parts; index++) {
      const part = upload.parts.get(index);
      if (part === undefined) throw new RpcError(400, `FILE_PART_${index}_MISSING`);
      parts.push(part);
    }
    const partSize = parts[0]!.length;
    const unequal = parts.some((part, index) =>
      index === parts.length - 1 ? part.length > partSize : part.length !== partSize,
    );
    if ((parts.length > 1 && !isFullPartSize(partSize)) || unequal) {
      throw new RpcError(400, 'FILE_PART_SIZE_INVALID');
    }
    const bytes = concat(parts);
    if (input._ === 'inputFile' && input.md5_checksum !== '') {
      const md5 = createHash('md5').update(bytes).digest('hex');
      if (md5 !== input.md5_checksum.toLowerCase()) throw new RpcError(400, 'MD5_CHECKSUM_INVALID');
    }
    // The parts are gone; the whole file is stored again only if it becomes a medium.
    this.uploads.delete(key);
    this.stored -= upload.bytes;
    return { bytes, name: input.name };
  }

  /** A photo of an uploaded picture (JPEG or PNG), held on `dcId`; IMAGE_PROCESS_FAILED otherwise. */
  addPhoto(dcId: number, bytes: Uint8Array): StoredPhoto {
    const size = readImageSize(bytes);
    if (size === undefined) throw new RpcError(400, 'IMAGE_PROCESS_FAILED');
    return this.add({
      kind: 'photo',
      ...this.identity(dcId, bytes),
      width: size.width,
      height: size.height,
      sizeType: photoSizeType(Math.max(size.width, size.height)),
      format: size.format,
    });
  }

  /**
   * A document held on `dcId`. Without a documentAttributeFilename the upload's file name becomes one,
   * as Telegram does.
   */
  addDocument(
    dcId: number,
    file: UploadedFile,
    mimeType: string,
    attributes: readonly Api.TypeDocumentAttribute[],
  ): StoredDocument {
    const named = attributes.some((attribute) => attribute._ === 'documentAttributeFilename');
    return this.add({
      kind: 'document',
      ...this.identity(dcId, file.bytes),
      mimeType: mimeType === '' ? 'application/octet-stream' : mimeType,
      attributes:
        named || file.name === ''
          ? attributes
          : [...attributes, { _: 'documentAttributeFilename', file_name: file.name }],
    });
  }

  /** A stored photo or document by id. */
  find(id: bigint): StoredMedia | undefined {
    return this.media.get(id);
  }

  /** Frees uploads nobody touched within the timeout. Runs before every upload operation. */
  sweep(): void {
    const oldest = this.clock.now() - this.uploadTimeoutMs;
    for (const [key, upload] of this.uploads) {
      if (upload.touchedAt < oldest) {
        this.uploads.delete(key);
        this.stored -= upload.bytes;
      }
    }
  }

  private identity(dcId: number, bytes: Uint8Array) {
    return {
      id: randomLong(this.random),
      accessHash: randomLong(this.random),
      fileReference: this.random(16),
      dcId,
      date: Math.floor(this.clock.now() / 1000),
      bytes,
    };
  }

  /** Every stored photo and document, for persistence (upload parts in progress are not kept). */
  allMedia(): StoredMedia[] {
    return [...this.media.values()];
  }

  /** Puts back media saved by a previous run. */
  restoreMedia(media: readonly StoredMedia[]): void {
    for (const each of media) this.add(each);
  }

  private add<M extends StoredMedia>(media: M): M {
    if (this.stored + media.bytes.length > this.maxBytes) throw new RpcError(400, STORAGE_FULL_ERROR);
    this.media.set(media.id, media);
    this.stored += media.bytes.length;
    return media;
  }
}

/** A size every part but the last may have: a multiple of 1 KiB that divides 512 KiB. */
function isFullPartSize(size: number): boolean {
  return size > 0 && size % 1024 === 0 && UPLOAD_PART_SIZE_MAX % size === 0;
}

function uploadKey(scope: UploadScope, fileId: bigint): string {
  return `${scope.dcId}:${scope.ownerId}:${fileId}`;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

/** A random positive signed 64-bit value. */
function randomLong(random: RandomSource): bigint {
  for (;;) {
    const bytes = random(8);
    const value =
      new DataView(bytes.buffer, bytes.byteOffset, 8).getBigInt64(0, true) & 0x7fff_ffff_ffff_ffffn;
    if (value !== 0n) return value;
  }
}
