import { igeDecryptWordsInPlace } from './aes-ige-decrypt-js';
import { WasmIgeDecryptor } from './aes-ige-wasm';
import { expandDecryptionKey } from './aes-key-schedule';
import { igeEncryptThroughCbc } from './ige-encrypt-cbc';

/**
 * AES-256 in IGE mode, the cipher of every MTProto message and of the auth key exchange
 * (core.telegram.org/mtproto/description, "AES IGE"; core.telegram.org/mtproto/auth_key):
 * c_i = E(m_i ^ c_{i-1}) ^ m_{i-1}, with the 32-byte iv holding c_{-1} (bytes 0..16) then
 * m_{-1} (bytes 16..32). There is no padding: data must be a whole number of 16-byte blocks.
 */

const IS_LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function checkArguments(operation: string, data: Uint8Array, iv: Uint8Array): void {
  if (iv.length !== 32)
    throw new RangeError(`AES-256-IGE ${operation}: iv must be 32 bytes, got ${iv.length}`);
  if (data.length % 16 !== 0) {
    throw new RangeError(`AES-256-IGE ${operation}: data must be a multiple of 16 bytes, got ${data.length}`);
  }
}

function checkKey(key: Uint8Array): void {
  if (key.length !== 32) throw new RangeError(`AES-256-IGE key must be 32 bytes, got ${key.length}`);
}

/**
 * Decrypts with already expanded round keys: through the WebAssembly kernel where the runtime has
 * WebAssembly, else through the TypeScript loop. Any AES key size; internal to the crypto layer.
 */
export function igeDecryptWithRoundKeys(data: Uint8Array, roundKeys: Int32Array, iv: Uint8Array): Uint8Array {
  const wasm = WasmIgeDecryptor.shared();
  if (wasm !== null) return wasm.decrypt(data, roundKeys, iv);
  if (!IS_LITTLE_ENDIAN) throw new Error('AES-IGE decryption needs WebAssembly on big-endian hosts');
  const output = data.slice();
  const ivWords = new Int32Array(iv.slice().buffer, 0, 8);
  igeDecryptWordsInPlace(new Int32Array(output.buffer, 0, output.length / 4), roundKeys, ivWords);
  return output;
}

/**
 * An AES-256-IGE key, expanded once for repeated use (an auth key's message keys change per message,
 * but a file download decrypts many parts with one key).
 *
 * @example
 * ```ts
 * const cipher = new AesIge(key); // 32 bytes
 * const encrypted = cipher.encrypt(plaintext, iv); // iv: 32 bytes, plaintext: multiple of 16
 * const decrypted = cipher.decrypt(encrypted, iv); // equals plaintext
 * ```
 */
export class AesIge {
  private readonly key: Uint8Array;
  private readonly decryptionRoundKeys: Int32Array;

  /** @throws RangeError when `key` is not 32 bytes */
  constructor(key: Uint8Array) {
    checkKey(key);
    this.key = key.slice();
    this.decryptionRoundKeys = expandDecryptionKey(this.key);
  }

  /**
   * Encrypts `data` (a multiple of 16 bytes) with `iv` (32 bytes) into a new array; inputs are not
   * modified. Runs on the platform's native AES-CBC.
   *
   * @throws RangeError on a wrong iv or data length
   */
  encrypt(data: Uint8Array, iv: Uint8Array): Uint8Array {
    checkArguments('encrypt', data, iv);
    return igeEncryptThroughCbc(data, this.key, iv);
  }

  /**
   * Decrypts `data` (a multiple of 16 bytes) with `iv` (32 bytes) into a new array; inputs are not
   * modified.
   *
   * @throws RangeError on a wrong iv or data length
   */
  decrypt(data: Uint8Array, iv: Uint8Array): Uint8Array {
    checkArguments('decrypt', data, iv);
    return igeDecryptWithRoundKeys(data, this.decryptionRoundKeys, iv);
  }
}

/**
 * One-shot AES-256-IGE encryption; see {@link AesIge}.
 *
 * @throws RangeError when `key` is not 32 bytes, `iv` not 32 bytes or `data` not a multiple of 16
 */
export function aesIgeEncrypt(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array {
  checkKey(key);
  checkArguments('encrypt', data, iv);
  return igeEncryptThroughCbc(data, key, iv);
}

/**
 * One-shot AES-256-IGE decryption; see {@link AesIge}.
 *
 * @throws RangeError when `key` is not 32 bytes, `iv` not 32 bytes or `data` not a multiple of 16
 */
export function aesIgeDecrypt(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array {
  checkKey(key);
  checkArguments('decrypt', data, iv);
  return igeDecryptWithRoundKeys(data, expandDecryptionKey(key), iv);
}
