import { DECRYPTION_TABLES, INVERSE_SBOX } from './aes-tables';

const [TABLE0, TABLE1, TABLE2, TABLE3] = DECRYPTION_TABLES;

/**
 * AES-IGE decryption in plain TypeScript with T-tables, in place over little-endian words
 * (core.telegram.org/mtproto/description, "AES IGE"): m_i = D(c_i ^ m_{i-1}) ^ c_{i-1}, with
 * c_{-1} = iv[0..16] and m_{-1} = iv[16..32].
 *
 * IGE decryption cannot be handed to a native CBC call the way encryption can: each block's cipher
 * input depends on the previous plaintext block, which is only known after that block is decrypted.
 * This is the fallback when WebAssembly is unavailable; it allocates nothing per block.
 *
 * @param words the ciphertext as little-endian words, replaced by the plaintext; length a multiple of 4
 * @param roundKeys from {@link expandDecryptionKey}
 * @param iv the 32-byte IGE iv as 8 little-endian words
 */
export function igeDecryptWordsInPlace(words: Int32Array, roundKeys: Int32Array, iv: Int32Array): void {
  const rounds = roundKeys.length / 4 - 1;
  const lastRoundKey = 4 * rounds;
  let previousCipher0 = iv[0];
  let previousCipher1 = iv[1];
  let previousCipher2 = iv[2];
  let previousCipher3 = iv[3];
  let previousPlain0 = iv[4];
  let previousPlain1 = iv[5];
  let previousPlain2 = iv[6];
  let previousPlain3 = iv[7];
  for (let offset = 0; offset < words.length; offset += 4) {
    const cipher0 = words[offset];
    const cipher1 = words[offset + 1];
    const cipher2 = words[offset + 2];
    const cipher3 = words[offset + 3];
    let state0 = cipher0 ^ previousPlain0 ^ roundKeys[0];
    let state1 = cipher1 ^ previousPlain1 ^ roundKeys[1];
    let state2 = cipher2 ^ previousPlain2 ^ roundKeys[2];
    let state3 = cipher3 ^ previousPlain3 ^ roundKeys[3];
    for (let key = 4; key < lastRoundKey; key += 4) {
      // InvShiftRows moves row r of column j to column j + r, so output column j takes row r from
      // column j - r.
      const next0 =
        TABLE0[state0 & 0xff] ^
        TABLE1[(state3 >>> 8) & 0xff] ^
        TABLE2[(state2 >>> 16) & 0xff] ^
        TABLE3[state1 >>> 24] ^
        roundKeys[key];
      const next1 =
        TABLE0[state1 & 0xff] ^
        TABLE1[(state0 >>> 8) & 0xff] ^
        TABLE2[(state3 >>> 16) & 0xff] ^
        TABLE3[state2 >>> 24] ^
        roundKeys[key + 1];
      const next2 =
        TABLE0[state2 & 0xff] ^
        TABLE1[(state1 >>> 8) & 0xff] ^
        TABLE2[(state0 >>> 16) & 0xff] ^
        TABLE3[state3 >>> 24] ^
        roundKeys[key + 2];
      const next3 =
        TABLE0[state3 & 0xff] ^
        TABLE1[(state2 >>> 8) & 0xff] ^
        TABLE2[(state1 >>> 16) & 0xff] ^
        TABLE3[state0 >>> 24] ^
        roundKeys[key + 3];
      state0 = next0;
      state1 = next1;
      state2 = next2;
      state3 = next3;
    }
    // The last round has no InvMixColumns: plain inverse S-box lookups placed back in their rows.
    const plain0 =
      (INVERSE_SBOX[state0 & 0xff] |
        (INVERSE_SBOX[(state3 >>> 8) & 0xff] << 8) |
        (INVERSE_SBOX[(state2 >>> 16) & 0xff] << 16) |
        (INVERSE_SBOX[state1 >>> 24] << 24)) ^
      roundKeys[lastRoundKey] ^
      previousCipher0;
    const plain1 =
      (INVERSE_SBOX[state1 & 0xff] |
        (INVERSE_SBOX[(state0 >>> 8) & 0xff] << 8) |
        (INVERSE_SBOX[(state3 >>> 16) & 0xff] << 16) |
        (INVERSE_SBOX[state2 >>> 24] << 24)) ^
      roundKeys[lastRoundKey + 1] ^
      previousCipher1;
    const plain2 =
      (INVERSE_SBOX[state2 & 0xff] |
        (INVERSE_SBOX[(state1 >>> 8) & 0xff] << 8) |
        (INVERSE_SBOX[(state0 >>> 16) & 0xff] << 16) |
        (INVERSE_SBOX[state3 >>> 24] << 24)) ^
      roundKeys[lastRoundKey + 2] ^
      previousCipher2;
    const plain3 =
      (INVERSE_SBOX[state3 & 0xff] |
        (INVERSE_SBOX[(state2 >>> 8) & 0xff] << 8) |
        (INVERSE_SBOX[(state1 >>> 16) & 0xff] << 16) |
        (INVERSE_SBOX[state0 >>> 24] << 24)) ^
      roundKeys[lastRoundKey + 3] ^
      previousCipher3;
    words[offset] = plain0;
    words[offset + 1] = plain1;
    words[offset + 2] = plain2;
    words[offset + 3] = plain3;
    previousCipher0 = cipher0;
    previousCipher1 = cipher1;
    previousCipher2 = cipher2;
    previousCipher3 = cipher3;
    previousPlain0 = plain0;
    previousPlain1 = plain1;
    previousPlain2 = plain2;
    previousPlain3 = plain3;
  }
}
