import { MemoryStorage } from '../../../src/client/storage/memory-storage';
import { SessionStorageKeys } from '../../../src/client/storage/session-storage-keys';
import {
  defineStorageKey,
  readInteger,
  readObject,
  storageEntry,
} from '../../../src/client/storage/storage-key';
import { StorageError } from '../../../src/errors/storage-error';

describe('MemoryStorage', () => {
  it('round-trips typed values and copies them in and out', async () => {
    const storage = new MemoryStorage();
    const salts = [{ salt: 0x0102030405060708n, validSince: 10, validUntil: 1810 }];
    await storage.set(SessionStorageKeys.serverSalts(4), salts);
    salts[0] = { salt: 1n, validSince: 0, validUntil: 0 };
    expect(await storage.get(SessionStorageKeys.serverSalts(4))).toEqual([
      { salt: 0x0102030405060708n, validSince: 10, validUntil: 1810 },
    ]);
    const key = new Uint8Array(256).fill(9);
    await storage.set(SessionStorageKeys.authKey(4), { key });
    key.fill(0);
    expect((await storage.get(SessionStorageKeys.authKey(4)))?.key[0]).toBe(9);
    expect(storage.size).toBe(2);
  });

  it('accepts keys defined by later layers', async () => {
    interface UpdatesState {
      pts: number;
      date: number;
    }
    const updatesState = defineStorageKey<UpdatesState>('updates.state', {
      encode: (value) => ({ pts: value.pts, date: value.date }),
      decode: (json) => {
        const object = readObject(json, 'updates state');
        return { pts: readInteger(object.pts, 'pts'), date: readInteger(object.date, 'date') };
      },
    });
    const storage = new MemoryStorage();
    await storage.setMany([
      storageEntry(updatesState, { pts: 5, date: 6 }),
      storageEntry(SessionStorageKeys.currentDc, 1),
    ]);
    expect(await storage.get(updatesState)).toEqual({ pts: 5, date: 6 });
    await storage.setMany([storageEntry(updatesState, undefined)]);
    expect(await storage.get(updatesState)).toBeUndefined();
  });

  it('leaves the storage unchanged when one of several values cannot be encoded', async () => {
    const storage = new MemoryStorage();
    await storage.set(SessionStorageKeys.currentDc, 1);
    const failing = defineStorageKey<number>('failing', {
      encode: () => {
        throw new Error('cannot encode');
      },
      decode: (json) => readInteger(json, 'failing'),
    });
    await expect(
      storage.setMany([storageEntry(SessionStorageKeys.currentDc, 3), storageEntry(failing, 1)]),
    ).rejects.toThrow('cannot encode');
    expect(await storage.get(SessionStorageKeys.currentDc)).toBe(1);
  });

  it('rejects use after close', async () => {
    const storage = new MemoryStorage();
    await storage.close();
    await expect(storage.get(SessionStorageKeys.currentDc)).rejects.toThrow(StorageError);
  });
});
