import { createCipheriv, type Cipher } from 'node:crypto';
import { IGE_XOR_CHUNK_BYTES, WasmIgeXor } from './ige-xor-wasm';

/**
 * AES-IGE encryption through the platform's native AES-CBC (core.telegram.org/mtproto/description,
 * "AES IGE"), with two XOR passes around the CBC calls.
 *
 * IGE is c_i = E(m_i ^ c_{i-1}) ^ m_{i-1}, with c_{-1} = iv[0..16] and m_{-1} = iv[16..32].
 * Write y_i = c_i ^ m_{i-1} = E(m_i ^ c_{i-1}). Since c_{i-1} = y_{i-1} ^ m_{i-2}:
 *   y_i = E((m_i ^ m_{i-2}) ^ y_{i-1}),
 * which is CBC over x_i = m_i ^ m_{i-2} (taking m_{-2} = 0) with the CBC iv y_{-1} = c_{-1}:
 * for i = 0 that gives E(m_0 ^ c_{-1}), as IGE wants. So x goes through native CBC, and
 * c_i = y_i ^ m_{i-1} recovers the IGE ciphertext. Native CBC runs on AES instructions where the CPU
 * has them, far faster than any AES written in JavaScript or WebAssembly.
 *
 * The XOR passes are what this code adds to the CBC, so they run chunk by chunk, in cache: x for one
 * chunk (64 KiB in JavaScript, 256 KiB with SIMD) goes into a reused buffer, one cipher object takes it (a CBC cipher without padding
 * keeps its chaining block across `update` calls, so the chunks chain as one message), the chunk's CBC
 * output is turned into ciphertext while still in cache and copied into the result. Where the runtime
 * has WebAssembly SIMD the passes run there (ige-xor-wasm.ts), 16 bytes per XOR; elsewhere in the
 * JavaScript loops below. No buffer is zero-filled before use (the SIMD path wipes the plaintext it
 * copied once it is done), and besides the result no buffer the size of the message is made.
 */

/** Big enough that the per-`update` cost is small, small enough that x and y stay in L1/L2. */
const CHUNK_WORDS = 16384;

let scratch: Int32Array | undefined;

/** The JavaScript path's reused buffer for x, allocated on first use without zero-filling. */
function mixedScratch(): Int32Array {
  if (scratch === undefined) {
    const bytes = Buffer.allocUnsafeSlow(CHUNK_WORDS * 4);
    scratch = new Int32Array(bytes.buffer, bytes.byteOffset, CHUNK_WORDS);
  }
  return scratch;
}

function wordsOf(bytes: Uint8Array): Int32Array {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  return new Int32Array(aligned.buffer, aligned.byteOffset, aligned.length / 4);
}

/**
 * mixed[w] = plain[at + w] ^ plain[at + w - 8] (x_i = m_i ^ m_{i-2}) for w in [from, count), where
 * at + from >= 8 and count - from is a multiple of 4. Unrolled by eight words.
 */
function mixChunk(mixed: Int32Array, plain: Int32Array, at: number, from: number, count: number): void {
  let w = from;
  for (; w + 8 <= count; w += 8) {
    const i = at + w;
    mixed[w] = plain[i] ^ plain[i - 8];
    mixed[w + 1] = plain[i + 1] ^ plain[i - 7];
    mixed[w + 2] = plain[i + 2] ^ plain[i - 6];
    mixed[w + 3] = plain[i + 3] ^ plain[i - 5];
    mixed[w + 4] = plain[i + 4] ^ plain[i - 4];
    mixed[w + 5] = plain[i + 5] ^ plain[i - 3];
    mixed[w + 6] = plain[i + 6] ^ plain[i - 2];
    mixed[w + 7] = plain[i + 7] ^ plain[i - 1];
  }
  if (w < count) {
    const i = at + w;
    mixed[w] = plain[i] ^ plain[i - 8];
    mixed[w + 1] = plain[i + 1] ^ plain[i - 7];
    mixed[w + 2] = plain[i + 2] ^ plain[i - 6];
    mixed[w + 3] = plain[i + 3] ^ plain[i - 5];
  }
}

/**
 * chained[w] ^= plain[at + w - 4] (c_i = y_i ^ m_{i-1}) for w in [from, count), where at + from >= 4
 * and count - from is a multiple of 4. Unrolled by eight words.
 */
