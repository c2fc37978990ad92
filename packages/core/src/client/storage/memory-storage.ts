import { JsonMapStorage } from './json-map-storage';

/**
 * A {@link SessionStorage} that keeps everything in memory: nothing survives the process. For tests
 * and short-lived scripts. Values are copied in and out (through their JSON form, exactly as the file
 * storage would), so a caller mutating an object after `set` changes nothing stored.
 *
 * @example
 * ```ts
 * const client = new MtprotoClient({ ...options, storage: new MemoryStorage() });
 * ```
 */
export class MemoryStorage extends JsonMapStorage {
  constructor() {
    super(new Map());
  }

  /** Number of stored entries. */
  get size(): number {
    return this.entries.size;
  }

  protected async persist(): Promise<void> {}

  protected async release(): Promise<void> {}
}
