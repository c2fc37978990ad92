import type { BenchDefinition, BenchImplementation } from '../harness/bench-definition';
import { FileTransferDriver } from './file-transfer-driver';

/** A 100 MB file (MB as the report counts them: 10^6 bytes). */
const FILE_BYTES = 100 * 1_000_000;

function implementations(direction: 'upload' | 'download'): readonly BenchImplementation[] {
  const mtbot = new FileTransferDriver({ impl: 'mtbot', direction, bytes: FILE_BYTES });
  const gramjs = new FileTransferDriver({ impl: 'gramjs', direction, bytes: FILE_BYTES });
  return [
    { impl: 'mtbot', role: 'ours', operation: () => mtbot.run() },
    { impl: 'gramjs', role: 'anchor', operation: () => gramjs.run() },
  ];
}

/** Each operation is a whole 100 MB transfer, timed alone; the median one is reported. */
const transferBench = (name: string, direction: 'upload' | 'download'): BenchDefinition => ({
  name,
  unit: 'MB/s',
  bytesPerOperation: FILE_BYTES,
  fixedOperations: (quick) => (quick ? 2 : 5),
  medianOfOperations: true,
  implementations: () => implementations(direction),
});

/**
 * `file-upload-100mb`: uploadFile of a 100 MB Buffer (512 KiB saveBigFilePart parts, 4 in flight) to the
 * local DC over TCP loopback; the DC runs in a child process, the client in a worker thread.
 */
export const fileUploadBench = transferBench('file-upload-100mb', 'upload');

/** `file-download-100mb`: downloadFile of that file (1 MiB getFile chunks, 4 in flight) into a stream. */
export const fileDownloadBench = transferBench('file-download-100mb', 'download');
