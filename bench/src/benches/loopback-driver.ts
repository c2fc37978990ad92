import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { COMPLETED, FAILED, READY, REQUESTED, STATUS, type LoopbackMode } from './loopback-protocol';

/** A wait longer than this means the worker is stuck: the bench fails rather than hanging. */
const WAIT_LIMIT_MS = 30_000;

// Workers do not inherit run-ts's require hook: the worker's first lines install the same SWC
// transform, then load the TypeScript worker.
const bootstrap = `
const { transformSync } = require(require.resolve('@swc/core', { paths: [process.cwd(), ${JSON.stringify(join(__dirname, '..', '..', '..'))}] }));
require.extensions['.ts'] = function (module, filename) {
  const source = require('node:fs').readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    filename,
    jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true } },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require(${JSON.stringify(join(__dirname, 'loopback-worker.ts'))});
`;

/**
 * Runs loopback MTProto work in a worker thread and turns it into a synchronous operation for the
 * harness: `run()` asks the worker for one more operation and blocks until it is done. The time
 * measured includes one cross-thread wake-up per operation (microseconds), negligible next to a
 * network round trip.
 */
export class LoopbackDriver {
  private readonly counters: Int32Array;
  private requested = 0;

  constructor(mode: LoopbackMode, window = 1) {
    const shared = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
    this.counters = new Int32Array(shared);
    const worker = new Worker(bootstrap, { eval: true, workerData: { mode, shared, window } });
    // The worker lives as long as the bench process and must not keep it from exiting.
    worker.unref();
    const result = Atomics.wait(this.counters, STATUS, 0, WAIT_LIMIT_MS);
    if (result === 'timed-out' || Atomics.load(this.counters, STATUS) !== READY) {
      throw new Error(`loopback worker (${mode}) did not start`);
    }
  }

  /** One operation; returns how many the worker has completed. */
  run(): number {
    this.requested += 1;
    Atomics.store(this.counters, REQUESTED, this.requested);
    Atomics.notify(this.counters, REQUESTED);
    for (;;) {
      const completed = Atomics.load(this.counters, COMPLETED);
      if (Atomics.load(this.counters, STATUS) === FAILED) throw new Error('loopback worker failed');
      if (completed >= this.requested) return completed;
      if (Atomics.wait(this.counters, COMPLETED, completed, WAIT_LIMIT_MS) === 'timed-out') {
        throw new Error(`loopback operation ${this.requested} did not finish within ${WAIT_LIMIT_MS} ms`);
      }
    }
  }
}
