import type { SessionStore } from './session-store';

/** Sessions in a Map of this process: lost on restart, not shared between processes. */
export class MemorySessionStore<T = unknown> implements SessionStore<T> {
  private readonly entries = new Map<string, T>();

  get(key: string): T | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: T): void {
    this.entries.set(key, value);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** How many sessions are held. */
  get size(): number {
    return this.entries.size;
  }
}
