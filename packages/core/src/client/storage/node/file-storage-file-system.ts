import { open, readdir, readFile, rename, unlink } from 'node:fs/promises';

/**
 * The file operations {@link FileStorage} needs, injectable so tests can make one of them fail (a
 * crash between writing the temporary file and renaming it, say).
 */
export interface FileStorageFileSystem {
  /** The file's bytes, or undefined when it does not exist. */
  readFile(path: string): Promise<Uint8Array | undefined>;
  /** Creates `path` (it must not exist) with `mode`, writes `data` and fsyncs it before resolving. */
  writeNewFileDurably(path: string, data: Uint8Array, mode: number): Promise<void>;
  /** Atomically replaces `to` with `from` (same directory). */
  rename(from: string, to: string): Promise<void>;
  /** Fsyncs a directory so a rename in it survives a power loss (best effort where unsupported). */
  syncDirectory(path: string): Promise<void>;
  /** Names of the entries of a directory. */
  listDirectory(path: string): Promise<string[]>;
  /** Deletes a file; a missing file is not an error. */
  remove(path: string): Promise<void>;
}

/** The real file system (node:fs/promises). */
export const nodeFileStorageFileSystem: FileStorageFileSystem = {
  async readFile(path) {
    try {
      const buffer = await readFile(path);
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
  },
  async writeNewFileDurably(path, data, mode) {
    const handle = await open(path, 'wx', mode);
    try {
      // The mode given to open() is filtered by the umask; chmod states it exactly.
      await handle.chmod(mode);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => rename(from, to),
  async syncDirectory(path) {
    let handle;
    try {
      handle = await open(path, 'r');
      await handle.sync();
    } catch (error) {
      // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
      const code = errorCode(error);
      if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw error;
    } finally {
      await handle?.close();
    }
  },
  listDirectory: (path) => readdir(path),
  async remove(path) {
    try {
      await unlink(path);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
  },
};

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { code?: string }).code : undefined;
}
