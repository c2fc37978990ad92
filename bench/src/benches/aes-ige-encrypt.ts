import type { BenchDefinition } from '../harness/bench-definition';
import { aesIgeCiphers } from './aes-ige-ciphers';
import { aesIgeFixture, aesIgeSizes, assertSameBytes } from './aes-ige-fixture';

/**
 * `aes-ige-encrypt/<size>`: MB/s of AES-256-IGE encryption of one buffer, the hot loop of file
 * uploads. Before timing, every IGE implementation must produce the same ciphertext.
 */
export const aesIgeEncryptBenches: BenchDefinition[] = aesIgeSizes.map((size) => ({
  name: `aes-ige-encrypt/${size.label}`,
  unit: 'MB/s',
  bytesPerOperation: size.bytes,
  implementations: () => {
    const { key, iv, plaintext } = aesIgeFixture(size.bytes);
    const ciphers = aesIgeCiphers();
    assertSameBytes(
      `aes-ige-encrypt/${size.label}`,
      ciphers
        .filter((cipher) => cipher.isIge)
        .map((cipher) => ({ impl: cipher.impl, bytes: cipher.encrypt(plaintext, key, iv) })),
    );
    return ciphers.map((cipher) => ({
      impl: cipher.impl,
      role: cipher.role,
      operation: () => cipher.encrypt(plaintext, key, iv),
    }));
  },
}));
