import { renderWasmModuleFile, type WasmModuleFile } from './wasm-module-file';

/** src/crypto/generated/pq-rho-wasm-binary.ts, written by scripts/build-pq-wasm.ts. */
export const PQ_RHO_WASM_MODULE_FILE: WasmModuleFile = {
  script: 'build-pq-wasm.ts',
  kernel: 'pq-rho-kernel.ts',
  constant: 'PQ_RHO_WASM_BASE64',
  summary: 'The pq factorisation kernel (Pollard-Brent rho on 64-bit integers)',
  label: 'pq rho wasm',
};

/** The full text of src/crypto/generated/pq-rho-wasm-binary.ts for the given kernel bytes. */
export function renderPqRhoWasmModule(bytes: Uint8Array): string {
  return renderWasmModuleFile(PQ_RHO_WASM_MODULE_FILE, bytes);
}
