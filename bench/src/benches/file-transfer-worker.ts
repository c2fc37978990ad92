// The client half of the file-transfer benches, in a worker thread: mtbot's uploadFile/downloadFile
// over core's MtprotoClient (or GramJS's, as the anchor) against the local DC of
// file-transfer-server.ts in a child process. The main thread asks for transfers through shared
// counters (file-transfer-driver.ts) and waits while this thread does the network work.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { workerData } from 'node:worker_threads';
import { COMPLETED, FAILED, READY, REQUESTED, STATUS } from './loopback-protocol';
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
const counters = new Int32Array(data.shared);

/** Atomics.waitAsync (Node 16 on) is missing from the ES2022 lib the workspace compiles against. */
const atomicsWithWaitAsync = Atomics as unknown as {
  waitAsync(array: Int32Array, index: number, value: number): { value: Promise<string> | string };
};

/** Starts file-transfer-server.ts in a child process (through run-ts) and waits for its ready line. */
async function startServerProcess(): Promise<FileTransferServerReady> {
  const root = join(__dirname, '..', '..', '..');
  const child = spawn(
    process.execPath,
    [join(root, 'tools', 'run-ts.js'), join(__dirname, 'file-transfer-server.ts')],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  // The child exits when its stdin closes, which happens when this process ends.
  child.unref();
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    lines.close();
    return JSON.parse(line) as FileTransferServerReady;
  }
  throw new Error(`the file transfer server exited with code ${child.exitCode} before it was ready`);
}

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
  const server = await startServerProcess();
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
  let started = 0;
  Atomics.store(counters, STATUS, READY);
  Atomics.notify(counters, STATUS);
  for (;;) {
    const requested = Atomics.load(counters, REQUESTED);
    if (started >= requested) {
      await atomicsWithWaitAsync.waitAsync(counters, REQUESTED, requested).value;
      continue;
    }
    started += 1;
    await operation();
    Atomics.add(counters, COMPLETED, 1);
    Atomics.notify(counters, COMPLETED);
  }
}

main().catch((error: unknown) => {
  console.error('[bench] file transfer worker failed:', error);
  Atomics.store(counters, STATUS, FAILED);
  Atomics.notify(counters, STATUS);
  Atomics.notify(counters, COMPLETED);
});
