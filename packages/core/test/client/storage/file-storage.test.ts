import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStorage } from '../../../src/client/storage/node/file-storage';
import { nodeFileStorageFileSystem } from '../../../src/client/storage/node/file-storage-file-system';
import { SessionStorageKeys } from '../../../src/client/storage/session-storage-keys';
import { storageEntry } from '../../../src/client/storage/storage-key';
import { StorageError } from '../../../src/errors/storage-error';

const authKey = Uint8Array.from({ length: 256 }, (_, index) => (index * 7 + 3) & 0xff);
const otherKey = Uint8Array.from({ length: 256 }, (_, index) => (index * 13 + 1) & 0xff);

describe('FileStorage', () => {
  let directory: string;
  let path: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'mtbot-storage-'));
    path = join(directory, 'bot.session.json');
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('round-trips every client key through the file', async () => {
    const storage = await FileStorage.open(path);
    await storage.setMany([
      storageEntry(SessionStorageKeys.authKey(2), { key: authKey }),
      storageEntry(SessionStorageKeys.tempAuthKey(2), { key: otherKey, expiresAt: 1_700_086_400 }),
      storageEntry(SessionStorageKeys.serverSalts(2), [
        { salt: -0x7123456789abcdefn, validSince: 0, validUntil: 1_700_001_800 },
      ]),
      storageEntry(SessionStorageKeys.timeOffset, -600),
      storageEntry(SessionStorageKeys.currentDc, 2),
      storageEntry(SessionStorageKeys.dcOptions, [
        {
          id: 2,
          host: '127.0.0.1',
          port: 443,
          ipv6: false,
          mediaOnly: false,
          tcpoOnly: true,
          cdn: false,
          isStatic: true,
          secret: Uint8Array.of(0xee, 1, 2),
        },
      ]),
    ]);
    await storage.close();

    const reopened = await FileStorage.open(path);
    expect((await reopened.get(SessionStorageKeys.authKey(2)))?.key).toEqual(authKey);
    expect(await reopened.get(SessionStorageKeys.tempAuthKey(2))).toEqual({
      key: otherKey,
      expiresAt: 1_700_086_400,
    });
    expect(await reopened.get(SessionStorageKeys.serverSalts(2))).toEqual([
      { salt: -0x7123456789abcdefn, validSince: 0, validUntil: 1_700_001_800 },
    ]);
    expect(await reopened.get(SessionStorageKeys.timeOffset)).toBe(-600);
    expect(await reopened.get(SessionStorageKeys.currentDc)).toBe(2);
    expect((await reopened.get(SessionStorageKeys.dcOptions))?.[0]).toMatchObject({
      id: 2,
      port: 443,
      tcpoOnly: true,
      secret: Uint8Array.of(0xee, 1, 2),
    });
    expect(await reopened.get(SessionStorageKeys.authKey(4))).toBeUndefined();
    await reopened.delete(SessionStorageKeys.authKey(2));
    await reopened.close();
    const third = await FileStorage.open(path);
    expect(await third.get(SessionStorageKeys.authKey(2))).toBeUndefined();
    expect(await third.get(SessionStorageKeys.currentDc)).toBe(2);
    await third.close();
  });

  it('writes the file with mode 0600 and the key as base64, not as raw numbers', async () => {
    const storage = await FileStorage.open(path);
    await storage.set(SessionStorageKeys.authKey(1), { key: authKey });
    await storage.close();
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const text = await readFile(path, 'utf8');
    expect(text).toContain(Buffer.from(authKey).toString('base64'));
  });

  it('leaves the old file readable when a write stops between the temporary file and the rename', async () => {
    const first = await FileStorage.open(path);
    await first.set(SessionStorageKeys.authKey(2), { key: authKey });
    await first.close();
    const before = await readFile(path);

    // A process that dies after fsyncing the temporary file but before renaming it.
    const crashing = await FileStorage.open(path, {
      fileSystem: {
        ...nodeFileStorageFileSystem,
        rename: () => Promise.reject(new Error('simulated crash before rename')),
        remove: () => Promise.resolve(),
      },
    });
    const failure = crashing.set(SessionStorageKeys.authKey(2), { key: otherKey });
    await expect(failure).rejects.toThrow(StorageError);
    await expect(failure).rejects.toMatchObject({ reason: 'io' });
    await crashing.close();

    const leftovers = (await readdir(directory)).filter((name) => name.endsWith('.tmp'));
    expect(leftovers).toHaveLength(1);
    expect(await readFile(path)).toEqual(before);

    const recovered = await FileStorage.open(path);
    expect((await recovered.get(SessionStorageKeys.authKey(2)))?.key).toEqual(authKey);
    await recovered.close();
    // Opening cleaned up the interrupted write's temporary file.
    expect((await readdir(directory)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('coalesces concurrent writes and keeps the last value of each key', async () => {
    let writes = 0;
    const storage = await FileStorage.open(path, {
      fileSystem: {
        ...nodeFileStorageFileSystem,
        writeNewFileDurably: (file, data, mode) => {
          writes += 1;
          return nodeFileStorageFileSystem.writeNewFileDurably(file, data, mode);
        },
      },
    });
    await Promise.all(
      Array.from({ length: 50 }, (_, index) => storage.set(SessionStorageKeys.timeOffset, index)),
    );
    await storage.close();
    expect(writes).toBeLessThan(50);
    expect(writes).toBeGreaterThanOrEqual(1);
    const reopened = await FileStorage.open(path);
    expect(await reopened.get(SessionStorageKeys.timeOffset)).toBe(49);
    await reopened.close();
  });

  it('refuses a corrupt file with a typed error and leaves it untouched', async () => {
    const secretLooking = '{"format":"mtbot-session","version":1,"entries":{"k": "c2VjcmV0';
    await writeFile(path, secretLooking);
    const failure = FileStorage.open(path);
    await expect(failure).rejects.toMatchObject({ name: 'StorageError', reason: 'corrupt' });
    await expect(failure).rejects.not.toThrow(/c2VjcmV0/);
    expect(await readFile(path, 'utf8')).toBe(secretLooking);
  });

  it('refuses JSON that is not a session file and a newer format version', async () => {
    await writeFile(path, '{"hello":"world"}');
    await expect(FileStorage.open(path)).rejects.toMatchObject({ reason: 'corrupt' });
    await writeFile(path, '{"format":"mtbot-session","version":99,"entries":{}}');
    await expect(FileStorage.open(path)).rejects.toMatchObject({ reason: 'unsupported-version' });
  });

  it('reports an entry of the wrong shape when it is read, without its contents', async () => {
    await writeFile(
      path,
      JSON.stringify({
        format: 'mtbot-session',
        version: 1,
        entries: { 'mtbot.dc2.authKey': { key: 'AAAA' } },
      }),
    );
    const storage = await FileStorage.open(path);
    const failure = storage.get(SessionStorageKeys.authKey(2));
    await expect(failure).rejects.toMatchObject({ reason: 'corrupt' });
    await expect(failure).rejects.toThrow(/mtbot\.dc2\.authKey.*3 bytes instead of 256/);
    await storage.close();
  });

  it('reports a directory that does not exist as an io error on open (the lock file cannot be made)', async () => {
    await expect(FileStorage.open(join(directory, 'missing', 'bot.session.json'))).rejects.toMatchObject({
      reason: 'io',
      message: expect.stringContaining('cannot create the lock file'),
    });
  });

  it('reports a write the file system refuses as an io error', async () => {
    const storage = await FileStorage.open(path);
    await rm(directory, { recursive: true, force: true });
    await expect(storage.set(SessionStorageKeys.currentDc, 2)).rejects.toMatchObject({ reason: 'io' });
    await storage.close();
  });
});
