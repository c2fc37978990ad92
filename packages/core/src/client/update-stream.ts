// The pull side of the updates driver: deliveries wait until the consumer asks for the next item, so
// "handled" means "the loop body of the previous item finished".

/**
 * A single-consumer async queue whose `push` resolves once the item was handled: `true`, or `false`
 * when the stream ended before the consumer took it (so it was not handled at all).
 */
export class UpdateStream<T> implements AsyncIterableIterator<T> {
  private readonly items: { item: T; handled: (taken: boolean) => void }[] = [];
  private readonly pulls: ((result: IteratorResult<T>) => void)[] = [];
  /** Settles the previous item when the consumer comes back for another one. */
  private current: ((taken: boolean) => void) | undefined;
  private ended = false;

  /** Offers `item`; resolves once the consumer asked for the next item (or the stream ended). */
  push(item: T): Promise<boolean> {
    if (this.ended) return Promise.resolve(false);
    return new Promise<boolean>((handled) => {
      const pull = this.pulls.shift();
      if (pull) {
        this.current = handled;
        pull({ value: item, done: false });
      } else {
        this.items.push({ item, handled });
      }
    });
  }

  /** Ends the stream: waiting consumers get `done`, waiting pushes resolve (`false`: not taken). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.settleCurrent();
    for (const waiting of this.items.splice(0)) waiting.handled(false);
    for (const pull of this.pulls.splice(0)) pull({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<T>> {
    this.settleCurrent();
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    const waiting = this.items.shift();
    if (waiting) {
      this.current = waiting.handled;
      return Promise.resolve({ value: waiting.item, done: false });
    }
    return new Promise((resolve) => this.pulls.push(resolve));
  }

  /** Leaving a `for await` loop ends the stream. */
  return(): Promise<IteratorResult<T>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private settleCurrent(): void {
    const current = this.current;
    this.current = undefined;
    current?.(true);
  }
}
