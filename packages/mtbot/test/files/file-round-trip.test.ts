import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import type { MtprotoClient } from 'telegram-mtproto-core';
import { LocalDc, type UserRecord } from 'mtbot-local-dc';
import { downloadFile, downloadToBuffer, type DownloadProgress } from '../../src/files/download-file';
import { downloadableMedia } from '../../src/files/downloadable-media';
import { uploadFile, type UploadProgress } from '../../src/files/upload-file';
import { uploadedDocumentMedia } from '../../src/files/uploaded-media';
import { createClient, loginBot, patternBytes, sendMedia, sha256 } from './file-test-dc';

const KIB = 1024;
const MIB = 1024 * KIB;

describe('uploadFile and downloadFile against the local DC', () => {
  let dc: LocalDc;
  let bot: MtprotoClient;
  let user: UserRecord;
  let folder: string;

  beforeAll(async () => {
    dc = await LocalDc.start({ port: 0 });
    bot = createClient(dc);
    await loginBot(bot, dc.info.botToken);
    user = dc.createUser({ firstName: 'Receiver' });
    folder = await mkdtemp(join(tmpdir(), 'mtbot-files-'));
  });

  afterAll(async () => {
    await bot.close();
    await dc.stop();
    await rm(folder, { recursive: true, force: true });
  });

  /** Uploads, sends as a document, and gives back what to download. */
  const sendAsDocument = async (uploaded: Awaited<ReturnType<typeof uploadFile>>) =>
    downloadableMedia(await sendMedia(bot, user, uploadedDocumentMedia(uploaded)));

  it('uploads a small file with saveFilePart and an MD5 the DC checks, and downloads it to memory', async () => {
    const content = patternBytes(300 * KIB + 17, 7);
    const uploaded = await uploadFile(bot, content, { fileName: 'notes.txt' });
    expect(uploaded.size).toBe(content.length);
    expect(uploaded.file).toEqual({
      _: 'inputFile',
      id: expect.any(BigInt),
      parts: 1,
      name: 'notes.txt',
      md5_checksum: createHash('md5').update(content).digest('hex'),
    });
    const media = await sendAsDocument(uploaded);
    expect(media).toMatchObject({ size: content.length, fileName: 'notes.txt', mimeType: 'text/plain' });
    const bytes = await downloadToBuffer(bot, media, { chunkSize: 64 * KIB });
    expect(sha256(bytes)).toBe(sha256(content));
  });

  it('keeps exactly 10 MB a small file and makes 10 MB + 1 byte a big one', async () => {
    const small = patternBytes(10 * MIB, 2);
    const atLimit = await uploadFile(bot, small, { concurrency: 8 });
    expect(atLimit.file).toMatchObject({ _: 'inputFile', parts: 20 });
    expect(sha256(await downloadToBuffer(bot, await sendAsDocument(atLimit)))).toBe(sha256(small));

    const big = Buffer.concat([small, Buffer.from([42])]);
    const pastLimit = await uploadFile(bot, big, { concurrency: 8 });
    expect(pastLimit.file).toMatchObject({ _: 'inputFileBig', parts: 21 });
    expect(pastLimit.file).not.toHaveProperty('md5_checksum');
    expect(sha256(await downloadToBuffer(bot, await sendAsDocument(pastLimit)))).toBe(sha256(big));
  });

  it('round-trips a 50 MB file from a path to a path, byte-identical, with progress up to the total', async () => {
    const content = patternBytes(50 * MIB + 123, 3);
    const source = join(folder, 'fifty.bin');
    await writeFile(source, content);
    const uploadProgress: UploadProgress[] = [];
    const uploaded = await uploadFile(bot, source, {
      concurrency: 8,
      onProgress: (progress) => uploadProgress.push(progress),
    });
    expect(uploaded).toMatchObject({ name: 'fifty.bin', size: content.length });
    expect(uploaded.file).toMatchObject({ _: 'inputFileBig', parts: 101 });
    expectMonotonic(
      uploadProgress.map((each) => each.uploadedBytes),
      content.length,
    );
    expect(new Set(uploadProgress.map((each) => each.totalBytes))).toEqual(new Set([content.length]));

    const media = await sendAsDocument(uploaded);
    expect(media).toMatchObject({
      fileName: 'fifty.bin',
      size: content.length,
      mimeType: 'application/octet-stream',
    });
    const target = join(folder, 'fifty.copy');
    const downloadProgress: DownloadProgress[] = [];
    const written = await downloadFile(bot, media, target, {
      concurrency: 8,
      onProgress: (progress) => downloadProgress.push(progress),
    });
    expect(written).toBe(content.length);
    expectMonotonic(
      downloadProgress.map((each) => each.downloadedBytes),
      content.length,
    );
    expect(sha256(await readFile(target))).toBe(sha256(content));
    // Only the source and the finished copy: no temporary file left behind.
    expect((await readdir(folder)).sort()).toEqual(['fifty.bin', 'fifty.copy']);
    await rm(source);
    await rm(target);
  }, 60_000);

  it('uploads a stream of unknown size in uneven chunks, and downloads into a stream left open', async () => {
    const content = patternBytes(3 * MIB + 5, 4);
    async function* uneven(): AsyncGenerator<Buffer> {
      for (
        let offset = 0, step = 1;
        offset < content.length;
        offset += step, step = ((step * 7 + 1) % 200_000) + 1
      ) {
        yield content.subarray(offset, offset + step);
      }
    }
    const progress: UploadProgress[] = [];
    const uploaded = await uploadFile(bot, Readable.from(uneven()), {
      fileName: 'stream.bin',
      partSize: 128 * KIB,
      onProgress: (each) => progress.push(each),
    });
    expect(uploaded).toMatchObject({ size: content.length, file: { _: 'inputFile', parts: 25 } });
    // Read ahead to the end before the first part: the total is known from the start.
    expect(progress.at(-1)).toEqual({ uploadedBytes: content.length, totalBytes: content.length });
    const media = await sendAsDocument(uploaded);

    const sink = new PassThrough();
    const received: Buffer[] = [];
    sink.on('data', (chunk: Buffer) => received.push(chunk));
    // Size unknown to the download too: it stops at the first short chunk.
    await downloadFile(bot, { location: media.location }, sink, { chunkSize: 256 * KIB, concurrency: 3 });
    expect(sink.writableEnded).toBe(false);
    expect(sha256(Buffer.concat(received))).toBe(sha256(content));
  });

  it('refuses a stream that gives fewer or more bytes than its announced size', async () => {
    await expect(uploadFile(bot, Readable.from([patternBytes(1000)]), { size: 2000 })).rejects.toMatchObject({
      name: 'FileTransferError',
      reason: 'size-mismatch',
    });
    await expect(
      uploadFile(bot, Readable.from([patternBytes(600 * KIB)]), { size: 512 * KIB }),
    ).rejects.toMatchObject({ name: 'FileTransferError', reason: 'size-mismatch' });
  });

  it('aborts a download mid-way and leaves neither the target nor a temporary file', async () => {
    const content = patternBytes(4 * MIB, 5);
    const media = await sendAsDocument(await uploadFile(bot, content));
    const abort = new AbortController();
    const target = join(folder, 'aborted.bin');
    const download = downloadFile(bot, media, target, {
      chunkSize: 64 * KIB,
      concurrency: 2,
      signal: abort.signal,
      onProgress: ({ downloadedBytes }) => {
        if (downloadedBytes >= 256 * KIB) abort.abort();
      },
    });
    await expect(download).rejects.toMatchObject({ name: 'FileTransferError', reason: 'aborted' });
    expect(await readdir(folder)).toEqual([]);
  });

  it('aborts an upload mid-way with a typed error', async () => {
    const abort = new AbortController();
    const upload = uploadFile(bot, patternBytes(12 * MIB, 6), {
      concurrency: 2,
      signal: abort.signal,
      onProgress: () => abort.abort(),
    });
    await expect(upload).rejects.toMatchObject({ name: 'FileTransferError', reason: 'aborted' });
    // A stream that never gives a byte: the abort still ends the upload.
    const stalled = new Readable({ read() {} });
    const waiting = new AbortController();
    const stalledUpload = uploadFile(bot, stalled, { signal: waiting.signal });
    setTimeout(() => waiting.abort(), 50);
    await expect(stalledUpload).rejects.toMatchObject({ name: 'FileTransferError', reason: 'aborted' });
    expect(stalled.destroyed).toBe(true);
    const already = new AbortController();
    already.abort();
    await expect(uploadFile(bot, patternBytes(10), { signal: already.signal })).rejects.toMatchObject({
      reason: 'aborted',
    });
  });
});

function expectMonotonic(values: readonly number[], total: number): void {
  expect(values.length).toBeGreaterThan(1);
  for (let index = 1; index < values.length; index++)
    expect(values[index]!).toBeGreaterThan(values[index - 1]!);
  expect(values.at(-1)).toBe(total);
}
