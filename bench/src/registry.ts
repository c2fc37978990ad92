import type { BenchDefinition } from './harness/bench-definition';
import { aesIgeDecryptBenches } from './benches/aes-ige-decrypt';
import { aesIgeEncryptBenches } from './benches/aes-ige-encrypt';

/** Every bench, in the order `pnpm bench` runs them. */
export const benches: readonly BenchDefinition[] = [...aesIgeEncryptBenches, ...aesIgeDecryptBenches];
