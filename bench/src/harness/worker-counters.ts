import { COMPLETED, FAILED, OPERATION_STATUS, READY, REQUESTED } from './worker-slots';

/** Atomics.waitAsync (Node 16 on) is missing from the ES2022 lib the workspace compiles against. */
const atomicsWithWaitAsync = Atomics as unknown as {
  waitAsync(array: Int32Array, index: number, value: number): { value: Promise<string> | string };
};

/** The worker's side of a {@link WorkerThread}'s shared counters. */
export class WorkerCounters {
  readonly counters: Int32Array;

  constructor(
    shared: SharedArrayBuffer,
    private readonly statusSlot: number,
    /** Logged with a failure: "loopback worker". */
    private readonly name: string,
  ) {
    this.counters = new Int32Array(shared);
  }

  ready(): void {
    Atomics.store(this.counters, this.statusSlot, READY);
    Atomics.notify(this.counters, this.statusSlot);
  }

  /** Marks the worker failed and wakes the harness thread, whatever slot it waits on. */
  readonly fail = (error: unknown): void => {
    console.error(`[bench] ${this.name} failed:`, error);
    Atomics.store(this.counters, this.statusSlot, FAILED);
    for (let slot = 0; slot < this.counters.length; slot++) Atomics.notify(this.counters, slot);
  };

  /** Resolves once the slot no longer holds `value` (at once when it already does not). */
  async changed(slot: number, value: number): Promise<void> {
    await atomicsWithWaitAsync.waitAsync(this.counters, slot, value).value;
  }
}

/** The worker's side of an `OperationWorker`: its counters, for {@link serveOperations}. */
export function operationCounters(shared: SharedArrayBuffer, name: string): WorkerCounters {
  return new WorkerCounters(shared, OPERATION_STATUS, name);
}

/**
 * Serves an {@link OperationWorker}'s requests for ever: starts one operation per request and counts
 * it completed when its promise resolves. With `ahead` > 0 that many more run before they are asked
 * for (a pipeline); with `awaitEach` false operations overlap.
 */
export async function serveOperations(
  worker: WorkerCounters,
  operation: () => Promise<void>,
  { ahead = 0, awaitEach = true }: { readonly ahead?: number; readonly awaitEach?: boolean } = {},
): Promise<never> {
  const { counters } = worker;
  const complete = (): void => {
    Atomics.add(counters, COMPLETED, 1);
    Atomics.notify(counters, COMPLETED);
  };
  let started = 0;
  worker.ready();
  for (;;) {
    const requested = Atomics.load(counters, REQUESTED);
    if (started >= requested + ahead) {
      await worker.changed(REQUESTED, requested);
      continue;
    }
    started += 1;
    const done = operation().then(complete);
    if (awaitEach) await done;
    else done.catch(worker.fail);
  }
}
