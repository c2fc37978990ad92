/**
 * Rebuilds the SIMD kernel for the XOR passes of AES-IGE encryption (scripts/wasm/ige-xor-simd-kernel.ts)
 * and writes it as base64 into src/crypto/generated/ige-xor-simd-wasm-binary.ts.
 *
 *   node ../../tools/run-ts.js scripts/build-ige-xor-wasm.ts           write the file
 *   node ../../tools/run-ts.js scripts/build-ige-xor-wasm.ts --check   exit 1 if the file is stale
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildIgeXorSimdWasm } from './wasm/ige-xor-simd-kernel';
import { renderIgeXorWasmModule } from './wasm/render-ige-xor-wasm-module';

const OUTPUT = path.resolve(__dirname, '../src/crypto/generated/ige-xor-simd-wasm-binary.ts');

function main(): void {
  const expected = renderIgeXorWasmModule(buildIgeXorSimdWasm());
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(OUTPUT, 'utf8');
    } catch {
      current = '';
    }
    if (current !== expected) {
      console.error(
        `${path.relative(process.cwd(), OUTPUT)} is stale: run scripts/build-ige-xor-wasm.ts and commit the result`,
      );
      process.exit(1);
    }
    console.log('ige xor simd wasm: up to date');
    return;
  }
  mkdirSync(path.dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, expected);
  console.log(`wrote ${path.relative(process.cwd(), OUTPUT)}`);
}

main();
