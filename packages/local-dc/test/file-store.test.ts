import { ManualClock, createSeededRandomSource } from 'telegram-mtproto-core';
import { FileStore } from '../src/world/file-store';

describe('FileStore', () => {
  const scope = { dcId: 2, ownerId: 1n };

  it('frees an upload nobody touched within the timeout', () => {
    const clock = new ManualClock(1_000_000);
    const store = new FileStore({ uploadTimeoutMs: 60_000, clock, random: createSeededRandomSource('a') });
    store.savePart(scope, 10n, 0, new Uint8Array(1024));
    clock.advance(30_000);
    store.savePart({ ...scope, ownerId: 2n }, 11n, 0, new Uint8Array(2048));
    expect(store.storedBytes).toBe(3072);
    clock.advance(31_000);
    store.sweep();
    // The first upload is 61 s old and gone; the second, 31 s old, stays.
    expect(store.pendingUploads).toBe(1);
    expect(store.storedBytes).toBe(2048);
    expect(() =>
      store.takeUpload(scope, { _: 'inputFile', id: 10n, parts: 1, name: 'a', md5_checksum: '' }),
    ).toThrow(expect.objectContaining({ text: 'FILE_PART_0_MISSING' }));
  });

  it('keeps parts of one file_id apart per account and per DC', () => {
    const store = new FileStore({ random: createSeededRandomSource('b') });
    store.savePart(scope, 5n, 0, new Uint8Array([1, 2, 3]));
    const other = { ...scope, dcId: 1 };
    expect(() =>
      store.takeUpload(other, { _: 'inputFile', id: 5n, parts: 1, name: 'a', md5_checksum: '' }),
    ).toThrow(expect.objectContaining({ text: 'FILE_PART_0_MISSING' }));
    const taken = store.takeUpload(scope, { _: 'inputFile', id: 5n, parts: 1, name: 'a', md5_checksum: '' });
    expect([...taken.bytes]).toEqual([1, 2, 3]);
    expect(store.storedBytes).toBe(0);
  });
});
