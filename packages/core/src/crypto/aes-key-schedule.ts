import { DECRYPTION_TABLES, SBOX } from './aes-tables';

/**
 * AES key expansion (FIPS-197 section 5.2) and the round keys of the equivalent inverse cipher
 * (section 5.3.5), which lets decryption use the same table-driven round shape as encryption.
 */

/** Number of rounds for a key of `keyLength` bytes (16, 24 or 32). */
export function roundCount(keyLength: number): number {
  if (keyLength !== 16 && keyLength !== 24 && keyLength !== 32) {
    throw new RangeError(`AES key must be 16, 24 or 32 bytes, got ${keyLength}`);
  }
  return keyLength / 4 + 6;
}

function substituteWord(word: number): number {
  return (
    (SBOX[word >>> 24] << 24) |
    (SBOX[(word >>> 16) & 0xff] << 16) |
    (SBOX[(word >>> 8) & 0xff] << 8) |
    SBOX[word & 0xff]
  );
}

/**
 * The encryption key schedule as FIPS-197 writes it: `4 * (rounds + 1)` big-endian words, where the
 * first byte of each 4-byte group is the most significant.
 */
export function expandEncryptionKey(key: Uint8Array): Uint32Array {
  const rounds = roundCount(key.length);
  const keyWords = key.length / 4;
  const total = 4 * (rounds + 1);
  const schedule = new Uint32Array(total);
  for (let index = 0; index < keyWords; index++) {
    const offset = 4 * index;
    schedule[index] =
      (key[offset] << 24) | (key[offset + 1] << 16) | (key[offset + 2] << 8) | key[offset + 3];
  }
  let roundConstant = 1;
  for (let index = keyWords; index < total; index++) {
    let word = schedule[index - 1];
    if (index % keyWords === 0) {
      word = substituteWord((word << 8) | (word >>> 24)) ^ (roundConstant << 24);
      roundConstant = (roundConstant << 1) ^ (roundConstant & 0x80 ? 0x11b : 0);
    } else if (keyWords > 6 && index % keyWords === 4) {
      word = substituteWord(word);
    }
    schedule[index] = schedule[index - keyWords] ^ word;
  }
  return schedule;
}

function swapBytes(word: number): number {
  return (word >>> 24) | ((word >>> 8) & 0xff00) | ((word << 8) & 0xff0000) | (word << 24) | 0;
}

/**
 * Round keys for the equivalent inverse cipher as little-endian words (see aes-tables.ts): the
 * encryption round keys in reverse round order, with InvMixColumns applied to all but the first and
 * last round. Returns `4 * (rounds + 1)` words.
 */
export function expandDecryptionKey(key: Uint8Array): Int32Array {
  const encryption = expandEncryptionKey(key);
  const rounds = encryption.length / 4 - 1;
  const decryption = new Int32Array(encryption.length);
  const [table0, table1, table2, table3] = DECRYPTION_TABLES;
  for (let round = 0; round <= rounds; round++) {
    for (let column = 0; column < 4; column++) {
      const word = swapBytes(encryption[4 * (rounds - round) + column]);
      const isMiddleRound = round > 0 && round < rounds;
      // A decryption T-table entry of SBOX[b] is InvMixColumns of (b, 0, 0, 0) moved to its row, so
      // XOR-ing the four gives InvMixColumns of the whole column.
      decryption[4 * round + column] = isMiddleRound
        ? table0[SBOX[word & 0xff]] ^
          table1[SBOX[(word >>> 8) & 0xff]] ^
          table2[SBOX[(word >>> 16) & 0xff]] ^
          table3[SBOX[word >>> 24]]
        : word;
    }
  }
  return decryption;
}
