import { renderWasmModuleFile, type WasmModuleFile } from './wasm-module-file';

/** src/crypto/generated/ige-xor-simd-wasm-binary.ts, written by scripts/build-ige-xor-wasm.ts. */
export const IGE_XOR_WASM_MODULE_FILE: WasmModuleFile = {
  script: 'build-ige-xor-wasm.ts',
  kernel: 'ige-xor-simd-kernel.ts',
  constant: 'IGE_XOR_SIMD_WASM_BASE64',
  summary: 'The XOR passes of AES-IGE encryption in WebAssembly SIMD',
  label: 'ige xor simd wasm',
};

/** The full text of src/crypto/generated/ige-xor-simd-wasm-binary.ts for the given kernel bytes. */
export function renderIgeXorWasmModule(bytes: Uint8Array): string {
  return renderWasmModuleFile(IGE_XOR_WASM_MODULE_FILE, bytes);
}
