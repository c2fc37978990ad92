import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { COMPLETED, FAILED, OPERATION_SLOTS, OPERATION_STATUS, READY, REQUESTED } from './worker-slots';

const runTs = join(__dirname, '..', '..', '..', 'tools', 'run-ts.js');

/** How a {@link WorkerThread} is started. */
export interface WorkerThreadOptions {
  /** The worker's TypeScript file; it runs through tools/run-ts.js (workspace packages as source). */
  readonly script: string;
  /** Handed to the worker as `workerData`, with the shared counters as `shared`. */
  readonly data: Record<string, unknown>;
  readonly slots: number;
  readonly statusSlot: number;
  /** For messages: "the loopback worker (sequential)". */
  readonly what: string;
  /** A wait longer than this means the worker is stuck: the bench fails rather than hanging. */
  readonly waitLimitMs: number;
}

/**
 * A worker thread doing a bench's network work while the harness thread, which times operations
 * synchronously, blocks on shared counters. The constructor returns once the worker said it is ready.
 */
export class WorkerThread {
  readonly counters: Int32Array;

  constructor(private readonly options: WorkerThreadOptions) {
    const shared = new SharedArrayBuffer(options.slots * Int32Array.BYTES_PER_ELEMENT);
    this.counters = new Int32Array(shared);
    const worker = new Worker(runTs, { argv: [options.script], workerData: { ...options.data, shared } });
    // The worker lives as long as the bench process and must not keep it from exiting.
    worker.unref();
    this.waitFor(options.statusSlot, (status) => status !== 0, 'it to start');
    if (Atomics.load(this.counters, options.statusSlot) !== READY) throw new Error(`${options.what} failed`);
  }

  /** Blocks until `condition` holds for the slot's value; throws when the worker failed or is stuck. */
  waitFor(slot: number, condition: (value: number) => boolean, what: string): void {
    const { statusSlot, waitLimitMs } = this.options;
    const deadline = Date.now() + waitLimitMs;
    for (;;) {
      if (Atomics.load(this.counters, statusSlot) === FAILED) {
        throw new Error(`${this.options.what} failed while waiting for ${what}`);
      }
      const value = Atomics.load(this.counters, slot);
      if (condition(value)) return;
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(this.counters, slot, value, left) === 'timed-out') {
        throw new Error(`${this.options.what}: timed out after ${waitLimitMs} ms waiting for ${what}`);
      }
    }
  }
}

/**
 * A worker serving one kind of operation (worker-counters.ts `serveOperations`): `run()` asks for one
 * more and blocks until it is done. The time measured includes one cross-thread wake-up per operation
 * (microseconds), negligible next to the network work.
 */
export class OperationWorker {
  private readonly thread: WorkerThread;
  private requested = 0;

  constructor(options: Omit<WorkerThreadOptions, 'slots' | 'statusSlot'>) {
    this.thread = new WorkerThread({ ...options, slots: OPERATION_SLOTS, statusSlot: OPERATION_STATUS });
  }

  /** One operation; returns how many the worker has completed. */
  run(): number {
    this.requested += 1;
    const { counters } = this.thread;
    Atomics.store(counters, REQUESTED, this.requested);
    Atomics.notify(counters, REQUESTED);
    const requested = this.requested;
    this.thread.waitFor(COMPLETED, (completed) => completed >= requested, `operation ${requested}`);
    return Atomics.load(counters, COMPLETED);
  }
}
