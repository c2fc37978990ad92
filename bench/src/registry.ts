import type { BenchDefinition } from './harness/bench-definition';
import { aesIgeDecryptBenches } from './benches/aes-ige-decrypt';
import { aesIgeEncryptBenches } from './benches/aes-ige-encrypt';
import { pqFactorizeBench } from './benches/pq-factorize';
import { tlDecodeBench } from './benches/tl-decode';
import { tlEncodeBench } from './benches/tl-encode';

/** Every bench, in the order `pnpm bench` runs them. */
export const benches: readonly BenchDefinition[] = [
  ...aesIgeEncryptBenches,
  ...aesIgeDecryptBenches,
  tlDecodeBench,
  tlEncodeBench,
  pqFactorizeBench,
];
