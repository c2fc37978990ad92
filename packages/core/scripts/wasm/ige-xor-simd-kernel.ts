/**
 * The XOR passes of AES-IGE encryption through CBC (src/crypto/ige-encrypt-cbc.ts) in WebAssembly SIMD,
 * described with the assembler in wasm-assembler.ts: one v128.xor handles a whole 16-byte block, where
 * JavaScript handles one 32-bit word per XOR and pays a bounds check on every typed-array access.
 *
 * Exports, over byte addresses in the module's memory and a length that is a multiple of 16:
 * - `xorShifted(source, destination, length)`: destination[i] = source[i] ^ source[i - 32] for
 *   i in [0, length), so the 32 bytes before `source` must hold the two blocks before it. This is
 *   x_i = m_i ^ m_{i-2}, the CBC input.
 * - `xorInto(target, other, length)`: target[i] ^= other[i] for i in [0, length). With `other` one block
 *   before the plaintext, this is c_i = y_i ^ m_{i-1}, the IGE ciphertext from the CBC output.
 *
 * The module uses SIMD, so a runtime without it rejects the whole module; it is kept apart from the
 * decryption kernel (aes-ige-decrypt-kernel.ts) so that one still loads there.
 */
import { assembleModule, FunctionBodyWriter } from './wasm-assembler';

/** Blocks per loop iteration in the main loop; a one-block loop handles the rest. */
const UNROLL = 4;
const BLOCK = 16;
/** How far back xorShifted reads: two blocks. */
const SHIFT = 32;

/**
 * Emits a loop that runs `emitStep` while at least `step` bytes are left, advancing the two address
 * locals `first` and `second` by `step` and counting down `remaining` each time.
 */
function emitLoop(
  body: FunctionBodyWriter,
  locals: { first: number; second: number; remaining: number },
  step: number,
  emitStep: (blocks: number) => void,
): void {
  const { first, second, remaining } = locals;
  body.block();
  body.localGet(remaining).i32Const(step).i32LessThanUnsigned().brIf(0);
  body.loop();
  emitStep(step / BLOCK);
  body.localGet(first).i32Const(step).i32Add().localSet(first);
  body.localGet(second).i32Const(step).i32Add().localSet(second);
  body.localGet(remaining).i32Const(-step).i32Add().localTee(remaining);
  body.i32Const(step).i32GreaterOrEqualUnsigned().brIf(0);
  body.end();
  body.end();
}

/** xorShifted(source, destination, length); `source` runs 32 bytes behind so offsets stay unsigned. */
function buildXorShifted(): FunctionBodyWriter {
  const SOURCE = 0;
  const DESTINATION = 1;
  const LENGTH = 2;
  const body = new FunctionBodyWriter(3, 0);
  // From here on SOURCE points at source[-32]: source[i - 32] is at offset i, source[i] at i + 32.
  body.localGet(SOURCE).i32Const(-SHIFT).i32Add().localSet(SOURCE);
  const locals = { first: SOURCE, second: DESTINATION, remaining: LENGTH };
  for (const step of [UNROLL * BLOCK, BLOCK]) {
    emitLoop(body, locals, step, (blocks) => {
      for (let block = 0; block < blocks; block++) {
        body.localGet(DESTINATION);
        body.localGet(SOURCE).v128Load(SHIFT + BLOCK * block);
        body.localGet(SOURCE).v128Load(BLOCK * block);
        body.v128Xor().v128Store(BLOCK * block);
      }
    });
  }
  return body;
}

/** xorInto(target, other, length). */
function buildXorInto(): FunctionBodyWriter {
  const TARGET = 0;
  const OTHER = 1;
  const LENGTH = 2;
  const body = new FunctionBodyWriter(3, 0);
  const locals = { first: TARGET, second: OTHER, remaining: LENGTH };
  for (const step of [UNROLL * BLOCK, BLOCK]) {
    emitLoop(body, locals, step, (blocks) => {
      for (let block = 0; block < blocks; block++) {
        body.localGet(TARGET);
        body.localGet(TARGET).v128Load(BLOCK * block);
        body.localGet(OTHER).v128Load(BLOCK * block);
        body.v128Xor().v128Store(BLOCK * block);
      }
    });
  }
  return body;
}

/** The whole module's bytes. Deterministic: the same source always gives the same bytes. */
export function buildIgeXorSimdWasm(): Uint8Array {
  return assembleModule({
    initialPages: 1,
    functions: [
      { name: 'xorShifted', body: buildXorShifted() },
      { name: 'xorInto', body: buildXorInto() },
    ],
  });
}
