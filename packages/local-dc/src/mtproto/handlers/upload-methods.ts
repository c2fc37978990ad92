/**
 * upload.*: file parts in, file chunks out (core.telegram.org/api/files, /method/upload.saveFilePart,
 * /method/upload.saveBigFilePart, /method/upload.getFile). Parts are kept on the DC they were sent to;
 * a file is served only by the DC that holds it (303 FILE_MIGRATE_X elsewhere). The precise and
 * cdn_supported flags are ignored, as Telegram does for bots: every download follows the plain rules.
 */
import { RpcError, type Api } from 'telegram-mtproto-core';
import { loggedInAccount, type CallContext, type MethodHandlers } from '../call-context';
import type { StoredMedia } from '../../world/media-records';

/** Offsets and limits of upload.getFile are multiples of 4 KiB; a chunk stays inside one 1 MiB block. */
const DOWNLOAD_ALIGNMENT = 4096;
const DOWNLOAD_BLOCK = 1024 * 1024;

export const uploadMethods: MethodHandlers = {
  'upload.saveFilePart': (request, context): boolean => {
    const scope = { dcId: context.dc.dcId, ownerId: loggedInAccount(context) };
    context.files.savePart(scope, request.file_id, request.file_part, request.bytes);
    return true;
  },
  'upload.saveBigFilePart': (request, context): boolean => {
    const scope = { dcId: context.dc.dcId, ownerId: loggedInAccount(context) };
    context.files.savePart(
      scope,
      request.file_id,
      request.file_part,
      request.bytes,
      request.file_total_parts,
    );
    return true;
  },
  'upload.getFile': (request, context): Api.UploadFile => {
    loggedInAccount(context);
    const media = locate(request.location, context);
    const offset = request.offset;
    const limit = request.limit;
    if (offset < 0n || offset % BigInt(DOWNLOAD_ALIGNMENT) !== 0n) throw new RpcError(400, 'OFFSET_INVALID');
    if (limit <= 0 || limit % DOWNLOAD_ALIGNMENT !== 0 || DOWNLOAD_BLOCK % limit !== 0) {
      throw new RpcError(400, 'LIMIT_INVALID');
    }
    const start = Number(offset);
    if (Math.floor(start / DOWNLOAD_BLOCK) !== Math.floor((start + limit - 1) / DOWNLOAD_BLOCK)) {
      throw new RpcError(400, 'LIMIT_INVALID');
    }
    // Past the end, Telegram answers with empty bytes: that is how a client learns it has everything.
    const bytes =
      start >= media.bytes.length ? new Uint8Array(0) : media.bytes.subarray(start, start + limit);
    return { _: 'upload.file', type: fileType(media, start), mtime: media.date, bytes };
  },
};

/**
 * The medium a file location names. An unknown id or a wrong access hash is FILE_ID_INVALID; a file
 * of another DC is 303 FILE_MIGRATE_X; an empty file reference is FILE_REFERENCE_EMPTY and a wrong one
 * FILE_REFERENCE_EXPIRED (what Telegram answers when a reference must be fetched again).
 */
function locate(location: Api.TypeInputFileLocation, { files, dc }: CallContext): StoredMedia {
  let media: StoredMedia | undefined;
  let thumbOk: boolean;
  if (location._ === 'inputPhotoFileLocation') {
    media = files.find(location.id);
    if (media?.kind !== 'photo' || media.accessHash !== location.access_hash) {
      throw new RpcError(400, 'FILE_ID_INVALID');
    }
    thumbOk = location.thumb_size === media.sizeType;
  } else if (location._ === 'inputDocumentFileLocation') {
    media = files.find(location.id);
    if (media?.kind !== 'document' || media.accessHash !== location.access_hash) {
      throw new RpcError(400, 'FILE_ID_INVALID');
    }
    // The document itself; the emulator makes no thumbnails.
    thumbOk = location.thumb_size === '';
  } else {
    throw new RpcError(400, 'LOCATION_INVALID');
  }
  if (media.dcId !== dc.dcId) throw new RpcError(303, `FILE_MIGRATE_${media.dcId}`);
  if (location.file_reference.length === 0) throw new RpcError(400, 'FILE_REFERENCE_EMPTY');
  if (!sameBytes(location.file_reference, media.fileReference)) {
    throw new RpcError(400, 'FILE_REFERENCE_EXPIRED');
  }
  if (!thumbOk) throw new RpcError(400, 'LOCATION_INVALID');
  return media;
}

function fileType(media: StoredMedia, offset: number): Api.TypeStorageFileType {
  if (media.kind === 'document') return { _: 'storage.filePartial' };
  if (offset > 0) return { _: 'storage.filePartial' };
  return media.format === 'jpeg' ? { _: 'storage.fileJpeg' } : { _: 'storage.filePng' };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}
