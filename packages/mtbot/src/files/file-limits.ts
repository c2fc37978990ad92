/**
 * Telegram's numbers for uploads and downloads (core.telegram.org/api/files).
 */

export const KIB = 1024;
export const MIB = 1024 * KIB;

/** Largest upload part; every part but the last is a multiple of 1 KiB that divides it. */
export const UPLOAD_PART_SIZE_MAX = 512 * KIB;
/** Files larger than this are "big": uploaded with upload.saveBigFilePart and named by inputFileBig. */
export const BIG_FILE_THRESHOLD = 10 * MIB;
/** Most parts of one upload: 4000 (2000 MiB of 512 KiB parts), 8000 for premium accounts. */
export const UPLOAD_PARTS_MAX = 4000;
export const UPLOAD_PARTS_MAX_PREMIUM = 8000;

/** upload.getFile: offset and limit are multiples of 4 KiB, limit divides 1 MiB, no chunk crosses 1 MiB. */
export const DOWNLOAD_ALIGNMENT = 4 * KIB;
export const DOWNLOAD_BLOCK = MIB;
export const DOWNLOAD_CHUNK_SIZE_MAX = MIB;

/** A size every upload part but the last may have. */
export function isValidPartSize(size: number): boolean {
  return Number.isInteger(size) && size > 0 && size % KIB === 0 && UPLOAD_PART_SIZE_MAX % size === 0;
}

/** A limit upload.getFile accepts (chunks are then requested at multiples of it). */
export function isValidChunkSize(size: number): boolean {
  return Number.isInteger(size) && size > 0 && size % DOWNLOAD_ALIGNMENT === 0 && DOWNLOAD_BLOCK % size === 0;
}
