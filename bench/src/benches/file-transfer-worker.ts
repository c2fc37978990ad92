// The client half of the file-transfer benches, in a worker thread: mtbot's uploadFile/downloadFile
// over core's MtprotoClient (or GramJS's, as the anchor) against the local DC of
// file-transfer-server.ts in a child process. The main thread asks for transfers through shared
// counters (file-transfer-driver.ts) and waits while this thread does the network work.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { workerData } from 'node:worker_threads';
import { startReadyChild } from '../harness/ready-child-process';
import { operationCounters, serveOperations } from '../harness/worker-counters';
import type { FileTransferServerReady } from './file-transfer-server';
import { mtbotFileTransfers } from './file-transfer-mtbot';

/** What the driver hands the worker. */
export interface FileTransferWorkerData {
  readonly impl: 'mtbot' | 'gramjs';
  readonly direction: 'upload' | 'download';
  readonly bytes: number;
  readonly shared: SharedArrayBuffer;
}

/** One library's transfers, set up against a running server. */
export interface FileTransfers {
  /** Uploads the content once (a fixed file id, so the DC's copy is replaced, not piled up). */
  upload(): Promise<void>;
  /** Downloads the file sent once during set-up into `sink`. */
  download(sink: Writable): Promise<void>;
}

export type FileTransfersFactory = (
  server: FileTransferServerReady,
  content: Buffer,
) => Promise<FileTransfers>;

const data = workerData as FileTransferWorkerData;
const worker = operationCounters(data.shared, 'file transfer worker');

/** Content that is not all zeros (a transport could shortcut those), the same in every run. */
function benchContent(length: number): Buffer {
  const content = Buffer.allocUnsafe(length);
  for (let index = 0; index < length; index += 4) content.writeUInt32LE((index * 2654435761) >>> 0, index);
  return content;
}

/** A sink that hashes what it is given, to check a download got every byte in order. */
class HashingSink extends Writable {
  private readonly hash = createHash('sha256');
  bytes = 0;

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    done();
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

async function main(): Promise<void> {
  const { ready: server } = await startReadyChild<FileTransferServerReady>(
    join(__dirname, 'file-transfer-server.ts'),
    'the file transfer server',
  );
  const content = benchContent(data.bytes);
  const factory: FileTransfersFactory =
    data.impl === 'mtbot' ? mtbotFileTransfers : (await import('./file-transfer-gramjs')).gramjsFileTransfers;
  const transfers = await factory(server, content);
  // The results must be right before their speed means anything.
  const check = new HashingSink();
  await transfers.download(check);
  const expected = createHash('sha256').update(content).digest('hex');
  if (check.digest() !== expected)
    throw new Error(`${data.impl}: the downloaded file differs from the upload`);
  const operation =
    data.direction === 'upload'
      ? () => transfers.upload()
      : async () => {
          const sink = new HashingSink();
          await transfers.download(sink);
          if (sink.bytes !== data.bytes) throw new Error(`${data.impl}: downloaded ${sink.bytes} bytes`);
        };
  await serveOperations(worker, operation);
}

main().catch(worker.fail);
