import { join } from 'node:path';
import { WorkerThread } from '../harness/worker-thread';
import {
  ACTIVE_PHASE,
  DELIVERED,
  DONE_PHASE,
  MEASURED_COUNT,
  MEASURED_PHASE,
  REQUESTED_PHASE,
  SLOTS,
  STATUS,
  WARMUP_COUNT,
  WARMUP_PHASE,
  type UpdatesPath,
  type UpdatesWorkerData,
} from './updates-protocol';

/** A wait longer than this means the worker is stuck: the bench fails rather than hanging. */
const WAIT_LIMIT_MS = 120_000;

/**
 * Turns "updates delivered to the bot's handler" into the harness's synchronous operations. The bot
 * runs in a worker thread (updates-worker.ts, started through tools/run-ts.js so it loads TypeScript),
 * the local DC in a child process of that worker.
 *
 * The harness calls `operation(0)`, `(1)`, ... time-boxed to warm up, then again from 0 for the
 * measured rounds (bench/README.md, "How it measures"). So each call with index 0 starts a phase:
 * the first warms up, and its first call waits for that whole small flood; in the second, `operation(i)`
 * returns once update `i` of the measured flood has been delivered, and the last one once the flood
 * was checked complete (nothing missing, nothing twice). The time of the rounds together thus runs
 * from asking for the flood to the last update handled.
 */
export class UpdatesFloodDriver {
  private readonly thread: WorkerThread;
  private readonly counters: Int32Array;
  private phase = 0;
  private measuredMessages = 0;

  /** `floodSizes` is asked when the warm-up starts (the harness knows `--quick` only then). */
  constructor(
    path: UpdatesPath,
    private readonly floodSizes: () => { readonly warmup: number; readonly measured: number },
  ) {
    this.thread = new WorkerThread({
      script: join(__dirname, 'updates-worker.ts'),
      data: { path } satisfies Omit<UpdatesWorkerData, 'shared'>,
      slots: SLOTS,
      statusSlot: STATUS,
      what: `the updates worker (${path})`,
      waitLimitMs: WAIT_LIMIT_MS,
    });
    this.counters = this.thread.counters;
  }

  /** One operation of the harness (see the class comment). */
  run(index: number): number {
    if (index === 0) {
      this.phase += 1;
      if (this.phase > MEASURED_PHASE) throw new Error('the updates flood was already measured');
      if (this.phase === WARMUP_PHASE) {
        const sizes = this.floodSizes();
        this.measuredMessages = sizes.measured;
        Atomics.store(this.counters, WARMUP_COUNT, sizes.warmup);
        Atomics.store(this.counters, MEASURED_COUNT, sizes.measured);
      }
      Atomics.store(this.counters, REQUESTED_PHASE, this.phase);
      Atomics.notify(this.counters, REQUESTED_PHASE);
      const phase = this.phase;
      this.waitFor(ACTIVE_PHASE, (active) => active >= phase, `phase ${phase} to start`);
    }
    if (this.phase === WARMUP_PHASE) {
      if (index === 0) this.waitFor(DONE_PHASE, (done) => done >= WARMUP_PHASE, 'the warm-up flood');
      return index;
    }
    if (index >= this.measuredMessages - 1) {
      this.waitFor(DONE_PHASE, (done) => done >= MEASURED_PHASE, 'the measured flood to be complete');
    } else {
      this.waitFor(DELIVERED, (delivered) => delivered > index, `update ${index}`);
    }
    return index;
  }

  private waitFor(slot: number, condition: (value: number) => boolean, what: string): void {
    this.thread.waitFor(slot, condition, what);
  }
}
