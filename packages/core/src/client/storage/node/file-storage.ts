import { basename, dirname, join, resolve } from 'node:path';
import { StorageError } from '../../../errors/storage-error';
import { JsonMapStorage } from '../json-map-storage';
import type { JsonValue } from '../storage-key';
import { nodeFileStorageFileSystem, type FileStorageFileSystem } from './file-storage-file-system';
import { SessionFileLock, type SessionLockOptions } from './session-file-lock';

/** What the file says it is; anything else is refused rather than overwritten. */
const FORMAT = 'mtbot-session';
const VERSION = 1;
/** Owner read/write only: the file holds auth keys (DESIGN.md, "secrets stay secret"). */
const FILE_MODE = 0o600;

/** Options of {@link FileStorage.open}. */
export interface FileStorageOptions {
  /** File operations; the real file system by default (tests inject failures here). */
  readonly fileSystem?: FileStorageFileSystem;
  /**
   * The session lock (`<file>.lock`): options such as a wait `timeoutMs`, or `false` to open without
   * locking (only where the file system cannot hold the lock file and one process is guaranteed).
   */
  readonly lock?: SessionLockOptions | false;
}

/**
 * A {@link SessionStorage} in one JSON file. Every change is written atomically: the whole content goes
 * to a temporary file in the same directory (mode 0600), which is fsynced and then renamed over the
 * old file, and the directory is fsynced. A crash at any point leaves either the old file or the new
 * one, never a mix. Changes made while a write is running are coalesced into the next write; each
 * `set` resolves once a write containing it is durable.
 *
 * A file that is not valid JSON or not in this format is refused with StorageError `corrupt` instead
 * of being replaced: starting over would silently discard the auth key. Byte values (auth keys) are
 * stored as base64; no message or log includes them.
 *
 * One process at a time: opening takes an exclusive lock (`<file>.lock`, see {@link SessionFileLock})
 * and a second opener, in this process or another, gets StorageError `locked` naming the holder's pid
 * and host, because two clients sharing one auth key fight (Telegram answers AUTH_KEY_DUPLICATED).
 * `close()` releases it; so does the process exiting; the lock of a killed process is taken over by
 * the next opener with a warning.
 *
 * @example
 * ```ts
 * const storage = await FileStorage.open('./bot.session.json');
 * const client = new MtprotoClient({ ...options, storage });
 * ```
 */
export class FileStorage extends JsonMapStorage {
  private lastWrite: Promise<void> = Promise.resolve();
  private nextWrite: Promise<void> | undefined;
  private temporaryCounter = 0;

  private constructor(
    /** Absolute path of the session file. */
    readonly path: string,
    entries: Map<string, JsonValue>,
    private readonly fileSystem: FileStorageFileSystem,
    private readonly lock: SessionFileLock | undefined,
  ) {
    super(entries);
  }

  /**
   * Opens (or, when it does not exist, starts) the session file at `path`, locking it first. Leftover
   * temporary files of an interrupted write are removed. Throws StorageError `locked` when another
   * opener holds it, `corrupt` or `unsupported-version` for a file it cannot trust, `io` when it
   * cannot be read.
   */
  static async open(path: string, options: FileStorageOptions = {}): Promise<FileStorage> {
    const fileSystem = options.fileSystem ?? nodeFileStorageFileSystem;
    const absolute = resolve(path);
    const lock = options.lock === false ? undefined : await SessionFileLock.acquire(absolute, options.lock);
    try {
      let bytes: Uint8Array | undefined;
      try {
        bytes = await fileSystem.readFile(absolute);
      } catch (error) {
        throw new StorageError('io', `cannot read session file ${absolute}: ${describe(error)}`, {
          cause: error,
        });
      }
      const entries = bytes === undefined ? new Map<string, JsonValue>() : parseSessionFile(absolute, bytes);
      // Under the lock, every temporary file is a dead writer's: no live one can be mid-write.
      await removeLeftovers(fileSystem, absolute);
      return new FileStorage(absolute, entries, fileSystem, lock);
    } catch (error) {
      await lock?.release();
      throw error;
    }
  }

  protected persist(): Promise<void> {
    // One write may be waiting at a time: it takes its snapshot when it starts, so it carries every
    // change made before then, and callers arriving meanwhile share it.
    if (this.nextWrite !== undefined) return this.nextWrite;
    const write = this.lastWrite
      .catch(() => undefined)
      .then(() => {
        this.nextWrite = undefined;
        return this.writeSnapshot();
      });
    this.nextWrite = write;
    this.lastWrite = write;
    return write;
  }

  protected async release(): Promise<void> {
    await this.lastWrite.catch(() => undefined);
    await this.lock?.release();
  }

  private async writeSnapshot(): Promise<void> {
    const content: { [key: string]: JsonValue } = {};
    for (const [name, value] of this.entries) content[name] = value;
    const text = JSON.stringify({ format: FORMAT, version: VERSION, entries: content }, null, 2) + '\n';
    const directory = dirname(this.path);
    const temporary = join(
      directory,
      `${temporaryPrefix(this.path)}${process.pid}-${++this.temporaryCounter}.tmp`,
    );
    try {
      await this.fileSystem.writeNewFileDurably(temporary, new TextEncoder().encode(text), FILE_MODE);
      await this.fileSystem.rename(temporary, this.path);
      await this.fileSystem.syncDirectory(directory);
    } catch (error) {
      await this.fileSystem.remove(temporary).catch(() => undefined);
      throw new StorageError('io', `cannot write session file ${this.path}: ${describe(error)}`, {
        cause: error,
      });
    }
  }
}

/** Temporary files sit next to the session file: `.<name>.` + pid-counter + `.tmp`. */
function temporaryPrefix(path: string): string {
  return `.${basename(path)}.`;
}

function parseSessionFile(path: string, bytes: Uint8Array): Map<string, JsonValue> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    // JSON.parse's message quotes the text around the error, which may be key material: not kept.
    throw new StorageError(
      'corrupt',
      `session file ${path} is not valid JSON; it was left untouched (restore it from a backup, or delete it to log in again)`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { format?: unknown }).format !== FORMAT) {
    throw new StorageError('corrupt', `${path} is not an mtbot session file (no "format": "${FORMAT}")`);
  }
  const { version, entries } = parsed as { version?: unknown; entries?: unknown };
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    throw new StorageError('corrupt', `session file ${path} has no valid version`);
  }
  if (version > VERSION) {
    throw new StorageError(
      'unsupported-version',
      `session file ${path} has format version ${version}; this mtbot reads up to ${VERSION} (upgrade mtbot)`,
    );
  }
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
    throw new StorageError('corrupt', `session file ${path} has no "entries" object`);
  }
  return new Map(Object.entries(entries as Record<string, JsonValue>));
}

async function removeLeftovers(fileSystem: FileStorageFileSystem, path: string): Promise<void> {
  const prefix = temporaryPrefix(path);
  let names: string[];
  try {
    names = await fileSystem.listDirectory(dirname(path));
  } catch {
    // The directory may not exist yet (the first write will say so); nothing to clean then.
    return;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith('.tmp')) {
      await fileSystem.remove(join(dirname(path), name)).catch(() => undefined);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
