import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { COMPLETED, FAILED, READY, REQUESTED, STATUS } from './loopback-protocol';
import type { FileTransferWorkerData } from './file-transfer-worker';

/**
 * Setting up (a 100 MB upload, then a checked download) or one transfer longer than this is a hang.
 * Generous: on a loaded 2-core machine one 100 MB transfer of the slower library takes minutes.
 */
const WAIT_LIMIT_MS = 600_000;

// Workers do not inherit run-ts's require hooks (TypeScript, workspace packages as source): the worker
// runs through run-ts itself.
const bootstrap = `
process.argv = [process.execPath, ${JSON.stringify(join(__dirname, '..', '..', '..', 'tools', 'run-ts.js'))}, ${JSON.stringify(join(__dirname, 'file-transfer-worker.ts'))}];
require(process.argv[1]);
`;

/**
 * Runs file transfers in a worker thread (the local DC runs in a child process of that worker) and
 * turns each into a synchronous operation for the harness: `run()` asks for one more transfer and
 * blocks until it is done.
 */
export class FileTransferDriver {
  private readonly counters: Int32Array;
  private requested = 0;

  constructor(data: Omit<FileTransferWorkerData, 'shared'>) {
    const shared = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
    this.counters = new Int32Array(shared);
    const workerData: FileTransferWorkerData = { ...data, shared };
    const worker = new Worker(bootstrap, { eval: true, workerData });
    // The worker lives as long as the bench process and must not keep it from exiting.
    worker.unref();
    const result = Atomics.wait(this.counters, STATUS, 0, WAIT_LIMIT_MS);
    if (result === 'timed-out' || Atomics.load(this.counters, STATUS) !== READY) {
      throw new Error(`file transfer worker (${data.impl} ${data.direction}) did not start`);
    }
  }

  /** One whole transfer; returns how many the worker has completed. */
  run(): number {
    this.requested += 1;
    Atomics.store(this.counters, REQUESTED, this.requested);
    Atomics.notify(this.counters, REQUESTED);
    for (;;) {
      const completed = Atomics.load(this.counters, COMPLETED);
      if (Atomics.load(this.counters, STATUS) === FAILED) throw new Error('file transfer worker failed');
      if (completed >= this.requested) return completed;
      if (Atomics.wait(this.counters, COMPLETED, completed, WAIT_LIMIT_MS) === 'timed-out') {
        throw new Error(`transfer ${this.requested} did not finish within ${WAIT_LIMIT_MS} ms`);
      }
    }
  }
}