function unmixChunk(chained: Int32Array, plain: Int32Array, at: number, from: number, count: number): void {
  let w = from;
  for (; w + 8 <= count; w += 8) {
    const i = at + w;
    chained[w] ^= plain[i - 4];
    chained[w + 1] ^= plain[i - 3];
    chained[w + 2] ^= plain[i - 2];
    chained[w + 3] ^= plain[i - 1];
    chained[w + 4] ^= plain[i];
    chained[w + 5] ^= plain[i + 1];
    chained[w + 6] ^= plain[i + 2];
    chained[w + 7] ^= plain[i + 3];
  }
  if (w < count) {
    const i = at + w;
    chained[w] ^= plain[i - 4];
    chained[w + 1] ^= plain[i - 3];
    chained[w + 2] ^= plain[i - 2];
    chained[w + 3] ^= plain[i - 1];
  }
}

/** The SIMD path: both XOR passes in WebAssembly, the CBC reading x straight from its memory. */
function encryptWithWasm(
  xorPasses: WasmIgeXor,
  cipher: Cipher,
  data: Uint8Array,
  iv: Uint8Array,
  result: Uint8Array,
): void {
  const length = data.length;
  try {
    for (let start = 0; start < length; start += IGE_XOR_CHUNK_BYTES) {
      const end = Math.min(start + IGE_XOR_CHUNK_BYTES, length);
      const chained = cipher.update(xorPasses.mix(data, start, end, iv));
      result.set(xorPasses.unmix(chained), start);
    }
  } finally {
    xorPasses.wipe();
  }
}

/** The fallback: both XOR passes in JavaScript on 32-bit words. */
function encryptWithJavaScript(cipher: Cipher, data: Uint8Array, iv: Uint8Array, result: Uint8Array): void {
  const words = data.length / 4;
  const plain = wordsOf(data);
  const ivWords = wordsOf(iv);
  const mixed = mixedScratch();
  for (let at = 0; at < words; at += CHUNK_WORDS) {
    const count = Math.min(CHUNK_WORDS, words - at);
    let from = 0;
    if (at === 0) {
      // x_0 = m_0 (m_{-2} = 0), x_1 = m_1 ^ m_{-1}.
      mixed[0] = plain[0];
      mixed[1] = plain[1];
      mixed[2] = plain[2];
      mixed[3] = plain[3];
      if (count > 4) {
        mixed[4] = plain[4] ^ ivWords[4];
        mixed[5] = plain[5] ^ ivWords[5];
        mixed[6] = plain[6] ^ ivWords[6];
        mixed[7] = plain[7] ^ ivWords[7];
      }
      from = 8;
    }
    mixChunk(mixed, plain, at, from, count);

    const chained = wordsOf(cipher.update(count === CHUNK_WORDS ? mixed : mixed.subarray(0, count)));
    from = 0;
    if (at === 0) {
      // c_0 = y_0 ^ m_{-1}.
      chained[0] ^= ivWords[4];
      chained[1] ^= ivWords[5];
      chained[2] ^= ivWords[6];
      chained[3] ^= ivWords[7];
      from = 4;
    }
    unmixChunk(chained, plain, at, from, count);
    result.set(new Uint8Array(chained.buffer, chained.byteOffset, count * 4), at * 4);
  }
}

/**
 * Encrypts `data` with AES-IGE. The key may be 16, 24 or 32 bytes (MTProto uses 32; the others exist
 * so the published AES-128 IGE vectors can check the mode). `iv` is 32 bytes, `data` a multiple of 16.
 * Neither input is modified.
 *
 * @param xorPasses where the XOR passes run: the shared WebAssembly SIMD kernel by default, or null
 *   for the JavaScript loops (what runtimes without SIMD get; tests pass it to check both)
 */
export function igeEncryptThroughCbc(
  data: Uint8Array,
  key: Uint8Array,
  iv: Uint8Array,
  xorPasses: WasmIgeXor | null = WasmIgeXor.shared(),
): Uint8Array {
  const result = Buffer.allocUnsafe(data.length);
  const cipher = createCipheriv(`aes-${key.length * 8}-cbc`, key, iv.subarray(0, 16));
  cipher.setAutoPadding(false);
  if (xorPasses !== null) encryptWithWasm(xorPasses, cipher, data, iv, result);
  else encryptWithJavaScript(cipher, data, iv, result);
  cipher.final();
  return result;
}
