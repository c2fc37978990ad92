/**
 * Rebuilds the pq factorisation WebAssembly kernel (scripts/wasm/pq-rho-kernel.ts) and writes it as
 * base64 into src/crypto/generated/pq-rho-wasm-binary.ts.
 *
 *   node ../../tools/run-ts.js scripts/build-pq-wasm.ts           write the file
 *   node ../../tools/run-ts.js scripts/build-pq-wasm.ts --check   exit 1 if the file is stale
 */
import path from 'node:path';
import { buildPqRhoWasm } from './wasm/pq-rho-kernel';
import { PQ_RHO_WASM_MODULE_FILE, renderPqRhoWasmModule } from './wasm/render-pq-rho-wasm-module';
import { writeOrCheckWasmModuleFile } from './wasm/wasm-module-file';

const OUTPUT = path.resolve(__dirname, '../src/crypto/generated/pq-rho-wasm-binary.ts');

writeOrCheckWasmModuleFile(PQ_RHO_WASM_MODULE_FILE, OUTPUT, renderPqRhoWasmModule(buildPqRhoWasm()));
