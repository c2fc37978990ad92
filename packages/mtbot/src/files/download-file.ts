/**
 * downloadFile / downloadToBuffer: a file fetched with upload.getFile in chunks, several in flight,
 * written in order (core.telegram.org/api/files). Chunks are `chunkSize` bytes at offsets that are
 * multiples of it (a multiple of 4 KiB dividing 1 MiB), so no request crosses a 1 MiB boundary. At
 * most twice `concurrency` chunks wait for their turn to be written: memory stays bounded whatever the
 * file's size. A `303 FILE_MIGRATE_X` moves the download to DC X through the client's `invokeOnDc`.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { MigrateError, type Api } from 'telegram-mtproto-core';
import type { FileClient } from './file-client';
import { DOWNLOAD_CHUNK_SIZE_MAX, isValidChunkSize } from './file-limits';
import { FileTransferError } from './file-transfer-error';
import { checkConcurrency, checkSizeOption, runTransferWorkers } from './transfer-workers';
import { untilAborted, withRetries, type TransferRetryOptions } from './transfer-retry';

/** What to download: a file location, the DC that keeps it and its size, when known. */
export interface DownloadLocation {
  readonly location: Api.TypeInputFileLocation;
  /** The DC holding the file (a photo's or document's dc_id); default the client's own. */
  readonly dcId?: number;
  /** The size in bytes; when known, the download stops there and checks it got exactly that. */
  readonly size?: number;
}

/** How far a download got. */
export interface DownloadProgress {
  readonly downloadedBytes: number;
  readonly totalBytes: number | undefined;
}

/** Options of {@link downloadFile} and {@link downloadToBuffer}. */
export interface DownloadFileOptions extends TransferRetryOptions {
  /** Bytes per upload.getFile: a multiple of 4 KiB dividing 1 MiB. Default 1 MiB. */
  readonly chunkSize?: number;
  /** Chunks in flight at once. Default 4. */
  readonly concurrency?: number;
  /** Timeout of each chunk's call, in ms. Default the client's. */
  readonly chunkTimeoutMs?: number;
  readonly onProgress?: (progress: DownloadProgress) => void;
  readonly signal?: AbortSignal;
}

/** Where a download goes: a file path, or a writable stream (which is left open). */
export type DownloadTarget = string | Writable;

/**
 * Downloads `source` to a path (through a temporary file in the same folder, renamed into place once
 * complete and deleted on failure) or into a writable stream (not ended: the caller owns it). Resolves
 * with the number of bytes written. Fails with {@link FileTransferError}: `aborted`, `io`,
 * `size-mismatch`, `dc-unreachable`, `retries-exhausted` or `rpc`.
 *
 * @example
 * ```ts
 * const media = downloadableMedia(message.media);
 * await downloadFile(client, media, './photo.jpg', {
 *   onProgress: ({ downloadedBytes, totalBytes }) => console.log(downloadedBytes, '/', totalBytes),
 * });
 * ```
 */
export async function downloadFile(
  client: FileClient,
  source: DownloadLocation,
  target: DownloadTarget,
  options: DownloadFileOptions = {},
): Promise<number> {
  if (typeof target !== 'string') return downloadChunks(client, source, options, streamSink(target));
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);
  let handle: FileHandle;
  try {
    handle = await open(temporary, 'wx', 0o644);
  } catch (error) {
    throw ioError(`cannot create ${temporary}`, error);
  }
  let size: number;
  try {
    size = await downloadChunks(client, source, options, async (bytes) => {
      try {
        await handle.write(bytes);
      } catch (error) {
        throw ioError(`cannot write ${temporary}`, error);
      }
    });
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  try {
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw ioError(`cannot move the download to ${target}`, error);
  }
  return size;
}

/**
 * Downloads `source` into memory. Meant for files of known, moderate size (a photo, a small document):
 * a big file belongs on disk or in a stream ({@link downloadFile}).
 */
