/**
 * Rebuilds the SIMD kernel for the XOR passes of AES-IGE encryption (scripts/wasm/ige-xor-simd-kernel.ts)
 * and writes it as base64 into src/crypto/generated/ige-xor-simd-wasm-binary.ts.
 *
 *   node ../../tools/run-ts.js scripts/build-ige-xor-wasm.ts           write the file
 *   node ../../tools/run-ts.js scripts/build-ige-xor-wasm.ts --check   exit 1 if the file is stale
 */
import path from 'node:path';
import { buildIgeXorSimdWasm } from './wasm/ige-xor-simd-kernel';
import { IGE_XOR_WASM_MODULE_FILE, renderIgeXorWasmModule } from './wasm/render-ige-xor-wasm-module';
import { writeOrCheckWasmModuleFile } from './wasm/wasm-module-file';

const OUTPUT = path.resolve(__dirname, '../src/crypto/generated/ige-xor-simd-wasm-binary.ts');

writeOrCheckWasmModuleFile(IGE_XOR_WASM_MODULE_FILE, OUTPUT, renderIgeXorWasmModule(buildIgeXorSimdWasm()));
