import type { Api } from 'telegram-mtproto-core';
import { downloadableMedia } from '../../src/files/downloadable-media';
import { mimeTypeOf } from '../../src/files/mime-types';
import type { UploadedFile } from '../../src/files/upload-file';
import { uploadedDocumentMedia, uploadedPhotoMedia } from '../../src/files/uploaded-media';

const uploaded: UploadedFile = {
  file: { _: 'inputFileBig', id: 5n, parts: 30, name: 'Clip.MP4' },
  name: 'Clip.MP4',
  size: 15 * 1024 * 1024,
};

describe('media of uploaded files', () => {
  it('guesses MIME types from the extension, case-insensitively, with a default', () => {
    expect(mimeTypeOf('a.JPG')).toBe('image/jpeg');
    expect(mimeTypeOf('/tmp/report.pdf')).toBe('application/pdf');
    expect(mimeTypeOf('archive.tar.gz')).toBe('application/gzip');
    expect(mimeTypeOf('noextension')).toBe('application/octet-stream');
    expect(mimeTypeOf('weird.xyz')).toBe('application/octet-stream');
  });

  it('builds inputMediaUploadedDocument with the file name and a guessed or given MIME type', () => {
    expect(uploadedDocumentMedia(uploaded)).toEqual({
      _: 'inputMediaUploadedDocument',
      file: uploaded.file,
      mime_type: 'video/mp4',
      attributes: [{ _: 'documentAttributeFilename', file_name: 'Clip.MP4' }],
    });
    const thumb: UploadedFile = {
      file: { _: 'inputFile', id: 6n, parts: 1, name: 't.jpg', md5_checksum: '' },
      name: 't.jpg',
      size: 1000,
    };
    expect(
      uploadedDocumentMedia(uploaded, {
        fileName: 'raw.bin',
        mimeType: 'application/x-raw',
        forceFile: true,
        thumb,
      }),
    ).toEqual({
      _: 'inputMediaUploadedDocument',
      file: uploaded.file,
      mime_type: 'application/x-raw',
      attributes: [{ _: 'documentAttributeFilename', file_name: 'raw.bin' }],
      force_file: true,
      thumb: thumb.file,
    });
    const own: Api.TypeDocumentAttribute = { _: 'documentAttributeFilename', file_name: 'mine.txt' };
    expect(uploadedDocumentMedia(uploaded, { attributes: [own] }).attributes).toEqual([own]);
  });

  it('builds inputMediaUploadedPhoto', () => {
    expect(uploadedPhotoMedia(uploaded)).toEqual({ _: 'inputMediaUploadedPhoto', file: uploaded.file });
    expect(uploadedPhotoMedia(uploaded, { spoiler: true, ttlSeconds: 10 })).toEqual({
      _: 'inputMediaUploadedPhoto',
      file: uploaded.file,
      spoiler: true,
      ttl_seconds: 10,
    });
  });
});

describe('downloadableMedia', () => {
  const photo: Api.Photo = {
    _: 'photo',
    id: 10n,
    access_hash: 11n,
    file_reference: new Uint8Array([1, 2, 3]),
    date: 0,
    dc_id: 4,
    sizes: [
      { _: 'photoStrippedSize', type: 'i', bytes: new Uint8Array(30) },
      { _: 'photoSize', type: 'm', w: 320, h: 240, size: 20_000 },
      { _: 'photoSizeProgressive', type: 'y', w: 1280, h: 960, sizes: [5_000, 40_000, 90_000] },
      { _: 'photoSize', type: 'x', w: 800, h: 600, size: 60_000 },
    ],
  };

  it('picks a photo’s largest size', () => {
    expect(downloadableMedia({ _: 'messageMediaPhoto', photo })).toEqual({
      location: {
        _: 'inputPhotoFileLocation',
        id: 10n,
        access_hash: 11n,
        file_reference: photo.file_reference,
        thumb_size: 'y',
      },
      dcId: 4,
      size: 90_000,
    });
  });

  it('gives a document with its name and MIME type', () => {
    const document: Api.Document = {
      _: 'document',
      id: 20n,
      access_hash: 21n,
      file_reference: new Uint8Array([9]),
      date: 0,
      mime_type: 'application/pdf',
      size: 123_456n,
      dc_id: 2,
      attributes: [{ _: 'documentAttributeFilename', file_name: 'r.pdf' }],
    };
    expect(downloadableMedia({ _: 'messageMediaDocument', document })).toEqual({
      location: {
        _: 'inputDocumentFileLocation',
        id: 20n,
        access_hash: 21n,
        file_reference: document.file_reference,
        thumb_size: '',
      },
      dcId: 2,
      size: 123_456,
      mimeType: 'application/pdf',
      fileName: 'r.pdf',
    });
  });

  it('refuses media with nothing to download', () => {
    const nothing = expect.objectContaining({ name: 'FileTransferError', reason: 'nothing-to-download' });
    expect(() => downloadableMedia(undefined)).toThrow(nothing);
    expect(() => downloadableMedia({ _: 'messageMediaEmpty' })).toThrow(nothing);
    expect(() => downloadableMedia({ _: 'messageMediaPhoto' })).toThrow(nothing);
    expect(() => downloadableMedia({ _: 'messageMediaPhoto', photo: { _: 'photoEmpty', id: 1n } })).toThrow(
      nothing,
    );
    expect(() =>
      downloadableMedia({ _: 'messageMediaPhoto', photo: { ...photo, sizes: [photo.sizes[0]!] } }),
    ).toThrow(nothing);
    expect(() =>
      downloadableMedia({ _: 'messageMediaDocument', document: { _: 'documentEmpty', id: 1n } }),
    ).toThrow(nothing);
  });
});
