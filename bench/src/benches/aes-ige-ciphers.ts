import { createCipheriv, createDecipheriv } from 'node:crypto';
import { IGE as GramjsIge } from 'telegram/crypto/IGE';
import type { ImplementationRole } from '../harness/bench-definition';
import { loadMtcuteWasm } from '../anchors/mtcute-wasm';
import { aesIgeDecrypt, aesIgeEncrypt } from '../ours/core';

/** One library's AES-256-IGE (or, for the reference line, a comparable node cipher). */
export interface AesIgeCipher {
  readonly impl: string;
  readonly role: ImplementationRole;
  /** False for the reference line: its output is a different cipher mode and is not compared. */
  readonly isIge: boolean;
  readonly encrypt: (data: Uint8Array, key: Uint8Array, iv: Uint8Array) => Uint8Array;
  readonly decrypt: (data: Uint8Array, key: Uint8Array, iv: Uint8Array) => Uint8Array;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function mtbotCipher(): AesIgeCipher {
  return { impl: 'mtbot', role: 'ours', isIge: true, encrypt: aesIgeEncrypt, decrypt: aesIgeDecrypt };
}

function mtcuteCipher(): AesIgeCipher {
  const wasm = loadMtcuteWasm();
  return {
    impl: 'mtcute',
    role: 'anchor',
    isIge: true,
    encrypt: (data, key, iv) => wasm.ige256Encrypt(data, key, iv),
    decrypt: (data, key, iv) => wasm.ige256Decrypt(data, key, iv),
  };
}

// GramJS builds a new IGE object per message (its key and IV change every time), so the
// construction is part of what it costs and stays inside the timed operation.
function gramjsCipher(): AesIgeCipher {
  return {
    impl: 'gramjs',
    role: 'anchor',
    isIge: true,
    encrypt: (data, key, iv) => new GramjsIge(asBuffer(key), asBuffer(iv)).encryptIge(asBuffer(data)),
    decrypt: (data, key, iv) => new GramjsIge(asBuffer(key), asBuffer(iv)).decryptIge(asBuffer(data)),
  };
}

// AES-256-CBC in OpenSSL is a floor for what one AES block chain per byte can cost here: IGE
// chains the same way (each block depends on the previous one), so native CBC is the natural
// "how far from native are we" line. Only the first half of the IGE IV is used.
function nodeCbcReference(): AesIgeCipher {
  const run = (decipher: boolean, data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array => {
    const cipher = decipher
      ? createDecipheriv('aes-256-cbc', key, iv.subarray(0, 16))
      : createCipheriv('aes-256-cbc', key, iv.subarray(0, 16));
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(data), cipher.final()]);
  };
  return {
    impl: 'node-aes-256-cbc',
    role: 'reference',
    isIge: false,
    encrypt: (data, key, iv) => run(false, data, key, iv),
    decrypt: (data, key, iv) => run(true, data, key, iv),
  };
}

/** Every AES-IGE implementation the benches time, ours first. */
export function aesIgeCiphers(): AesIgeCipher[] {
  return [mtbotCipher(), mtcuteCipher(), gramjsCipher(), nodeCbcReference()];
}
