import { hasErrorMarker, MtbotError } from 'telegram-mtproto-core';

const MARKER = Symbol.for('mtbot.error.FileTransferError');

/** Why an upload or a download failed. */
export type FileTransferErrorReason =
  /** The source path does not exist. */
  | 'not-found'
  /** The source path is not a regular file (a directory, a socket, ...). */
  | 'not-a-file'
  /** The source has no bytes: Telegram refuses empty files. */
  | 'empty'
  /** The source is past the most parts an account may upload (2000 MiB, 4000 MiB with premium). */
  | 'too-big'
  /** The source gave more or fewer bytes than the size it announced, or a download did. */
  | 'size-mismatch'
  /** The source could not be read, or the target written. */
  | 'io'
  /** An option is out of range (part size, chunk size, concurrency). */
  | 'invalid-option'
  /** The caller's AbortSignal fired. */
  | 'aborted'
  /** A part or chunk still failed after the retries allowed. */
  | 'retries-exhausted'
  /** The server answered with an error retrying cannot fix. */
  | 'rpc'
  /** The file is kept on another DC and the client cannot call other DCs (no `invokeOnDc`). */
  | 'dc-unreachable'
  /** The media has nothing to download (empty photo, no document, a geo point, ...). */
  | 'nothing-to-download';

/**
 * An upload or download that failed, with the `reason` and, where one part or chunk was at fault,
 * its `part` number (0-based). The underlying error, if any, is the `cause`.
 *
 * @example
 * ```ts
 * try { await uploadFile(client, './report.pdf') } catch (error) {
 *   if (FileTransferError.isInstance(error) && error.reason === 'not-found') console.error('no such file')
 * }
 * ```
 */
export class FileTransferError extends MtbotError {
  readonly [MARKER] = true;

  constructor(
    readonly reason: FileTransferErrorReason,
    message: string,
    options: { readonly part?: number; readonly cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'FileTransferError';
    this.part = options.part;
  }

  /** The 0-based part (upload) or chunk (download) that failed, when one did. */
  readonly part: number | undefined;

  static override isInstance(value: unknown): value is FileTransferError {
    return hasErrorMarker(value, MARKER);
  }
}
