/**
 * A part of a service the {@link ServiceRunner} starts and stops: the bot client, the updates loop,
 * the HTTP endpoint, a database pool. Parts start in the order added and stop in reverse.
 */
export interface ServicePart {
  /** Connects, listens, loads state. A throw aborts the start-up. */
  start(): Promise<void> | void;
  /**
   * Optional, called first at shutdown: stop taking new work (stop polling updates, stop accepting
   * requests) while work in flight finishes.
   */
  stopAccepting?(): Promise<void> | void;
  /** Persists state and closes connections; runs once work in flight is done or cut off. */
  stop(): Promise<void> | void;
}

/** Runs `callback` once after `delayMs`; the returned function cancels it. Injected for tests. */
export type ScheduleTimeout = (callback: () => void, delayMs: number) => () => void;

/** {@link ScheduleTimeout} on Node's timers; unref'd so a pending timeout never keeps a process alive. */
export const systemScheduleTimeout: ScheduleTimeout = (callback, delayMs) => {
  const handle = setTimeout(callback, Math.max(0, delayMs));
  handle.unref();
  return () => clearTimeout(handle);
};
