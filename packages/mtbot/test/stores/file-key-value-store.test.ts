import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, StorageError } from 'telegram-mtproto-core';
import { FileKeyValueStore, fileNameOf } from '../../src/stores/file-key-value-store';
import { MemoryKeyValueStore } from '../../src/stores/memory-key-value-store';

describe('FileKeyValueStore', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'mtbot-kv-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('stores, replaces and deletes values that a new instance reads back', async () => {
    const store = new FileKeyValueStore(join(directory, 'nested', 'store'));
    expect(await store.get('mtbot:broadcast:news:-1001')).toBeUndefined();
    await store.set('mtbot:broadcast:news:-1001', 'pending');
    await store.set('mtbot:broadcast:news:-1001', 'sent');
    await store.set('Key', 'upper');
    await store.set('key', 'lower');
    const reopened = new FileKeyValueStore(join(directory, 'nested', 'store'));
    expect(await reopened.get('mtbot:broadcast:news:-1001')).toBe('sent');
    expect(await reopened.get('Key')).toBe('upper');
    expect(await reopened.get('key')).toBe('lower');
    await reopened.delete('key');
    await reopened.delete('key');
    expect(await store.get('key')).toBeUndefined();
    // Only the key files are left (no temporary files), readable by the owner only.
    const files = (await readdir(join(directory, 'nested', 'store'))).sort();
    expect(files).toEqual(['%4Bey', 'mtbot%3Abroadcast%3Anews%3A-1001']);
    expect((await stat(join(directory, 'nested', 'store', files[0]!))).mode & 0o777).toBe(0o600);
  });

  it('names files so that no key escapes the directory or collides on case-insensitive disks', () => {
    expect(fileNameOf('../etc/passwd')).toBe('%2E%2E%2Fetc%2Fpasswd');
    expect(fileNameOf('ключ')).toBe('%D0%BA%D0%BB%D1%8E%D1%87');
    expect(fileNameOf('Ab').toLowerCase()).not.toBe(fileNameOf('ab').toLowerCase());
    expect(() => fileNameOf('')).toThrow(ConfigError);
  });

  it('reports file system failures as StorageError and refuses overlong keys', async () => {
    const blocked = join(directory, 'a-file');
    await writeFile(blocked, 'not a directory');
    const store = new FileKeyValueStore(blocked);
    await expect(store.set('key', 'value')).rejects.toBeInstanceOf(StorageError);
    await expect(store.get('key')).rejects.toBeInstanceOf(StorageError);
    await expect(new FileKeyValueStore(directory).set('x'.repeat(300), 'v')).rejects.toBeInstanceOf(
      ConfigError,
    );
  });
});

describe('MemoryKeyValueStore', () => {
  it('stores, replaces and deletes', async () => {
    const store = new MemoryKeyValueStore();
    await store.set('a', '1');
    await store.set('a', '2');
    expect(await store.get('a')).toBe('2');
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
    expect(store.size).toBe(0);
  });
});
