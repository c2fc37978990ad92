import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as mtcuteWasm from '@mtcute/wasm';

let initialised = false;

/**
 * mtcute's WASM crypto, initialised once. In an app `@mtcute/node` does this at client start-up;
 * here the module is compiled synchronously from the file the package ships (SIMD build where the
 * engine supports it, as mtcute itself chooses).
 */
export function loadMtcuteWasm(): typeof mtcuteWasm {
  if (!initialised) {
    mtcuteWasm.initSync(readFileSync(fileURLToPath(mtcuteWasm.getWasmUrl())));
    initialised = true;
  }
  return mtcuteWasm;
}
