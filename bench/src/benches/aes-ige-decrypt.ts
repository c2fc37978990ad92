import type { BenchDefinition } from '../harness/bench-definition';
import { aesIgeCiphers } from './aes-ige-ciphers';
import { aesIgeFixture, aesIgeSizes, assertSameBytes } from './aes-ige-fixture';

/**
 * `aes-ige-decrypt/<size>`: MB/s of AES-256-IGE decryption of one buffer, the hot loop of file
 * downloads. Before timing, every IGE implementation must give back the original plaintext.
 */
export const aesIgeDecryptBenches: BenchDefinition[] = aesIgeSizes.map((size) => ({
  name: `aes-ige-decrypt/${size.label}`,
  unit: 'MB/s',
  bytesPerOperation: size.bytes,
  implementations: () => {
    const { key, iv, plaintext } = aesIgeFixture(size.bytes);
    const ciphers = aesIgeCiphers();
    const igeCiphers = ciphers.filter((cipher) => cipher.isIge);
    const ciphertext = igeCiphers[0].encrypt(plaintext, key, iv);
    assertSameBytes(`aes-ige-decrypt/${size.label}`, [
      { impl: 'original plaintext', bytes: plaintext },
      ...igeCiphers.map((cipher) => ({ impl: cipher.impl, bytes: cipher.decrypt(ciphertext, key, iv) })),
    ]);
    return ciphers.map((cipher) => ({
      impl: cipher.impl,
      role: cipher.role,
      operation: () => cipher.decrypt(ciphertext, key, iv),
    }));
  },
}));