export async function downloadToBuffer(
  client: FileClient,
  source: DownloadLocation,
  options: DownloadFileOptions = {},
): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const size = await downloadChunks(client, source, options, (bytes) => {
    chunks.push(bytes);
    return Promise.resolve();
  });
  return Buffer.concat(chunks, size);
}

type ChunkSink = (bytes: Uint8Array) => Promise<void>;

async function downloadChunks(
  client: FileClient,
  source: DownloadLocation,
  options: DownloadFileOptions,
  sink: ChunkSink,
): Promise<number> {
  const chunkSize = options.chunkSize ?? DOWNLOAD_CHUNK_SIZE_MAX;
  if (!isValidChunkSize(chunkSize)) {
    throw new FileTransferError(
      'invalid-option',
      `chunkSize ${chunkSize} is not a multiple of 4 KiB dividing 1 MiB`,
    );
  }
  const concurrency = checkConcurrency(options.concurrency);
  const size = source.size;
  checkSizeOption(size);
  const fetcher = new ChunkFetcher(client, source, chunkSize, options);
  const order = new InOrderWriter(sink, 2 * concurrency);
  let nextIndex = 0;
  // Chunks from here on are past the end: known from the size, or found from a short chunk.
  let endIndex = size === undefined ? Number.POSITIVE_INFINITY : Math.ceil(size / chunkSize);
  await runTransferWorkers(concurrency, options.signal, 'download', async (signal) => {
    for (;;) {
      await order.waitForRoom(nextIndex, signal);
      if (nextIndex >= endIndex) return;
      const index = nextIndex++;
      const bytes = await fetcher.fetch(index, signal);
      if (bytes.length < chunkSize && size === undefined)
        endIndex = Math.min(endIndex, index + (bytes.length > 0 ? 1 : 0));
      if (index >= endIndex) {
        order.skip(index);
        continue;
      }
      const written = order.put(index, bytes, () =>
        options.onProgress?.({ downloadedBytes: order.writtenBytes, totalBytes: size }),
      );
      await untilAborted(written, signal, 'download');
    }
  });
  if (size !== undefined && order.writtenBytes !== size) {
    throw new FileTransferError(
      'size-mismatch',
      `the file has ${order.writtenBytes} bytes, ${size} were expected`,
    );
  }
  return order.writtenBytes;
}

/** upload.getFile of one chunk, on the DC that holds the file, retried within the cap. */
class ChunkFetcher {
  private dcId: number | undefined;

  constructor(
    private readonly client: FileClient,
    private readonly source: DownloadLocation,
    private readonly chunkSize: number,
    private readonly options: DownloadFileOptions,
  ) {
    this.dcId = source.dcId;
  }

  async fetch(index: number, signal: AbortSignal): Promise<Uint8Array> {
    const label = `upload.getFile of chunk ${index}`;
    try {
      const file = await withRetries(
        () => this.call(index, signal),
        { label, part: index },
        signal,
        this.options,
      );
      if (file._ !== 'upload.file') {
        throw new FileTransferError('rpc', `${label}: CDN redirects are not supported`, { part: index });
      }
      return file.bytes;
    } catch (error) {
      if (FileTransferError.isInstance(error)) throw error;
      throw new FileTransferError('rpc', `${label} failed: ${(error as Error).message}`, {
        part: index,
        cause: error,
      });
    }
  }

