/**
 * uploadFile: a file sent to Telegram in parts, several in flight at once (core.telegram.org/api/files).
 * Files up to 10 MB go through upload.saveFilePart with an MD5 checksum; bigger ones through
 * upload.saveBigFilePart. A stream of unknown size is read ahead up to 10 MB to tell which it is; past
 * that it is uploaded as a big file with file_total_parts = -1 on every part but the last, which names
 * the real count. Memory stays bounded by the parts in flight (plus that 10 MB look-ahead for streams
 * of unknown size).
 */
import { createHash, randomBytes, type Hash } from 'node:crypto';
import type { Api } from 'telegram-mtproto-core';
import type { FileClient } from './file-client';
import {
  BIG_FILE_THRESHOLD,
  UPLOAD_PARTS_MAX,
  UPLOAD_PARTS_MAX_PREMIUM,
  UPLOAD_PART_SIZE_MAX,
  isValidPartSize,
} from './file-limits';
import { FileTransferError } from './file-transfer-error';
import { checkConcurrency, checkSizeOption, runTransferWorkers } from './transfer-workers';
import { throwIfAborted, untilAborted, withRetries, type TransferRetryOptions } from './transfer-retry';
import { openUploadSource, type PartReader, type UploadSource } from './upload-source';

/** How far an upload got. */
export interface UploadProgress {
  readonly uploadedBytes: number;
  /** Undefined while a stream of unknown size is still being read. */
  readonly totalBytes: number | undefined;
}

/** Options of {@link uploadFile}. */
export interface UploadFileOptions extends TransferRetryOptions {
  /** The name Telegram shows; default the path's base name, else `file`. */
  readonly fileName?: string;
  /** Size of a stream source when known (then checked against what the stream gives). */
  readonly size?: number;
  /** Bytes per part: a multiple of 1 KiB dividing 512 KiB. Default 512 KiB. */
  readonly partSize?: number;
  /** Parts in flight at once. Default 4. */
  readonly concurrency?: number;
  /** The account is premium: up to 8000 parts (4000 MiB) instead of 4000 (2000 MiB). */
  readonly premium?: boolean;
  /** The upload's file_id; default a random one. Uploading again with the same id replaces the parts. */
  readonly fileId?: bigint;
  /** Timeout of each part's call, in ms. Default the client's. */
  readonly partTimeoutMs?: number;
  readonly onProgress?: (progress: UploadProgress) => void;
  readonly signal?: AbortSignal;
}

/** An uploaded file, ready for inputMediaUploadedPhoto / inputMediaUploadedDocument. */
export interface UploadedFile {
  /** inputFile (with MD5) for files up to 10 MB, inputFileBig above. */
  readonly file: Api.InputFile | Api.InputFileBig;
  readonly name: string;
  readonly size: number;
}

/** One part read from the source, ready to send. */
interface UploadPart {
  readonly index: number;
  readonly bytes: Uint8Array;
  readonly last: boolean;
}

/**
 * Uploads `source` (a path, bytes, or a readable stream) in parts and returns the InputFile naming it.
 * Fails with {@link FileTransferError}: `not-found`, `not-a-file`, `empty`, `too-big`, `size-mismatch`,
 * `io`, `aborted`, `retries-exhausted` or `rpc` (with the part number where one part was at fault).
 *
 * @example
 * ```ts
 * const uploaded = await uploadFile(client, './report.pdf', {
 *   onProgress: ({ uploadedBytes, totalBytes }) => console.log(uploadedBytes, '/', totalBytes),
 * });
 * await client.invoke({ _: 'messages.sendMedia', peer, media: uploadedDocumentMedia(uploaded),
 *   message: '', random_id: 1n });
 * ```
 */
