import type { BenchDefinition } from './harness/bench-definition';
import { aesIgeDecryptBenches } from './benches/aes-ige-decrypt';
import { aesIgeEncryptBenches } from './benches/aes-ige-encrypt';
import { dispatcherThroughputBench } from './benches/dispatcher-throughput';
import { fileDownloadBench, fileUploadBench } from './benches/file-transfer';
import { keyExchangeBench } from './benches/key-exchange';
import { pqFactorizeBench } from './benches/pq-factorize';
import { rpcPipelinedBench, rpcSequentialBench } from './benches/rpc-round-trip';
import { tlDecodeBench } from './benches/tl-decode';
import { tlEncodeBench } from './benches/tl-encode';
import { updatesCatchUpBench, updatesLiveBench } from './benches/updates-delivery';

/** Every bench, in the order `pnpm bench` runs them. */
export const benches: readonly BenchDefinition[] = [
  ...aesIgeEncryptBenches,
  ...aesIgeDecryptBenches,
  tlDecodeBench,
  tlEncodeBench,
  pqFactorizeBench,
  keyExchangeBench,
  rpcSequentialBench,
  rpcPipelinedBench,
  updatesLiveBench,
  updatesCatchUpBench,
  fileUploadBench,
  fileDownloadBench,
  dispatcherThroughputBench,
];
