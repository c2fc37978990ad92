// Updates held back while a gap in their sequence may still close by itself
// (https://core.telegram.org/api/updates, "Recovering gaps": wait up to 0.5 s for the missing ones).

/** An item of a sequence: applies when the local state equals `before`, and moves it to `after`. */
export interface Sequenced<T> {
  before: number;
  after: number;
  item: T;
}

/**
 * A set of held items of one sequence. {@link HeldUpdates.drain} takes out those that now apply, in
 * order, and discards those the local state already covers.
 */
export class HeldUpdates<T> {
  private items: Sequenced<T>[] = [];

  get size(): number {
    return this.items.length;
  }

  add(entry: Sequenced<T>): void {
    this.items.push(entry);
  }

  /**
   * Applies from `local` on: an item whose `before` equals the local state is applied and moves it;
   * one whose `before` is below it was applied already and is dropped; the rest wait for a gap to
   * close. Returns what applied, in order, and the new local state.
   */
  drain(local: number): { applied: Sequenced<T>[]; local: number } {
    const sorted = [...this.items].sort((a, b) => a.before - b.before || a.after - b.after);
    const applied: Sequenced<T>[] = [];
    const waiting: Sequenced<T>[] = [];
    let current = local;
    for (const entry of sorted) {
      if (entry.before === current) {
        applied.push(entry);
        current = entry.after;
      } else if (entry.before > current) {
        waiting.push(entry);
      }
    }
    this.items = waiting;
    return { applied, local: current };
  }

  clear(): void {
    this.items = [];
  }
}
