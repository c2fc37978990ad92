import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, StorageError } from 'telegram-mtproto-core';
import type { KeyValueStore } from './key-value-store';

/** Longest file name written, well under the 255 bytes file systems allow. */
const MAX_FILE_NAME_LENGTH = 200;

/**
 * A {@link KeyValueStore} in a directory, one file a key, each written atomically: the value goes to
 * a temporary file that is flushed to disk (`fsync`) and then renamed over the key's file, so a crash
 * leaves the old value or the new one, never half of one. Writing one small file a key keeps a
 * broadcast's progress mark cheap however many chats it has (a single JSON file would be rewritten
 * whole for every chat). Files are created with mode 0600 in a directory of mode 0700.
 *
 * @example
 * ```ts
 * const store = new FileKeyValueStore('./data/broadcasts');
 * await store.set('greeting', 'hello');
 * ```
 */
export class FileKeyValueStore implements KeyValueStore {
  private ready: Promise<void> | undefined;

  constructor(readonly directory: string) {}

  async get(key: string): Promise<string | undefined> {
    const path = this.pathOf(key);
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw new StorageError('io', `cannot read ${path}: ${describe(error)}`, { cause: error });
    }
  }

  async set(key: string, value: string): Promise<void> {
    const path = this.pathOf(key);
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await this.ensureDirectory();
      const file = await open(temporary, 'w', 0o600);
      try {
        await file.writeFile(value, 'utf8');
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, path);
      await syncDirectory(this.directory);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw new StorageError('io', `cannot write ${path}: ${describe(error)}`, { cause: error });
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    try {
      await unlink(path);
    } catch (error) {
      if (isMissing(error)) return;
      throw new StorageError('io', `cannot delete ${path}: ${describe(error)}`, { cause: error });
    }
  }

  private ensureDirectory(): Promise<void> {
    this.ready ??= mkdir(this.directory, { recursive: true, mode: 0o700 }).then(() => undefined);
    return this.ready.catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
  }

  private pathOf(key: string): string {
    const name = fileNameOf(key);
    if (name.length > MAX_FILE_NAME_LENGTH) {
      throw new ConfigError(
        `key-value store key is too long for a file name (${key.length} characters): ${key.slice(0, 40)}…`,
      );
    }
    return join(this.directory, name);
  }
}

/**
 * The file name of a key: lower-case letters, digits, `-` and `_` stay, every other byte of its UTF-8
 * is `%XX` in upper-case hex. So names never collide, even on file systems that ignore case, and no
 * key can name `.`, `..` or a path.
 */
export function fileNameOf(key: string): string {
  if (key.length === 0) throw new ConfigError('key-value store keys must not be empty');
  let name = '';
  for (const byte of new TextEncoder().encode(key)) {
    const character = String.fromCharCode(byte);
    name += /[a-z0-9_-]/.test(character) ? character : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return name;
}

/** Flushes the directory entry of the rename, so it survives a power loss too (not possible everywhere). */
async function syncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot open or flush a directory; the rename itself is still atomic.
  } finally {
    await handle?.close();
  }
}

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === 'ENOENT';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
