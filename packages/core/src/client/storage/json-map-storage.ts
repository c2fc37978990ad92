import { StorageError } from '../../errors/storage-error';
import type { SessionStorage } from './session-storage';
import type { JsonValue, StorageEntry, StorageKey } from './storage-key';

/**
 * The shared body of the JSON-backed storages: entries live in a map of JSON values (so a stored value
 * is a copy, never an alias of the caller's object), and each change calls {@link persist}.
 */
export abstract class JsonMapStorage implements SessionStorage {
  private closed = false;

  protected constructor(protected readonly entries: Map<string, JsonValue>) {}

  async get<T>(key: StorageKey<T>): Promise<T | undefined> {
    this.assertOpen();
    const json = this.entries.get(key.name);
    return json === undefined ? undefined : key.decode(json);
  }

  set<T>(key: StorageKey<T>, value: T): Promise<void> {
    return this.setMany([{ key: key as StorageKey<unknown>, value }]);
  }

  delete(key: StorageKey<unknown>): Promise<void> {
    return this.setMany([{ key, value: undefined }]);
  }

  async setMany(entries: readonly StorageEntry[]): Promise<void> {
    this.assertOpen();
    // Encode everything first: a value that cannot be encoded leaves the storage untouched.
    const encoded = entries.map(({ key, value }) => ({
      name: key.name,
      json: value === undefined ? undefined : copyJson(key.encode(value)),
    }));
    for (const { name, json } of encoded) {
      if (json === undefined) this.entries.delete(name);
      else this.entries.set(name, json);
    }
    await this.persist();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.release();
  }

  /** Makes the current entries durable. */
  protected abstract persist(): Promise<void>;

  /** Finishes pending work when closing. */
  protected abstract release(): Promise<void>;

  private assertOpen(): void {
    if (this.closed) throw new StorageError('io', 'the session storage is closed');
  }
}

/** A deep copy through JSON, which also proves the value is plain JSON. */
function copyJson(value: JsonValue): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}