  private async call(index: number, signal: AbortSignal): Promise<Api.TypeUploadFile> {
    const request: Api.UploadGetFileRequest = {
      _: 'upload.getFile',
      location: this.source.location,
      offset: BigInt(index) * BigInt(this.chunkSize),
      limit: this.chunkSize,
    };
    const callOptions = { signal, timeoutMs: this.options.chunkTimeoutMs };
    // Chunks run in parallel: compare with the DC this call went to, not one another chunk moved to.
    const calledDc = this.dcId;
    try {
      return await this.invoke(calledDc, request, callOptions);
    } catch (error) {
      if (!MigrateError.isInstance(error) || error.type !== 'FILE_MIGRATE' || error.dcId === calledDc)
        throw error;
      if (this.client.invokeOnDc === undefined) {
        throw new FileTransferError(
          'dc-unreachable',
          `the file is kept on DC ${error.dcId} and this client cannot call other DCs (no invokeOnDc)`,
          { part: index, cause: error },
        );
      }
      this.dcId = error.dcId;
      return await this.invoke(error.dcId, request, callOptions);
    }
  }

  private invoke(
    dcId: number | undefined,
    request: Api.UploadGetFileRequest,
    callOptions: { signal: AbortSignal; timeoutMs: number | undefined },
  ): Promise<Api.TypeUploadFile> {
    if (dcId === undefined || this.client.invokeOnDc === undefined)
      return this.client.invoke(request, callOptions);
    return this.client.invokeOnDc(dcId, request, callOptions);
  }
}

/**
 * Puts chunks that arrive out of order back in order for the sink, and holds fetching back so that
 * no more than `window` chunks are ahead of the last one written.
 */
class InOrderWriter {
  writtenBytes = 0;
  private nextToWrite = 0;
  private readonly waiting = new Map<number, Uint8Array | undefined>();
  private writing: Promise<void> = Promise.resolve();
  private wakers: Array<() => void> = [];

  constructor(
    private readonly sink: ChunkSink,
    private readonly window: number,
  ) {}

  /** Resolves once chunk `index` may be fetched (or the transfer is aborted). */
  async waitForRoom(index: number, signal: AbortSignal): Promise<void> {
    while (index >= this.nextToWrite + this.window && !signal.aborted) {
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          signal.removeEventListener('abort', wake);
          resolve();
        };
        this.wakers.push(wake);
        signal.addEventListener('abort', wake, { once: true });
      });
    }
  }

  /** A chunk past the end: nothing to write, but its turn passes. */
  skip(index: number): void {
    this.waiting.set(index, undefined);
  }

  /** Queues chunk `index` and writes every chunk now in order; resolves when that is done. */
  put(index: number, bytes: Uint8Array, written: () => void): Promise<void> {
    this.waiting.set(index, bytes);
    this.writing = this.writing.then(() => this.flush(written));
    return this.writing;
  }

  private async flush(written: () => void): Promise<void> {
    while (this.waiting.has(this.nextToWrite)) {
      const bytes = this.waiting.get(this.nextToWrite);
      this.waiting.delete(this.nextToWrite);
      if (bytes !== undefined) {
        await this.sink(bytes);
        this.writtenBytes += bytes.length;
        written();
      }
      this.nextToWrite++;
      for (const wake of this.wakers.splice(0)) wake();
    }
  }
}

/** Writes into a stream, waiting for 'drain' when its buffer is full; an error or a close fails it. */
function streamSink(stream: Writable): ChunkSink {
  return (bytes) =>
    new Promise<void>((resolve, reject) => {
      if (stream.destroyed || stream.writableEnded) {
        reject(ioError('cannot write the target stream', new Error('the stream is closed')));
        return;
      }
      const settle = (error?: unknown): void => {
        stream.off('error', onError);
        stream.off('close', onClose);
        stream.off('drain', onDrain);
        if (error === undefined) resolve();
        else reject(ioError('cannot write the target stream', error));
      };
      const onError = (error: unknown): void => settle(error);
      const onClose = (): void => settle(new Error('the stream closed'));
      const onDrain = (): void => settle();
      stream.on('error', onError);
      stream.on('close', onClose);
      if (stream.write(bytes)) settle();
      else stream.on('drain', onDrain);
    });
}

function ioError(message: string, cause: unknown): FileTransferError {
  return new FileTransferError('io', `${message}: ${(cause as Error).message ?? String(cause)}`, { cause });
}
