/**
 * Rebuilds the AES-IGE WebAssembly kernel (scripts/wasm/aes-ige-decrypt-kernel.ts) and writes it as
 * base64 into src/crypto/generated/aes-ige-wasm-binary.ts.
 *
 *   node ../../tools/run-ts.js scripts/build-aes-wasm.ts           write the file
 *   node ../../tools/run-ts.js scripts/build-aes-wasm.ts --check   exit 1 if the file is stale
 */
import path from 'node:path';
import { buildAesIgeWasm } from './wasm/aes-ige-decrypt-kernel';
import { AES_IGE_WASM_MODULE_FILE, renderAesIgeWasmModule } from './wasm/render-aes-ige-wasm-module';
import { writeOrCheckWasmModuleFile } from './wasm/wasm-module-file';

const OUTPUT = path.resolve(__dirname, '../src/crypto/generated/aes-ige-wasm-binary.ts');

writeOrCheckWasmModuleFile(AES_IGE_WASM_MODULE_FILE, OUTPUT, renderAesIgeWasmModule(buildAesIgeWasm()));
