import { DECRYPTION_TABLES, INVERSE_SBOX } from './aes-tables';
import { AES_WASM_LAYOUT } from './aes-wasm-layout';
import { AES_IGE_WASM_BASE64 } from './generated/aes-ige-wasm-binary';

/** Largest piece handed to the kernel at once, so memory stays bounded however big the input is. */
const CHUNK_BYTES = 1 << 20;
const PAGE_BYTES = 1 << 16;

// The workspace compiles against lib ES2022 without DOM, which has no WebAssembly types; these are the
// few members used here, of the global every supported runtime provides.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
};

interface KernelExports {
  memory: WasmMemory;
  decrypt128(start: number, end: number): void;
  decrypt192(start: number, end: number): void;
  decrypt256(start: number, end: number): void;
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/**
 * AES-IGE decryption through the project's WebAssembly kernel (built from
 * scripts/wasm/aes-ige-decrypt-kernel.ts), about twice as fast as the TypeScript loop in
 * aes-ige-decrypt-js.ts because table lookups in WebAssembly carry no bounds checks.
 *
 * One instance owns one WebAssembly memory and is not re-entrant; calls are synchronous, so a single
 * shared instance ({@link WasmIgeDecryptor.shared}) serves the whole process.
 */
export class WasmIgeDecryptor {
  private static sharedInstance: WasmIgeDecryptor | null | undefined;
  private readonly kernel: KernelExports;
  private bytes: Uint8Array;
  private view: DataView;

  private constructor(kernel: KernelExports) {
    this.kernel = kernel;
    this.bytes = new Uint8Array(kernel.memory.buffer);
    this.view = new DataView(kernel.memory.buffer);
    // Tables go in through a DataView with explicit little-endian order, which is what the kernel
    // reads, whatever the host's byte order.
    DECRYPTION_TABLES.forEach((table, row) => {
      for (let index = 0; index < 256; index++) {
        this.view.setInt32(AES_WASM_LAYOUT.tables + 1024 * row + 4 * index, table[index], true);
      }
    });
    this.bytes.set(INVERSE_SBOX, AES_WASM_LAYOUT.inverseSbox);
  }

  /** Compiles and instantiates the kernel; throws if this runtime cannot run WebAssembly. */
  static create(): WasmIgeDecryptor {
    const module = new WebAssembly.Module(decodeBase64(AES_IGE_WASM_BASE64));
    const instance = new WebAssembly.Instance(module, {});
    return new WasmIgeDecryptor(instance.exports as KernelExports);
  }

  /** The process-wide instance, created on first use; null where WebAssembly is unavailable. */
  static shared(): WasmIgeDecryptor | null {
    if (WasmIgeDecryptor.sharedInstance === undefined) {
      try {
        WasmIgeDecryptor.sharedInstance = typeof WebAssembly === 'object' ? WasmIgeDecryptor.create() : null;
      } catch {
        WasmIgeDecryptor.sharedInstance = null;
      }
    }
    return WasmIgeDecryptor.sharedInstance;
  }

  /**
   * Decrypts `data` (a multiple of 16 bytes; not modified) with AES-IGE into a new array.
   *
   * @param roundKeys decryption round keys from expandDecryptionKey (44, 52 or 60 words)
   * @param iv 32 bytes: c_{-1} then m_{-1}
   */
  decrypt(data: Uint8Array, roundKeys: Int32Array, iv: Uint8Array): Uint8Array {
    const decryptRange = this.kernelFor(roundKeys.length);
    this.ensureCapacity(Math.min(data.length, CHUNK_BYTES));
    for (let index = 0; index < roundKeys.length; index++) {
      this.view.setInt32(AES_WASM_LAYOUT.roundKeys + 4 * index, roundKeys[index], true);
    }
    this.bytes.set(iv, AES_WASM_LAYOUT.iv);
    const output = new Uint8Array(data.length);
    // The kernel leaves the chaining values in the iv slot, so the pieces join up into one IGE run.
    for (let offset = 0; offset < data.length; offset += CHUNK_BYTES) {
      const piece = data.subarray(offset, Math.min(offset + CHUNK_BYTES, data.length));
      this.bytes.set(piece, AES_WASM_LAYOUT.data);
      decryptRange(AES_WASM_LAYOUT.data, AES_WASM_LAYOUT.data + piece.length);
      output.set(this.bytes.subarray(AES_WASM_LAYOUT.data, AES_WASM_LAYOUT.data + piece.length), offset);
    }
    // Plaintext and keys should not linger in memory that outlives the call.
    this.bytes.fill(0, AES_WASM_LAYOUT.roundKeys, AES_WASM_LAYOUT.data + Math.min(data.length, CHUNK_BYTES));
    return output;
  }

  private kernelFor(roundKeyWords: number): (start: number, end: number) => void {
    switch (roundKeyWords) {
      case 44:
        return this.kernel.decrypt128;
      case 52:
        return this.kernel.decrypt192;
      case 60:
        return this.kernel.decrypt256;
      default:
        throw new RangeError(`AES round keys must be 44, 52 or 60 words, got ${roundKeyWords}`);
    }
  }

  private ensureCapacity(dataBytes: number): void {
    const needed = AES_WASM_LAYOUT.data + dataBytes;
    const memory = this.kernel.memory;
    if (memory.buffer.byteLength >= needed) return;
    memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE_BYTES));
    // Growing detaches the old ArrayBuffer, so the views must be made again.
    this.bytes = new Uint8Array(memory.buffer);
    this.view = new DataView(memory.buffer);
  }
}
