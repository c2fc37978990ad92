import { IGE_XOR_SIMD_WASM_BASE64 } from './generated/ige-xor-simd-wasm-binary';

/**
 * Largest chunk of plaintext the kernel's memory holds at once. Each chunk costs one output buffer of
 * node's cipher; 256 KiB measured faster than 64 KiB on 1 MiB messages (fewer allocations) and as fast
 * on 512 KiB ones (`pnpm bench aes-ige-encrypt`).
 */
export const IGE_XOR_CHUNK_BYTES = 262144;

const PAGE_BYTES = 65536;
/** Memory layout: the two blocks before the chunk, the chunk's plaintext, then x and later c. */
const HISTORY = 0;
const PLAIN = 32;
const MIXED = PLAIN + IGE_XOR_CHUNK_BYTES;
const MEMORY_BYTES = MIXED + IGE_XOR_CHUNK_BYTES;

// The workspace compiles against lib ES2022 without DOM, which has no WebAssembly types; these are the
// few members used here, of the global every supported runtime provides.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
declare const WebAssembly: {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
};

interface KernelExports {
  memory: WasmMemory;
  xorShifted(source: number, destination: number, length: number): void;
  xorInto(target: number, other: number, length: number): void;
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/**
 * The two XOR passes of AES-IGE encryption through CBC (ige-encrypt-cbc.ts) in WebAssembly SIMD, built
 * from scripts/wasm/ige-xor-simd-kernel.ts: 16 bytes per XOR instead of JavaScript's 4, without
 * typed-array bounds checks.
 *
 * It works one chunk of at most {@link IGE_XOR_CHUNK_BYTES} at a time: {@link mix} copies the chunk's
 * plaintext into the module's memory and returns x_i = m_i ^ m_{i-2} there, the CBC cipher reads x
 * straight from that view, and {@link unmix} copies the CBC output y in and returns c_i = y_i ^ m_{i-1}.
 * Views are valid until the next call. One instance is not re-entrant; calls are synchronous, so one
 * shared instance ({@link WasmIgeXor.shared}) serves the whole process.
 */
export class WasmIgeXor {
  private static sharedInstance: WasmIgeXor | null | undefined;
  private readonly bytes: Uint8Array;
  /** End of the plaintext written since the last {@link wipe}. */
  private plainEnd = PLAIN;

  private constructor(private readonly kernel: KernelExports) {
    const missing = MEMORY_BYTES - kernel.memory.buffer.byteLength;
    if (missing > 0) kernel.memory.grow(Math.ceil(missing / PAGE_BYTES));
    this.bytes = new Uint8Array(kernel.memory.buffer);
  }

  /** Compiles and instantiates the kernel; throws if this runtime lacks WebAssembly or its SIMD. */
  static create(): WasmIgeXor {
    const bytes = decodeBase64(IGE_XOR_SIMD_WASM_BASE64);
    if (!WebAssembly.validate(bytes)) throw new Error('this runtime has no WebAssembly SIMD');
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    return new WasmIgeXor(instance.exports as KernelExports);
  }

  /** The process-wide instance, created on first use; null where WebAssembly SIMD is unavailable. */
  static shared(): WasmIgeXor | null {
    if (WasmIgeXor.sharedInstance === undefined) {
      try {
        WasmIgeXor.sharedInstance = typeof WebAssembly === 'object' ? WasmIgeXor.create() : null;
      } catch {
        WasmIgeXor.sharedInstance = null;
      }
    }
    return WasmIgeXor.sharedInstance;
  }

  /**
   * Takes the plaintext chunk `data[start, end)` (at most {@link IGE_XOR_CHUNK_BYTES}, a multiple of 16)
   * and returns x_i = m_i ^ m_{i-2} for it. The two blocks before the chunk are data[start - 32, start),
   * or for the first chunk m_{-2} = 0 and m_{-1} = iv[16..32].
   */
  mix(data: Uint8Array, start: number, end: number, iv: Uint8Array): Uint8Array {
    const bytes = this.bytes;
    if (start === 0) {
      bytes.fill(0, HISTORY, HISTORY + 16);
      bytes.set(iv.subarray(16, 32), HISTORY + 16);
      bytes.set(data.subarray(0, end), PLAIN);
    } else {
      bytes.set(data.subarray(start - 32, end), HISTORY);
    }
    const length = end - start;
    if (PLAIN + length > this.plainEnd) this.plainEnd = PLAIN + length;
    this.kernel.xorShifted(PLAIN, MIXED, length);
    return bytes.subarray(MIXED, MIXED + length);
  }

  /**
   * Takes the CBC output y of the chunk last given to {@link mix} and returns the IGE ciphertext
   * c_i = y_i ^ m_{i-1}.
   */
  unmix(chained: Uint8Array): Uint8Array {
    const length = chained.length;
    this.bytes.set(chained, MIXED);
    this.kernel.xorInto(MIXED, PLAIN - 16, length);
    return this.bytes.subarray(MIXED, MIXED + length);
  }

  /** Zeroes the plaintext held in memory, so it does not outlive the call that brought it in. */
  wipe(): void {
    this.bytes.fill(0, HISTORY, this.plainEnd);
    this.plainEnd = PLAIN;
  }
}
