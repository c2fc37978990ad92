import type { StorageEntry, StorageKey } from './storage-key';

/**
 * Where a client keeps what must survive a restart: auth keys per DC, server salts, the time offset,
 * the current DC and the DC list (see `SessionStorageKeys`), and whatever later layers add under
 * their own typed keys (updates state, peers). Values are typed by their key.
 *
 * "Acknowledged means stored" (DESIGN.md): a `set` resolves once the value is durable for that
 * storage (in memory for {@link MemoryStorage}, fsynced on disk for `FileStorage`).
 *
 * @example
 * ```ts
 * const storage: SessionStorage = await FileStorage.open('bot.session.json');
 * await storage.set(SessionStorageKeys.currentDc, 2);
 * const dcId = await storage.get(SessionStorageKeys.currentDc); // number | undefined
 * ```
 */
export interface SessionStorage {
  /** The value under `key`, or undefined. Throws StorageError `corrupt` when it cannot be decoded. */
  get<T>(key: StorageKey<T>): Promise<T | undefined>;
  /** Stores `value` under `key`; resolves once it is durable. */
  set<T>(key: StorageKey<T>, value: T): Promise<void>;
  /** Removes `key` (nothing happens when absent). */
  delete(key: StorageKey<unknown>): Promise<void>;
  /** Applies several changes at once: either all of them are stored or none (undefined deletes). */
  setMany(entries: readonly StorageEntry[]): Promise<void>;
  /** Waits for pending writes and releases the storage; later calls reject. */
  close(): Promise<void>;
}
