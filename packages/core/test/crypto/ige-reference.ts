import { createCipheriv, createDecipheriv } from 'node:crypto';

/**
 * AES-IGE written the slow, obvious way from its definition, one block at a time through node's
 * AES-ECB, for the fast implementations to be compared against.
 */

function blockCipher(direction: 'encrypt' | 'decrypt', key: Uint8Array): (block: Uint8Array) => Uint8Array {
  const algorithm = `aes-${key.length * 8}-ecb`;
  const cipher =
    direction === 'encrypt' ? createCipheriv(algorithm, key, null) : createDecipheriv(algorithm, key, null);
  cipher.setAutoPadding(false);
  return (block) => new Uint8Array(cipher.update(block));
}

function xor(left: Uint8Array, right: Uint8Array): Uint8Array {
  return left.map((byte, index) => byte ^ right[index]);
}

/** c_i = E(m_i ^ c_{i-1}) ^ m_{i-1}, c_{-1} = iv[0..16], m_{-1} = iv[16..32]. */
export function referenceIgeEncrypt(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array {
  const encryptBlock = blockCipher('encrypt', key);
  const output = new Uint8Array(data.length);
  let previousCipher = iv.subarray(0, 16);
  let previousPlain = iv.subarray(16, 32);
  for (let offset = 0; offset < data.length; offset += 16) {
    const plain = data.subarray(offset, offset + 16);
    const cipher = xor(encryptBlock(xor(plain, previousCipher)), previousPlain);
    output.set(cipher, offset);
    previousCipher = cipher;
    previousPlain = plain;
  }
  return output;
}

/** m_i = D(c_i ^ m_{i-1}) ^ c_{i-1}. */
export function referenceIgeDecrypt(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array {
  const decryptBlock = blockCipher('decrypt', key);
  const output = new Uint8Array(data.length);
  let previousCipher = iv.subarray(0, 16);
  let previousPlain = iv.subarray(16, 32);
  for (let offset = 0; offset < data.length; offset += 16) {
    const cipher = data.subarray(offset, offset + 16);
    const plain = xor(decryptBlock(xor(cipher, previousPlain)), previousCipher);
    output.set(plain, offset);
    previousCipher = cipher;
    previousPlain = plain;
  }
  return output;
}

/** Seeded pseudo-random bytes (xorshift32), so a failing case can be replayed exactly. */
export class SeededBytes {
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0 || 1;
  }

  next(): number {
    this.state ^= this.state << 13;
    this.state ^= this.state >>> 17;
    this.state ^= this.state << 5;
    return this.state >>> 0;
  }

  bytes(length: number): Uint8Array {
    const output = new Uint8Array(length);
    for (let index = 0; index < length; index++) output[index] = this.next() & 0xff;
    return output;
  }
}

export function fromHex(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
