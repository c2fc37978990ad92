import type { BotUpdate } from '../updates/bot-update';

/**
 * The updates as an async iterator for `for await`. An update counts as handled when the loop asks
 * for the next one, so the client hands out the next update (and stores its progress) only then.
 */
export class BotUpdateStream implements AsyncIterableIterator<BotUpdate> {
  private current: { update: BotUpdate; handled: (taken: boolean) => void } | undefined;
  private handedOut: ((taken: boolean) => void) | undefined;
  private waiting: ((result: IteratorResult<BotUpdate>) => void) | undefined;
  private ended = false;

  /**
   * Offers an update; resolves once the consumer has handled it (asked for the next) or left: `true`,
   * or `false` when the loop ended without taking it.
   */
  push(update: BotUpdate): Promise<boolean> {
    if (this.ended) return Promise.resolve(false);
    return new Promise<boolean>((handled) => {
      const waiting = this.waiting;
      if (waiting !== undefined) {
        this.waiting = undefined;
        this.handedOut = handled;
        waiting({ value: update, done: false });
      } else {
        this.current = { update, handled };
      }
    });
  }

  next(): Promise<IteratorResult<BotUpdate>> {
    this.handedOut?.(true);
    this.handedOut = undefined;
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    const current = this.current;
    if (current !== undefined) {
      this.current = undefined;
      this.handedOut = current.handled;
      return Promise.resolve({ value: current.update, done: false });
    }
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  /** Ends the iteration (a `break` out of `for await`, or the client stopping). */
  return(): Promise<IteratorResult<BotUpdate>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  /** Ends the stream: a waiting loop finishes and nothing is held back. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.handedOut?.(true);
    this.handedOut = undefined;
    this.current?.handled(false);
    this.current = undefined;
    this.waiting?.({ value: undefined, done: true });
    this.waiting = undefined;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<BotUpdate> {
    return this;
  }
}
