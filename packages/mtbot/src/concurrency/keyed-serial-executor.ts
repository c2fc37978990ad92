import { ConfigError, systemClock, type Clock } from 'telegram-mtproto-core';
import { callSafely } from './call-safely';
import { FifoQueue } from './fifo-queue';
import { QueueClosedError } from './queue-closed-error';
import { QueueFullError } from './queue-full-error';
import { systemTimers, type Timers } from './timers';

/** What tasks are grouped by: a chat id, a user id, any string. Numbers and bigints of the same value are one key. */
export type TaskKey = string | number | bigint;

/** Options of {@link KeyedSerialExecutor}. */
export interface KeyedSerialExecutorOptions {
  /** Most tasks running at once over all keys (default 50). */
  concurrency?: number;
  /** Most tasks waiting (not yet started) over all keys; more are refused with {@link QueueFullError} (default: no bound). */
  maxQueued?: number;
  clock?: Clock;
  timers?: Timers;
}

/** Optional details of a task, shown by {@link KeyedSerialExecutor.drain} when it is still running. */
export interface TaskOptions {
  /** A short description for shutdown reports, e.g. `update 1234`. */
  label?: string;
}

/** A task that had started and not finished. */
export interface InFlightTask {
  readonly key: string | undefined;
  readonly label: string | undefined;
  readonly startedAt: number;
}

/** What {@link KeyedSerialExecutor.drain} saw when it returned. */
export interface DrainReport {
  /** True when every task finished before the timeout. */
  readonly drained: boolean;
  /** Tasks still running at the timeout (empty when drained). */
  readonly inFlight: readonly InFlightTask[];
  /** Tasks that had not started at the timeout. */
  readonly queued: number;
}

/** Counters for metrics. */
export interface KeyedSerialExecutorStats {
  readonly running: number;
  readonly queued: number;
  /** Keys with a task running or waiting. */
  readonly activeKeys: number;
  readonly completed: number;
  readonly failed: number;
}

interface Entry {
  readonly key: string | undefined;
  readonly label: string | undefined;
  readonly task: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  startedAt: number;
}

/**
 * Runs tasks so that those with the same key run one after another in the order they were submitted,
 * while tasks of different keys run in parallel, at most `concurrency` at once. Used to handle the
 * updates of one chat in order while many chats are handled together.
 *
 * A task that fails rejects its own promise only; the next task of its key runs as usual. When the
 * cap is reached, keys get the free slots in turn (round robin), so one busy chat cannot hold every
 * slot while others wait.
 *
 * @example
 * ```ts
 * const executor = new KeyedSerialExecutor({ concurrency: 50 });
 * await executor.run(update.chatId, () => handle(update));
 * const report = await executor.drain(10_000); // on shutdown
 * ```
 */
export class KeyedSerialExecutor {
  private readonly concurrency: number;
  private readonly maxQueued: number;
  private readonly clock: Clock;
  private readonly timers: Timers;
  /** Waiting tasks per key (a key is present while it has a task running or waiting). */
  private readonly waiting = new Map<string, FifoQueue<Entry>>();
  /** Keys whose next task may start as soon as a slot frees, in turn. */
  private readonly ready = new FifoQueue<Entry | string>();
  private readonly running = new Set<Entry>();
  private readonly idleWaiters: (() => void)[] = [];
  private queuedCount = 0;
  private completed = 0;
  private failed = 0;
  private closed = false;

  constructor(options: KeyedSerialExecutorOptions = {}) {
    this.concurrency = options.concurrency ?? 50;
    this.maxQueued = options.maxQueued ?? Number.POSITIVE_INFINITY;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) {
      throw new ConfigError(`executor concurrency must be a positive integer, got ${options.concurrency}`);
    }
    if (!(this.maxQueued >= 0))
      throw new ConfigError(`executor maxQueued must be >= 0, got ${options.maxQueued}`);
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemTimers;
  }

  /**
   * Runs `task` after every earlier task of `key` has settled (a key of `undefined` means no ordering,
   * only the cap). The returned promise settles with the task's result.
   */
  run<T>(key: TaskKey | undefined, task: () => T | Promise<T>, options: TaskOptions = {}): Promise<T> {
    if (this.closed) return Promise.reject(new QueueClosedError('executor'));
    if (this.queuedCount >= this.maxQueued)
      return Promise.reject(new QueueFullError('executor', this.maxQueued));
    return new Promise<T>((resolve, reject) => {
      const entry: Entry = {
        key: key === undefined ? undefined : String(key),
        label: options.label,
        task,
        resolve: resolve as (value: unknown) => void,
        reject,
        startedAt: 0,
      };
      this.queuedCount++;
      if (entry.key === undefined) {
        this.ready.push(entry);
      } else {
        let queue = this.waiting.get(entry.key);
        if (queue === undefined) {
          queue = new FifoQueue();
          this.waiting.set(entry.key, queue);
          this.ready.push(entry.key);
        }
        queue.push(entry);
      }
      this.pump();
    });
  }

  /** Resolves once nothing is running or waiting (at once when that is already so). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Waits up to `timeoutMs` for every task (running and waiting) to finish and reports what was left:
   * for a graceful shutdown that says which handlers were still in flight. Does not cancel anything.
   */
  async drain(timeoutMs: number): Promise<DrainReport> {
    let cancel: (() => void) | undefined;
    const timedOut = new Promise<false>((resolve) => {
      cancel = this.timers.setTimeout(() => resolve(false), timeoutMs);
    });
    const drained = await Promise.race([this.idle().then(() => true as const), timedOut]);
    cancel?.();
    return {
      drained,
      inFlight: drained
        ? []
        : [...this.running].map((entry) => ({
            key: entry.key,
            label: entry.label,
            startedAt: entry.startedAt,
          })),
      queued: this.queuedCount,
    };
  }

  /**
   * Refuses new tasks from now on ({@link QueueClosedError}). Tasks already submitted still run; wait
   * for them with {@link KeyedSerialExecutor.drain}.
   */
  close(): void {
    this.closed = true;
  }

  get stats(): KeyedSerialExecutorStats {
    return {
      running: this.running.size,
      queued: this.queuedCount,
      activeKeys: this.waiting.size,
      completed: this.completed,
      failed: this.failed,
    };
  }

  private isIdle(): boolean {
    return this.running.size === 0 && this.queuedCount === 0;
  }

  private pump(): void {
    while (this.running.size < this.concurrency && this.ready.length > 0) {
      const next = this.ready.shift()!;
      const entry = typeof next === 'string' ? this.waiting.get(next)!.shift()! : next;
      this.start(entry);
    }
  }

  private start(entry: Entry): void {
    this.queuedCount--;
    this.running.add(entry);
    entry.startedAt = this.clock.now();
    callSafely(entry.task).then(
      (value) => {
        this.completed++;
        this.finish(entry);
        entry.resolve(value);
      },
      (error: unknown) => {
        this.failed++;
        this.finish(entry);
        entry.reject(error);
      },
    );
  }

  private finish(entry: Entry): void {
    this.running.delete(entry);
    if (entry.key !== undefined) {
      const queue = this.waiting.get(entry.key)!;
      if (queue.length > 0) this.ready.push(entry.key);
      else this.waiting.delete(entry.key);
    }
    this.pump();
    if (this.isIdle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
