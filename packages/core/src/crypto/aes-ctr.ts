import { createCipheriv, type Cipher } from 'node:crypto';

/**
 * AES-256-CTR as a stream: each {@link AesCtr.update} continues the keystream where the last call
 * stopped. Used by the obfuscated transport, one instance per direction
 * (core.telegram.org/mtproto/mtproto-transports#transport-obfuscation).
 */
export class AesCtr {
  private readonly cipher: Cipher;

  constructor(key: Uint8Array, iv: Uint8Array) {
    if (key.length !== 32) throw new RangeError(`AES-256-CTR key must be 32 bytes, got ${key.length}`);
    if (iv.length !== 16) throw new RangeError(`AES-256-CTR iv must be 16 bytes, got ${iv.length}`);
    this.cipher = createCipheriv('aes-256-ctr', key, iv);
  }

  /** Encrypts or decrypts (the same operation in CTR) the next `data.length` bytes of the stream. */
  update(data: Uint8Array): Uint8Array {
    const out = this.cipher.update(data);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  }
}
