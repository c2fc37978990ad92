import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Api } from 'telegram-mtproto-core';
import type { FileClient } from '../../src/files/file-client';
import { FileTransferError } from '../../src/files/file-transfer-error';
import { downloadToBuffer } from '../../src/files/download-file';
import { uploadFile } from '../../src/files/upload-file';

const MIB = 1024 * 1024;

/**
 * A client that must never be called: every case here is refused before anything goes out. (These
 * are checks of the source and options; the uploads that reach a server run against the local DC.)
 */
const unreachable: FileClient = {
  invoke: () => Promise.reject(new Error('no call was expected')),
};

/** A stream that announces a size and would give bytes only if read (it never is here). */
const neverRead = (): Readable =>
  new Readable({
    read() {
      throw new Error('the stream should not be read');
    },
  });

describe('uploadFile refuses bad sources and options with typed errors', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'mtbot-upload-errors-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const reasonOf = async (promise: Promise<unknown>): Promise<string> => {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(FileTransferError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(FileTransferError);
    return (error as FileTransferError).reason;
  };

  it('names a missing path, a folder, and an empty file', async () => {
    expect(await reasonOf(uploadFile(unreachable, join(folder, 'missing.bin')))).toBe('not-found');
    expect(await reasonOf(uploadFile(unreachable, folder))).toBe('not-a-file');
    const empty = join(folder, 'empty.bin');
    await writeFile(empty, new Uint8Array(0));
    expect(await reasonOf(uploadFile(unreachable, empty))).toBe('empty');
    expect(await reasonOf(uploadFile(unreachable, new Uint8Array(0)))).toBe('empty');
    expect(await reasonOf(uploadFile(unreachable, Readable.from([])))).toBe('empty');
  });

  it('refuses files past 2000 MiB (4000 MiB for premium) before reading them', async () => {
    expect(await reasonOf(uploadFile(unreachable, neverRead(), { size: 2000 * MIB + 1 }))).toBe('too-big');
    expect(
      await reasonOf(uploadFile(unreachable, neverRead(), { size: 4000 * MIB + 1, premium: true })),
    ).toBe('too-big');
    // Smaller parts mean fewer bytes in 4000 parts.
    expect(
      await reasonOf(uploadFile(unreachable, neverRead(), { size: 1000 * MIB, partSize: 128 * 1024 })),
    ).toBe('too-big');
  });

  it('refuses part sizes Telegram does not accept, and bad concurrency or sizes', async () => {
    for (const partSize of [0, 1000, 3 * 1024, 1024 * 1024, 512.5 * 1024]) {
      expect(await reasonOf(uploadFile(unreachable, new Uint8Array(10), { partSize }))).toBe(
        'invalid-option',
      );
    }
    for (const concurrency of [0, -1, 1.5, 1000]) {
      expect(await reasonOf(uploadFile(unreachable, new Uint8Array(10), { concurrency }))).toBe(
        'invalid-option',
      );
    }
    expect(await reasonOf(uploadFile(unreachable, neverRead(), { size: -1 }))).toBe('invalid-option');
    expect(await reasonOf(uploadFile(unreachable, 42 as unknown as string))).toBe('invalid-option');
  });

  it('reports a failing stream as an io error', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('disk on fire'));
      },
    });
    expect(await reasonOf(uploadFile(unreachable, failing))).toBe('io');
  });

  it('refuses download chunk sizes upload.getFile does not accept', async () => {
    const location: Api.InputDocumentFileLocation = {
      _: 'inputDocumentFileLocation',
      id: 1n,
      access_hash: 1n,
      file_reference: new Uint8Array(1),
      thumb_size: '',
    };
    for (const chunkSize of [0, 1000, 3 * 4096, 2 * MIB]) {
      expect(await reasonOf(downloadToBuffer(unreachable, { location }, { chunkSize }))).toBe(
        'invalid-option',
      );
    }
    expect(await reasonOf(downloadToBuffer(unreachable, { location, size: -5 }))).toBe('invalid-option');
  });
});
