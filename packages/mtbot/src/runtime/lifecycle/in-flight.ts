import { ServiceStoppingError } from './service-stopping-error';

/**
 * Counts the work a service has in flight (handlers running for updates) so a shutdown can wait for
 * it. {@link track} counts a promise already running; {@link run} starts new work only while the
 * service still accepts it.
 *
 * @example
 * ```ts
 * const inFlight = new InFlight()
 * await inFlight.run(() => dispatcher.handle(update)) // throws ServiceStoppingError once closed
 * await inFlight.drained()
 * ```
 */
export class InFlight {
  private active = 0;
  private open = true;
  private waiters: Array<() => void> = [];

  /** Work running now. */
  get count(): number {
    return this.active;
  }

  /** False once {@link close} was called: sources should stop taking work. */
  get accepting(): boolean {
    return this.open;
  }

  /**
   * Counts `work` until it settles and returns it unchanged (a rejection stays the caller's to
   * handle). Work that already runs is always counted, even after {@link close}: it must not be lost.
   */
  track<T>(work: Promise<T>): Promise<T> {
    this.active += 1;
    const settle = (): void => {
      this.active -= 1;
      if (this.active === 0) this.wakeWaiters();
    };
    work.then(settle, settle);
    return work;
  }

  /** Starts `task` and tracks it, or throws {@link ServiceStoppingError} once closed. */
  run<T>(task: () => Promise<T>): Promise<T> {
    if (!this.open) return Promise.reject(new ServiceStoppingError());
    let work: Promise<T>;
    try {
      work = task();
    } catch (error) {
      return Promise.reject(error);
    }
    return this.track(work);
  }

  /** Stops accepting new work through {@link run}. */
  close(): void {
    this.open = false;
  }

  /** Resolves when nothing is in flight (at once when nothing is). */
  drained(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wakeWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
