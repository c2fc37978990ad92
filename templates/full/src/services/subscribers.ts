import { singleton } from 'mtbot';
import { dataStore } from '../data-store';

const KEY = 'subscribers';

/**
 * The users who started the bot: who a broadcast goes to. One service for the whole process (a
 * tsyringe singleton), injected wherever it is needed. The list is one JSON value, so changes are made
 * one at a time here; with several processes on one Redis, keep it in a Redis set instead.
 */
@singleton()
export class Subscribers {
  private changes: Promise<unknown> = Promise.resolve();

  /** Adds a user (again is fine). Resolves once stored. */
  add(userId: bigint): Promise<void> {
    const change = this.changes.then(async () => {
      const ids = await this.all();
      if (!ids.includes(userId)) await dataStore.set(KEY, JSON.stringify([...ids, userId].map(String)));
    });
    this.changes = change.catch(() => undefined);
    return change;
  }

  async all(): Promise<bigint[]> {
    const text = await dataStore.get(KEY);
    return text === undefined ? [] : (JSON.parse(text) as string[]).map((id) => BigInt(id));
  }
}
