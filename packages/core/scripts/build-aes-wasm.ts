/**
 * Rebuilds the AES-IGE WebAssembly kernel (scripts/wasm/aes-ige-decrypt-kernel.ts) and writes it as
 * base64 into src/crypto/generated/aes-ige-wasm-binary.ts.
 *
 *   node ../../tools/run-ts.js scripts/build-aes-wasm.ts           write the file
 *   node ../../tools/run-ts.js scripts/build-aes-wasm.ts --check   exit 1 if the file is stale
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildAesIgeWasm } from './wasm/aes-ige-decrypt-kernel';
import { renderAesIgeWasmModule } from './wasm/render-aes-ige-wasm-module';

const OUTPUT = path.resolve(__dirname, '../src/crypto/generated/aes-ige-wasm-binary.ts');

function main(): void {
  const expected = renderAesIgeWasmModule(buildAesIgeWasm());
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(OUTPUT, 'utf8');
    } catch {
      current = '';
    }
    if (current !== expected) {
      console.error(
        `${path.relative(process.cwd(), OUTPUT)} is stale: run scripts/build-aes-wasm.ts and commit the result`,
      );
      process.exit(1);
    }
    console.log('aes-ige wasm: up to date');
    return;
  }
  mkdirSync(path.dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, expected);
  console.log(`wrote ${path.relative(process.cwd(), OUTPUT)}`);
}

main();
