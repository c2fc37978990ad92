import { createCipheriv } from 'node:crypto';

/**
 * AES-IGE encryption through the platform's native AES-CBC (core.telegram.org/mtproto/description,
 * "AES IGE"), with two XOR passes around one CBC call over the whole buffer.
 *
 * IGE is c_i = E(m_i ^ c_{i-1}) ^ m_{i-1}, with c_{-1} = iv[0..16] and m_{-1} = iv[16..32].
 * Write y_i = c_i ^ m_{i-1} = E(m_i ^ c_{i-1}). Since c_{i-1} = y_{i-1} ^ m_{i-2}:
 *   y_i = E((m_i ^ m_{i-2}) ^ y_{i-1}),
 * which is CBC over x_i = m_i ^ m_{i-2} (taking m_{-2} = 0) with the CBC iv y_{-1} = c_{-1}:
 * for i = 0 that gives E(m_0 ^ c_{-1}), as IGE wants. So x goes through native CBC, and
 * c_i = y_i ^ m_{i-1} recovers the IGE ciphertext. Native CBC runs on AES instructions where the CPU
 * has them, far faster than any AES written in JavaScript or WebAssembly.
 */

function wordsOf(bytes: Uint8Array): Int32Array {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  return new Int32Array(aligned.buffer, aligned.byteOffset, aligned.length / 4);
}

/**
 * Encrypts `data` with AES-IGE. The key may be 16, 24 or 32 bytes (MTProto uses 32; the others exist
 * so the published AES-128 IGE vectors can check the mode). `iv` is 32 bytes, `data` a multiple of 16.
 * Neither input is modified.
 */
export function igeEncryptThroughCbc(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array {
  const length = data.length;
  const plain = wordsOf(data);
  const ivWords = wordsOf(iv);
  const mixed = new Int32Array(length / 4);
  // x_i = m_i ^ m_{i-2}: block 0 is m_0, block 1 is m_1 ^ m_{-1}, later blocks m_i ^ m_{i-2}.
  for (let word = 0; word < Math.min(4, mixed.length); word++) mixed[word] = plain[word];
  for (let word = 4; word < Math.min(8, mixed.length); word++) mixed[word] = plain[word] ^ ivWords[word];
  for (let word = 8; word < mixed.length; word++) mixed[word] = plain[word] ^ plain[word - 8];

  const cipher = createCipheriv(`aes-${key.length * 8}-cbc`, key, iv.subarray(0, 16));
  cipher.setAutoPadding(false);
  const chained = cipher.update(new Uint8Array(mixed.buffer));
  cipher.final();

  const output = chained.byteOffset % 4 === 0 ? chained : Uint8Array.prototype.slice.call(chained);
  const result = new Int32Array(output.buffer, output.byteOffset, length / 4);
  // c_i = y_i ^ m_{i-1}: block 0 uses m_{-1} from the iv.
  for (let word = 0; word < Math.min(4, result.length); word++) result[word] ^= ivWords[word + 4];
  for (let word = 4; word < result.length; word++) result[word] ^= plain[word - 4];
  return new Uint8Array(output.buffer, output.byteOffset, length);
}
