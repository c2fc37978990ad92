/**
 * Rebuilds the pq factorisation WebAssembly kernel (scripts/wasm/pq-rho-kernel.ts) and writes it as
 * base64 into src/crypto/generated/pq-rho-wasm-binary.ts.
 *
 *   node ../../tools/run-ts.js scripts/build-pq-wasm.ts           write the file
 *   node ../../tools/run-ts.js scripts/build-pq-wasm.ts --check   exit 1 if the file is stale
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildPqRhoWasm } from './wasm/pq-rho-kernel';
import { renderPqRhoWasmModule } from './wasm/render-pq-rho-wasm-module';

const OUTPUT = path.resolve(__dirname, '../src/crypto/generated/pq-rho-wasm-binary.ts');

function main(): void {
  const expected = renderPqRhoWasmModule(buildPqRhoWasm());
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(OUTPUT, 'utf8');
    } catch {
      current = '';
    }
    if (current !== expected) {
      console.error(
        `${path.relative(process.cwd(), OUTPUT)} is stale: run scripts/build-pq-wasm.ts and commit the result`,
      );
      process.exit(1);
    }
    console.log('pq rho wasm: up to date');
    return;
  }
  mkdirSync(path.dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, expected);
  console.log(`wrote ${path.relative(process.cwd(), OUTPUT)}`);
}

main();
