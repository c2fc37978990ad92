import { join } from 'node:path';
import { OperationWorker } from '../harness/worker-thread';
import type { FileTransferWorkerData } from './file-transfer-worker';

/**
 * Setting up (a 100 MB upload, then a checked download) or one transfer longer than this is a hang.
 * Generous: on a loaded 2-core machine one 100 MB transfer of the slower library takes minutes.
 */
const WAIT_LIMIT_MS = 600_000;

/**
 * Runs file transfers (file-transfer-worker.ts) in a worker thread, the local DC in a child process
 * of that worker: `run()` is one whole transfer, blocking the harness thread until it is done.
 */
export class FileTransferDriver extends OperationWorker {
  constructor(data: Omit<FileTransferWorkerData, 'shared'>) {
    super({
      script: join(__dirname, 'file-transfer-worker.ts'),
      data: { ...data },
      what: `the file transfer worker (${data.impl} ${data.direction})`,
      waitLimitMs: WAIT_LIMIT_MS,
    });
  }
}
