import { renderWasmModuleFile, type WasmModuleFile } from './wasm-module-file';

/** src/crypto/generated/aes-ige-wasm-binary.ts, written by scripts/build-aes-wasm.ts. */
export const AES_IGE_WASM_MODULE_FILE: WasmModuleFile = {
  script: 'build-aes-wasm.ts',
  kernel: 'aes-ige-decrypt-kernel.ts',
  constant: 'AES_IGE_WASM_BASE64',
  summary: 'The AES-IGE decryption kernel',
  label: 'aes-ige wasm',
};

/** The full text of src/crypto/generated/aes-ige-wasm-binary.ts for the given kernel bytes. */
export function renderAesIgeWasmModule(bytes: Uint8Array): string {
  return renderWasmModuleFile(AES_IGE_WASM_MODULE_FILE, bytes);
}
