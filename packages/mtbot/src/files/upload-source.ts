/**
 * The bytes of an upload, read in order one part at a time, whatever they come from: a path (read
 * with positioned reads, so a 2 GB file never sits in memory), bytes already in memory (sliced, not
 * copied), or a readable stream (its chunks gathered into parts as they arrive).
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { FileTransferError } from './file-transfer-error';

/** What can be uploaded: a file path, bytes, or a readable stream of bytes. */
export type UploadSource = string | Uint8Array | Readable;

/** An opened source: its size when known, a name for it, and its bytes part by part. */
export interface PartReader {
  /** Total bytes, when known before reading (a path, bytes, a stream given a size). */
  readonly size: number | undefined;
  /** A file name taken from the source (a path's base name), if it has one. */
  readonly name: string | undefined;
  /** The next `length` bytes; fewer only at the end, an empty array once everything was read. */
  read(length: number): Promise<Uint8Array>;
  /** Lets go of the file or stream; safe to call twice. */
  close(): Promise<void>;
}

/** Opens `source`; `size` is the announced size of a stream (ignored for paths and bytes). */
export async function openUploadSource(source: UploadSource, size: number | undefined): Promise<PartReader> {
  if (typeof source === 'string') return openPath(source);
  if (source instanceof Uint8Array) return bytesReader(source);
  if (isReadable(source)) return streamReader(source, size);
  throw new FileTransferError(
    'invalid-option',
    'upload source must be a path, a Buffer/Uint8Array or a Readable',
  );
}

async function openPath(path: string): Promise<PartReader> {
  let handle: FileHandle;
  let size: number;
  try {
    const stats = await stat(path);
    if (!stats.isFile()) throw new FileTransferError('not-a-file', `${path} is not a regular file`);
    size = stats.size;
    handle = await open(path, 'r');
  } catch (error) {
    if (FileTransferError.isInstance(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new FileTransferError('not-found', `no file at ${path}`, { cause: error });
    }
    throw new FileTransferError('io', `cannot open ${path}: ${(error as Error).message}`, { cause: error });
  }
  let position = 0;
  let closed = false;
  return {
    size,
    name: basename(path),
    async read(length) {
      const buffer = Buffer.allocUnsafe(length);
      let filled = 0;
      try {
        while (filled < length) {
          const { bytesRead } = await handle.read(buffer, filled, length - filled, position);
          if (bytesRead === 0) break;
          filled += bytesRead;
          position += bytesRead;
        }
      } catch (error) {
        throw new FileTransferError('io', `cannot read ${path}: ${(error as Error).message}`, {
          cause: error,
        });
      }
      return filled === length ? buffer : buffer.subarray(0, filled);
    },
    async close() {
      if (closed) return;
      closed = true;
      await handle.close().catch(() => undefined);
    },
  };
}

function bytesReader(bytes: Uint8Array): PartReader {
  let position = 0;
  return {
    size: bytes.length,
    name: undefined,
    read(length) {
      const part = bytes.subarray(position, position + length);
      position += part.length;
      return Promise.resolve(part);
    },
    close: () => Promise.resolve(),
  };
}

function streamReader(stream: Readable, size: number | undefined): PartReader {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<unknown>;
  const pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let ended = false;
  const path = (stream as { path?: unknown }).path;
  return {
    size,
    name: typeof path === 'string' ? basename(path) : undefined,
    async read(length) {
      while (pendingBytes < length && !ended) {
        let next: IteratorResult<unknown>;
        try {
          next = await chunks.next();
        } catch (error) {
          throw new FileTransferError('io', `the source stream failed: ${(error as Error).message}`, {
            cause: error,
          });
        }
        if (next.done === true) {
          ended = true;
          break;
        }
        const chunk = toBytes(next.value);
        if (chunk.length === 0) continue;
        pending.push(chunk);
        pendingBytes += chunk.length;
      }
      return take(Math.min(length, pendingBytes));
    },
    async close() {
      if (ended) return;
      ended = true;
      // Destroyed first: a read still waiting on a stalled stream then ends, and return() is not
      // queued behind it forever.
      stream.destroy();
      await chunks.return?.().catch(() => undefined);
    },
  };

  function take(length: number): Uint8Array {
    if (length === 0) return new Uint8Array(0);
    const first = pending[0]!;
    if (first.length === length) {
      pending.shift();
      pendingBytes -= length;
      return first;
    }
    if (first.length > length) {
      pending[0] = first.subarray(length);
      pendingBytes -= length;
      return first.subarray(0, length);
    }
    const part = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const chunk = pending[0]!;
      const used = Math.min(chunk.length, length - filled);
      part.set(chunk.subarray(0, used), filled);
      filled += used;
      if (used === chunk.length) pending.shift();
      else pending[0] = chunk.subarray(used);
    }
    pendingBytes -= length;
    return part;
  }
}

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk);
  throw new FileTransferError('io', 'the source stream gave something other than bytes (object mode?)');
}

function isReadable(value: unknown): value is Readable {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Readable)[Symbol.asyncIterator] === 'function' &&
    typeof (value as Readable).pipe === 'function'
  );
}
