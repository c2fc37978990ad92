/**
 * The AES-IGE decryption kernel in WebAssembly, described with the assembler in wasm-assembler.ts.
 *
 * It does what packages/core/src/crypto/aes-ige-decrypt-js.ts does, with the rounds fully unrolled and
 * every table and round key at a fixed address (AES_WASM_LAYOUT), so each lookup is a single load with
 * a constant offset and without the bounds checks JavaScript typed arrays pay. IGE decryption is
 * m_i = D(c_i ^ m_{i-1}) ^ c_{i-1} (core.telegram.org/mtproto/description, "AES IGE").
 *
 * Exports `decrypt128`, `decrypt192` and `decrypt256(start, end)`: each decrypts the bytes
 * [start, end) in place (a multiple of 16), reading the iv from AES_WASM_LAYOUT.iv and leaving the
 * chaining values there afterwards, so a long buffer can be decrypted in consecutive pieces.
 */
import { AES_WASM_LAYOUT } from '../../src/crypto/aes-wasm-layout';
import { assembleModule, FunctionBodyWriter } from './wasm-assembler';

const POINTER = 0;
const END = 1;
const CIPHER = [2, 3, 4, 5];
const PREVIOUS_CIPHER = [6, 7, 8, 9];
const PREVIOUS_PLAIN = [10, 11, 12, 13];
const STATE_A = [14, 15, 16, 17];
const STATE_B = [18, 19, 20, 21];
const LOCAL_COUNT = 20;

/** Pushes the byte of `state` in `row` times 4: the byte offset of its entry in a T-table. */
function pushTableIndex(body: FunctionBodyWriter, state: number, row: number): void {
  body.localGet(state);
  if (row === 0) body.i32Const(2).i32ShiftLeft();
  else body.i32Const(8 * row - 2).i32ShiftRightUnsigned();
  body.i32Const(0x3fc).i32And();
}

/** Pushes the byte of `state` in `row`. */
function pushByte(body: FunctionBodyWriter, state: number, row: number): void {
  body.localGet(state);
  if (row > 0) body.i32Const(8 * row).i32ShiftRightUnsigned();
  if (row < 3) body.i32Const(0xff).i32And();
}

function pushRoundKey(body: FunctionBodyWriter, round: number, column: number): void {
  body.i32Const(0).i32Load(AES_WASM_LAYOUT.roundKeys + 16 * round + 4 * column);
}

/** A middle round: T-table lookups (InvSubBytes, InvShiftRows, InvMixColumns) and AddRoundKey. */
function emitMiddleRound(body: FunctionBodyWriter, input: number[], output: number[], round: number): void {
  for (let column = 0; column < 4; column++) {
    for (let row = 0; row < 4; row++) {
      // InvShiftRows: output column j takes row r from input column j - r.
      pushTableIndex(body, input[(column - row + 4) % 4], row);
      body.i32Load(AES_WASM_LAYOUT.tables + 1024 * row);
      if (row > 0) body.i32Xor();
    }
    pushRoundKey(body, round, column);
    body.i32Xor().localSet(output[column]);
  }
}

/**
 * The last round (no InvMixColumns), then the IGE step: plain = D(...) ^ previous cipher block. Stores
 * the plaintext and shifts the chaining values.
 */
function emitLastRound(body: FunctionBodyWriter, input: number[], rounds: number): void {
  for (let column = 0; column < 4; column++) {
    for (let row = 0; row < 4; row++) {
      pushByte(body, input[(column - row + 4) % 4], row);
      body.i32Load8Unsigned(AES_WASM_LAYOUT.inverseSbox);
      if (row > 0)
        body
          .i32Const(8 * row)
          .i32ShiftLeft()
          .i32Or();
    }
    pushRoundKey(body, rounds, column);
    body.i32Xor().localGet(PREVIOUS_CIPHER[column]).i32Xor().localSet(PREVIOUS_PLAIN[column]);
    body
      .localGet(POINTER)
      .localGet(PREVIOUS_PLAIN[column])
      .i32Store(4 * column);
    body.localGet(CIPHER[column]).localSet(PREVIOUS_CIPHER[column]);
  }
}

function buildDecryptFunction(rounds: number): FunctionBodyWriter {
  const body = new FunctionBodyWriter(2, LOCAL_COUNT);
  for (let column = 0; column < 4; column++) {
    body
      .i32Const(0)
      .i32Load(AES_WASM_LAYOUT.iv + 4 * column)
      .localSet(PREVIOUS_CIPHER[column]);
    body
      .i32Const(0)
      .i32Load(AES_WASM_LAYOUT.iv + 16 + 4 * column)
      .localSet(PREVIOUS_PLAIN[column]);
  }
  body.block();
  body.localGet(POINTER).localGet(END).i32GreaterOrEqualUnsigned().brIf(0);
  body.loop();
  // Round 0: the cipher block XOR the previous plaintext block (IGE), then AddRoundKey.
  for (let column = 0; column < 4; column++) {
    body
      .localGet(POINTER)
      .i32Load(4 * column)
      .localTee(CIPHER[column]);
    body.localGet(PREVIOUS_PLAIN[column]).i32Xor();
    pushRoundKey(body, 0, column);
    body.i32Xor().localSet(STATE_A[column]);
  }
  for (let round = 1; round < rounds; round++) {
    const [input, output] = round % 2 === 1 ? [STATE_A, STATE_B] : [STATE_B, STATE_A];
    emitMiddleRound(body, input, output, round);
  }
  emitLastRound(body, rounds % 2 === 1 ? STATE_A : STATE_B, rounds);
  body.localGet(POINTER).i32Const(16).i32Add().localTee(POINTER);
  body.localGet(END).i32LessThanUnsigned().brIf(0);
  body.end();
  body.end();
  for (let column = 0; column < 4; column++) {
    body
      .i32Const(0)
      .localGet(PREVIOUS_CIPHER[column])
      .i32Store(AES_WASM_LAYOUT.iv + 4 * column);
    body
      .i32Const(0)
      .localGet(PREVIOUS_PLAIN[column])
      .i32Store(AES_WASM_LAYOUT.iv + 16 + 4 * column);
  }
  return body;
}

/** The whole module's bytes. Deterministic: the same source always gives the same bytes. */
export function buildAesIgeWasm(): Uint8Array {
  return assembleModule({
    initialPages: 1,
    functions: [
      { name: 'decrypt128', body: buildDecryptFunction(10) },
      { name: 'decrypt192', body: buildDecryptFunction(12) },
      { name: 'decrypt256', body: buildDecryptFunction(14) },
    ],
  });
}
