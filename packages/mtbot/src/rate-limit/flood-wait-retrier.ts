import { FloodWaitError, TypedEventEmitter } from 'telegram-mtproto-core';
import type { TaskKey } from '../concurrency/keyed-serial-executor';
import { sleep } from '../concurrency/sleep';
import { systemTimers, type Timers } from '../concurrency/timers';
import { FloodBudgetExceededError } from './flood-budget-exceeded-error';
import { resolveFloodWaitBudget, type FloodWaitBudget } from './flood-wait-budget';
import { logFloodWait, type FloodWaitEvent, type FloodWaitLogger } from './flood-wait-event';

/** Options of {@link FloodWaitRetrier}. */
export interface FloodWaitRetrierOptions {
  /** Limits of waiting per request; missing fields take {@link DEFAULT_FLOOD_WAIT_BUDGET}'s. */
  budget?: Partial<FloodWaitBudget>;
  /** Gets a warning line for every wait (a pino logger fits). */
  logger?: FloodWaitLogger;
  timers?: Timers;
}

/** Options of one call. */
export interface FloodWaitCallOptions {
  /** The method, for events and errors (default: the error's method, else `request`). */
  method?: string;
  /** The chat the call is for, for events. */
  chatKey?: TaskKey;
  /** Cancels the waits: the call then rejects with {@link AbortedError}. */
  signal?: AbortSignal;
}

/** Events of {@link FloodWaitRetrier}. */
export type FloodWaitRetrierEvents = {
  /** A FLOOD_WAIT is being waited out; the call is retried after it. */
  floodWait: (event: FloodWaitEvent) => void;
  /** A FLOOD_WAIT did not fit the budget; the call rejects with this error. */
  budgetExceeded: (error: FloodBudgetExceededError) => void;
};

/**
 * Handles FLOOD_WAIT for a call function: when the call fails with core's {@link FloodWaitError}, it
 * waits the seconds Telegram asked for (plus a margin) and calls again, as long as the wait fits the
 * {@link FloodWaitBudget}; otherwise it rejects with {@link FloodBudgetExceededError}. Every wait is
 * announced (`floodWait` event, logger line) before it starts. Other errors pass through untouched.
 *
 * This waits in the caller's own promise. For sends, prefer {@link SendScheduler}, which also stops
 * the other sends to the limited chat while the wait lasts.
 *
 * @example
 * ```ts
 * const retrier = new FloodWaitRetrier({ budget: { maxSingleWaitSeconds: 30 }, logger });
 * retrier.on('floodWait', (event) => metrics.floodWaits.inc({ method: event.method }));
 * const invoke = retrier.wrap((request: Api.TlMethod) => client.invoke(request));
 * await invoke({ _: 'messages.sendMessage', ... });
 * ```
 */
export class FloodWaitRetrier extends TypedEventEmitter<FloodWaitRetrierEvents> {
  readonly budget: FloodWaitBudget;
  private readonly logger: FloodWaitLogger | undefined;
  private readonly timers: Timers;

  constructor(options: FloodWaitRetrierOptions = {}) {
    super();
    this.budget = resolveFloodWaitBudget(options.budget);
    this.logger = options.logger;
    this.timers = options.timers ?? systemTimers;
  }

  /** Calls `call`, waiting out and retrying FLOOD_WAITs within the budget. */
  async run<T>(call: () => Promise<T>, options: FloodWaitCallOptions = {}): Promise<T> {
    let waitedSeconds = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (!FloodWaitError.isInstance(error)) throw error;
        const method = options.method ?? error.method ?? 'request';
        const exceeded = FloodBudgetExceededError.check(this.budget, error, method, attempt, waitedSeconds);
        if (exceeded !== undefined) {
          this.emit('budgetExceeded', exceeded);
          throw exceeded;
        }
        const event: FloodWaitEvent = {
          method,
          seconds: error.seconds,
          waitMs: error.seconds * 1000 + this.budget.marginMs,
          attempt,
          chatKey: options.chatKey === undefined ? undefined : String(options.chatKey),
          scope: 'call',
        };
        this.emit('floodWait', event);
        logFloodWait(this.logger, event);
        waitedSeconds += error.seconds;
        await sleep(this.timers, event.waitMs, options.signal, `the flood wait of ${method}`);
      }
    }
  }

  /**
   * Wraps `call` so every request goes through {@link FloodWaitRetrier.run}. `describe` names the
   * method and chat of a request; by default the method is the TL name in `request._`.
   */
  wrap<Request, Result>(
    call: (request: Request) => Promise<Result>,
    describe: (request: Request) => Omit<FloodWaitCallOptions, 'signal'> = methodOfTlRequest,
  ): (request: Request, options?: { signal?: AbortSignal }) => Promise<Result> {
    return (request, options = {}) =>
      this.run(() => call(request), { ...describe(request), signal: options.signal });
  }
}

function methodOfTlRequest(request: unknown): { method?: string } {
  const name = typeof request === 'object' && request !== null ? (request as { _?: unknown })._ : undefined;
  return typeof name === 'string' ? { method: name } : {};
}
