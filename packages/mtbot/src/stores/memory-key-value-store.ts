import type { KeyValueStore } from './key-value-store';

/** A {@link KeyValueStore} in a Map: for tests and for processes that need no resume after a restart. */
export class MemoryKeyValueStore implements KeyValueStore {
  private readonly values = new Map<string, string>();

  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }

  /** Number of keys stored. */
  get size(): number {
    return this.values.size;
  }
}
