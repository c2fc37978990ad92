import { PQ_RHO_WASM_BASE64 } from './generated/pq-rho-wasm-binary';

// The workspace compiles against lib ES2022 without DOM, which has no WebAssembly types; these are the
// few members used here, of the global every supported runtime provides.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
};

interface KernelExports {
  findDivisor(n: bigint, budget: number): bigint;
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/**
 * Pollard-Brent rho for odd n below 2^64 through the project's WebAssembly kernel (built from
 * scripts/wasm/pq-rho-kernel.ts): native 64-bit Montgomery multiplication, several times faster than
 * the double-limb TypeScript loop in pq-rho-js.ts. Stateless and synchronous, so one shared instance
 * ({@link WasmPqRho.shared}) serves the whole process.
 */
export class WasmPqRho {
  private static sharedInstance: WasmPqRho | null | undefined;

  private constructor(private readonly kernel: KernelExports) {}

  /** Compiles and instantiates the kernel; throws if this runtime cannot run WebAssembly. */
  static create(): WasmPqRho {
    return WasmPqRho.fromBinary(decodeBase64(PQ_RHO_WASM_BASE64));
  }

  /** Instantiates a kernel built by scripts/wasm/pq-rho-kernel.ts with other options (tests, benchmarks). */
  static fromBinary(bytes: Uint8Array): WasmPqRho {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    return new WasmPqRho(instance.exports as KernelExports);
  }

  /** The process-wide instance, created on first use; null where WebAssembly is unavailable. */
  static shared(): WasmPqRho | null {
    if (WasmPqRho.sharedInstance === undefined) {
      try {
        WasmPqRho.sharedInstance = typeof WebAssembly === 'object' ? WasmPqRho.create() : null;
      } catch {
        WasmPqRho.sharedInstance = null;
      }
    }
    return WasmPqRho.sharedInstance;
  }

  /**
   * A divisor of n other than 1 and n found by rho (possibly not a prime: the caller checks), or undefined when `budget` steps ran out. n must be odd, composite, free of small factors
   * and below 2^64; `budget` must fit in 31 bits.
   */
  findDivisor(n: bigint, budget: number): bigint | undefined {
    if (n <= 1n || n >= 1n << 64n || (n & 1n) === 0n) {
      throw new RangeError(`the WebAssembly rho needs an odd n in (1, 2^64), got ${n}`);
    }
    const divisor = BigInt.asUintN(64, this.kernel.findDivisor(n, budget));
    return divisor === 0n ? undefined : divisor;
  }
}
