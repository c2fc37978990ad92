/** A map from event name to the listener signature of that event. */
export type EventMap = { readonly [event: string]: (...args: never[]) => void };

/**
 * A small typed event emitter: listeners are checked against the event's signature at compile time,
 * and it runs anywhere (no `node:events`). A listener that throws does not disturb the emitter or
 * the other listeners: its error is rethrown on a microtask, where it surfaces as an uncaught error
 * just as a throwing Node event handler would.
 *
 * @example
 * ```ts
 * class Clock extends TypedEventEmitter<{ tick: (count: number) => void }> {}
 * const stop = new Clock().on('tick', (count) => console.log(count));
 * stop();
 * ```
 */
export class TypedEventEmitter<Events extends EventMap> {
  private readonly listeners = new Map<keyof Events, Set<Events[keyof Events]>>();

  /** Adds `listener` for `event` and returns a function that removes it again. */
  on<Event extends keyof Events>(event: Event, listener: Events[Event]): () => void {
    let set = this.listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => this.off(event, listener);
  }

  /** Removes `listener` from `event` (nothing happens when it was not added). */
  off<Event extends keyof Events>(event: Event, listener: Events[Event]): void {
    this.listeners.get(event)?.delete(listener);
  }

  /** Number of listeners of `event`. */
  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  /** Calls every listener of `event` with `args`, in the order they were added. */
  protected emit<Event extends keyof Events>(event: Event, ...args: Parameters<Events[Event]>): void {
    const set = this.listeners.get(event);
    if (set === undefined) return;
    for (const listener of [...set]) {
      try {
        (listener as (...listenerArgs: Parameters<Events[Event]>) => void)(...args);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
