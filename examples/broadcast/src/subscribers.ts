import type { KeyValueStore } from 'mtbot';

const KEY = 'subscribers';

/**
 * The chats subscribed to announcements, as one JSON list in the key-value store. Changes are made
 * one at a time (a read-change-write each), so two users subscribing at once are both kept.
 */
export class Subscribers {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: KeyValueStore) {}

  async list(): Promise<bigint[]> {
    const stored = await this.store.get(KEY);
    return stored === undefined ? [] : (JSON.parse(stored) as string[]).map((id) => BigInt(id));
  }

  /** Adds `chatId`; false when it was there already. */
  add(chatId: bigint): Promise<boolean> {
    return this.change((ids) => (ids.includes(chatId) ? undefined : [...ids, chatId]));
  }

  /** Removes `chatId`; false when it was not there. */
  remove(chatId: bigint): Promise<boolean> {
    return this.change((ids) => (ids.includes(chatId) ? ids.filter((id) => id !== chatId) : undefined));
  }

  /** Applies `edit` (undefined: no change) after the changes before it; resolves whether it changed anything. */
  private change(edit: (ids: bigint[]) => bigint[] | undefined): Promise<boolean> {
    const result = this.queue.then(async () => {
      const next = edit(await this.list());
      if (next === undefined) return false;
      await this.store.set(KEY, JSON.stringify(next.map(String)));
      return true;
    });
    this.queue = result.catch(() => undefined);
    return result;
  }
}