export async function uploadFile(
  client: FileClient,
  source: UploadSource,
  options: UploadFileOptions = {},
): Promise<UploadedFile> {
  const partSize = options.partSize ?? UPLOAD_PART_SIZE_MAX;
  if (!isValidPartSize(partSize)) {
    throw new FileTransferError(
      'invalid-option',
      `partSize ${partSize} is not a multiple of 1 KiB dividing 512 KiB`,
    );
  }
  const concurrency = checkConcurrency(options.concurrency);
  checkSizeOption(options.size);
  const maxParts = options.premium === true ? UPLOAD_PARTS_MAX_PREMIUM : UPLOAD_PARTS_MAX;
  const maxBytes = maxParts * partSize;
  const reader = await openUploadSource(source, options.size);
  try {
    checkSize(reader.size, maxBytes);
    const planning = planUpload(reader, partSize, maxParts);
    // Reading ahead a stream of unknown size may wait on the stream: the caller's abort ends that too.
    const plan = await (options.signal ? untilAborted(planning, options.signal, 'upload') : planning);
    const name = options.fileName ?? reader.name ?? 'file';
    const fileId = options.fileId ?? randomFileId();
    const parts = new PartProducer(reader, plan, partSize, maxParts);
    let uploadedBytes = 0;
    await runTransferWorkers(concurrency, options.signal, 'upload', async (signal) => {
      for (;;) {
        const part = await parts.next(signal);
        if (part === undefined) return;
        await sendPart(client, fileId, part, plan, signal, options);
        uploadedBytes += part.bytes.length;
        options.onProgress?.({ uploadedBytes, totalBytes: parts.knownSize });
      }
    });
    const size = parts.bytesRead;
    const file: Api.InputFile | Api.InputFileBig = plan.big
      ? { _: 'inputFileBig', id: fileId, parts: parts.count, name }
      : { _: 'inputFile', id: fileId, parts: parts.count, name, md5_checksum: parts.md5() };
    return { file, name, size };
  } finally {
    await reader.close();
  }
}

/** Small or big, and the size when known, decided before the first part leaves. */
interface UploadPlan {
  readonly big: boolean;
  readonly size: number | undefined;
  /** The number of parts, when the size is known. */
  readonly totalParts: number | undefined;
  /** Parts read ahead to decide (streams of unknown size only). */
  readonly readAhead: Uint8Array[];
}

async function planUpload(reader: PartReader, partSize: number, maxParts: number): Promise<UploadPlan> {
  const known = (size: number, readAhead: Uint8Array[]): UploadPlan => ({
    big: size > BIG_FILE_THRESHOLD,
    size,
    totalParts: Math.ceil(size / partSize),
    readAhead,
  });
  if (reader.size !== undefined) return known(reader.size, []);
  // Unknown size: read until the file is known to be small (it ended) or big (past 10 MB).
  const readAhead: Uint8Array[] = [];
  let bytes = 0;
  while (bytes <= BIG_FILE_THRESHOLD) {
    const part = await reader.read(partSize);
    if (part.length === 0) break;
    readAhead.push(part);
    bytes += part.length;
    if (part.length < partSize) break;
  }
  if (readAhead.length > maxParts) throw tooBig(maxParts * partSize);
  if (bytes > BIG_FILE_THRESHOLD) return { big: true, size: undefined, totalParts: undefined, readAhead };
  checkSize(bytes, maxParts * partSize);
  return known(bytes, readAhead);
}

/**
 * Hands out the parts in order to the workers, one read at a time, reading one part ahead so each
 * part knows whether it is the last. Counts bytes against the announced size and hashes small files.
 */
class PartProducer {
  bytesRead = 0;
  count = 0;
  private readonly hash: Hash | undefined;
  private lookahead: Promise<Uint8Array> | undefined;
  private reading: Promise<unknown> = Promise.resolve();
  private done = false;

  constructor(
    private readonly reader: PartReader,
    private readonly plan: UploadPlan,
    private readonly partSize: number,
    private readonly maxParts: number,
  ) {
    this.hash = plan.big ? undefined : createHash('md5');
  }

  /** The total size once known: announced, or found at the end of a stream. */
  get knownSize(): number | undefined {
    return this.plan.size ?? (this.done ? this.bytesRead : undefined);
  }

