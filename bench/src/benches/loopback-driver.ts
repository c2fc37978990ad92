import { join } from 'node:path';
import { OperationWorker } from '../harness/worker-thread';
import type { LoopbackMode } from './loopback-protocol';

/** A wait longer than this means the worker is stuck: the bench fails rather than hanging. */
const WAIT_LIMIT_MS = 30_000;

/**
 * Runs loopback MTProto work (loopback-worker.ts) in a worker thread: `run()` is one key exchange or
 * call, blocking the harness thread until it is done.
 */
export class LoopbackDriver extends OperationWorker {
  constructor(mode: LoopbackMode, window = 1) {
    super({
      script: join(__dirname, 'loopback-worker.ts'),
      data: { mode, window },
      what: `the loopback worker (${mode})`,
      waitLimitMs: WAIT_LIMIT_MS,
    });
  }
}