  /** The next part, or undefined when all were handed out. Serialized: parts come out in order. */
  next(signal: AbortSignal): Promise<UploadPart | undefined> {
    const result = this.reading.then(() => this.produce(signal));
    this.reading = result.catch(() => undefined);
    return untilAborted(result, signal, 'upload');
  }

  md5(): string {
    return this.hash?.digest('hex') ?? '';
  }

  private async produce(signal: AbortSignal): Promise<UploadPart | undefined> {
    throwIfAborted(signal, { label: 'upload' });
    if (this.done) return undefined;
    const bytes = await (this.lookahead ?? this.readPart());
    if (bytes.length === 0) {
      this.done = true;
      if (this.count === 0) throw emptySource();
      return undefined;
    }
    const index = this.count++;
    this.bytesRead += bytes.length;
    this.hash?.update(bytes);
    if (index >= this.maxParts) throw tooBig(this.maxParts * this.partSize);
    const announced = this.plan.size;
    if (announced !== undefined && this.bytesRead > announced) throw sizeMismatch(announced, 'more');
    this.lookahead = this.readPart();
    const following = await this.lookahead;
    const last = following.length === 0;
    if (last) {
      this.done = true;
      if (announced !== undefined && this.bytesRead !== announced) throw sizeMismatch(announced, 'fewer');
    } else if (bytes.length < this.partSize) {
      // A short part in the middle: a stream that paused is fine (parts are re-gathered), a file is not.
      throw sizeMismatch(announced ?? this.bytesRead, 'fewer');
    }
    return { index, bytes, last };
  }

  private readPart(): Promise<Uint8Array> {
    const buffered = this.plan.readAhead.shift();
    return buffered !== undefined ? Promise.resolve(buffered) : this.reader.read(this.partSize);
  }
}

async function sendPart(
  client: FileClient,
  fileId: bigint,
  part: UploadPart,
  plan: UploadPlan,
  signal: AbortSignal,
  options: UploadFileOptions,
): Promise<void> {
  const callOptions = { signal, timeoutMs: options.partTimeoutMs };
  const request: Api.UploadSaveFilePartRequest | Api.UploadSaveBigFilePartRequest = plan.big
    ? {
        _: 'upload.saveBigFilePart',
        file_id: fileId,
        file_part: part.index,
        // A stream of unknown size says -1 until its last part (core.telegram.org/api/files).
        file_total_parts: plan.totalParts ?? (part.last ? part.index + 1 : -1),
        bytes: part.bytes,
      }
    : { _: 'upload.saveFilePart', file_id: fileId, file_part: part.index, bytes: part.bytes };
  const label = `${request._} of part ${part.index}`;
  try {
    const saved = await withRetries(
      () => client.invoke(request, callOptions),
      { label, part: part.index },
      signal,
      options,
    );
    if (saved !== true)
      throw new FileTransferError('rpc', `${label}: the server answered false`, { part: part.index });
  } catch (error) {
    if (FileTransferError.isInstance(error)) throw error;
    throw new FileTransferError('rpc', `${label} failed: ${(error as Error).message}`, {
      part: part.index,
      cause: error,
    });
  }
}

function checkSize(size: number | undefined, maxBytes: number): void {
  if (size === 0) throw emptySource();
  if (size !== undefined && size > maxBytes) throw tooBig(maxBytes);
}

function emptySource(): FileTransferError {
  return new FileTransferError('empty', 'the file is empty: Telegram accepts no empty uploads');
}

function tooBig(maxBytes: number): FileTransferError {
  return new FileTransferError(
    'too-big',
    `the file is over ${maxBytes / (1024 * 1024)} MiB, the most one upload may carry (premium accounts: twice that)`,
  );
}

function sizeMismatch(announced: number, direction: 'more' | 'fewer'): FileTransferError {
  return new FileTransferError(
    'size-mismatch',
    `the source gave ${direction} bytes than its size, ${announced}`,
  );
}

/** A random positive file_id (a TL long). */
function randomFileId(): bigint {
  return randomBytes(8).readBigInt64LE() & 0x7fff_ffff_ffff_ffffn || 1n;
}
