/**
 * A small WebAssembly binary writer, just big enough for the crypto kernels this package generates:
 * i32 arithmetic, loads and stores, blocks and loops, one memory. Writing the binary format directly
 * (webassembly.github.io/spec/core/binary) keeps the build free of toolchains, and the output depends
 * only on this file and the kernel description, so rebuilding always gives the same bytes.
 */

const OPCODES = {
  block: 0x02,
  loop: 0x03,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  i32Load8Unsigned: 0x2d,
  i32Store: 0x36,
  i32Const: 0x41,
  i32LessThanUnsigned: 0x49,
  i32GreaterOrEqualUnsigned: 0x4f,
  i32Add: 0x6a,
  i32And: 0x71,
  i32Or: 0x72,
  i32Xor: 0x73,
  i32ShiftLeft: 0x74,
  i32ShiftRightUnsigned: 0x76,
} as const;

const TYPE_I32 = 0x7f;
const BLOCK_TYPE_EMPTY = 0x40;

function unsignedLeb128(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest !== 0);
  return bytes;
}

function signedLeb128(value: number): number[] {
  const bytes: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

function encodeName(name: string): number[] {
  const utf8 = [...Buffer.from(name, 'utf8')];
  return [...unsignedLeb128(utf8.length), ...utf8];
}

function vector(items: number[][]): number[] {
  return [...unsignedLeb128(items.length), ...items.flat()];
}

/** The instructions of one function body, appended in order; every method returns `this`. */
export class FunctionBodyWriter {
  private readonly code: number[] = [];

  /**
   * @param parameterCount i32 parameters, locals 0..parameterCount-1
   * @param localCount extra i32 locals after them
   */
  constructor(
    readonly parameterCount: number,
    readonly localCount: number,
  ) {}

  private emit(...bytes: number[]): this {
    for (const byte of bytes) this.code.push(byte);
    return this;
  }

  localGet(index: number): this {
    return this.emit(OPCODES.localGet, ...unsignedLeb128(index));
  }
  localSet(index: number): this {
    return this.emit(OPCODES.localSet, ...unsignedLeb128(index));
  }
  localTee(index: number): this {
    return this.emit(OPCODES.localTee, ...unsignedLeb128(index));
  }
  i32Const(value: number): this {
    return this.emit(OPCODES.i32Const, ...signedLeb128(value));
  }
  /** Loads a word from (address on the stack) + offset; alignment hint 4 bytes. */
  i32Load(offset: number): this {
    return this.emit(OPCODES.i32Load, 2, ...unsignedLeb128(offset));
  }
  /** Loads a byte, zero-extended, from (address on the stack) + offset. */
  i32Load8Unsigned(offset: number): this {
    return this.emit(OPCODES.i32Load8Unsigned, 0, ...unsignedLeb128(offset));
  }
  /** Stores the top word at (address below it) + offset. */
  i32Store(offset: number): this {
    return this.emit(OPCODES.i32Store, 2, ...unsignedLeb128(offset));
  }
  i32Add(): this {
    return this.emit(OPCODES.i32Add);
  }
  i32And(): this {
    return this.emit(OPCODES.i32And);
  }
  i32Or(): this {
    return this.emit(OPCODES.i32Or);
  }
  i32Xor(): this {
    return this.emit(OPCODES.i32Xor);
  }
  i32ShiftLeft(): this {
    return this.emit(OPCODES.i32ShiftLeft);
  }
  i32ShiftRightUnsigned(): this {
    return this.emit(OPCODES.i32ShiftRightUnsigned);
  }
  i32LessThanUnsigned(): this {
    return this.emit(OPCODES.i32LessThanUnsigned);
  }
  i32GreaterOrEqualUnsigned(): this {
    return this.emit(OPCODES.i32GreaterOrEqualUnsigned);
  }
  block(): this {
    return this.emit(OPCODES.block, BLOCK_TYPE_EMPTY);
  }
  loop(): this {
    return this.emit(OPCODES.loop, BLOCK_TYPE_EMPTY);
  }
  end(): this {
    return this.emit(OPCODES.end);
  }
  /** Branches to the `depth`-th enclosing block or loop (0 is the innermost). */
  br(depth: number): this {
    return this.emit(OPCODES.br, ...unsignedLeb128(depth));
  }
  brIf(depth: number): this {
    return this.emit(OPCODES.brIf, ...unsignedLeb128(depth));
  }

  /** The body as the code section wants it: size, local declarations, instructions, final `end`. */
  encode(): number[] {
    const locals = this.localCount > 0 ? vector([[...unsignedLeb128(this.localCount), TYPE_I32]]) : [0];
    const body = [...locals, ...this.code, OPCODES.end];
    return [...unsignedLeb128(body.length), ...body];
  }
}

/** One exported function: its name and body; every function returns nothing. */
export interface ExportedFunction {
  name: string;
  body: FunctionBodyWriter;
}

function section(id: number, content: number[]): number[] {
  return [id, ...unsignedLeb128(content.length), ...content];
}

/**
 * A module with one memory (exported as `memory`, `initialPages` of 64 KiB, growable) and the given
 * functions, each taking only i32 parameters and exported under its name.
 */
export function assembleModule(options: { initialPages: number; functions: ExportedFunction[] }): Uint8Array {
  const { initialPages, functions } = options;
  const parameterCounts = [...new Set(functions.map((entry) => entry.body.parameterCount))];
  const types = parameterCounts.map((count) => [0x60, ...vector(Array(count).fill([TYPE_I32])), 0]);
  const exports = [
    [...encodeName('memory'), 0x02, 0],
    ...functions.map((entry, index) => [...encodeName(entry.name), 0x00, ...unsignedLeb128(index)]),
  ];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d],
    ...[0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(
      3,
      vector(functions.map((entry) => unsignedLeb128(parameterCounts.indexOf(entry.body.parameterCount)))),
    ),
    ...section(5, vector([[0x00, ...unsignedLeb128(initialPages)]])),
    ...section(7, vector(exports)),
    ...section(10, vector(functions.map((entry) => entry.body.encode()))),
  ];
  return Uint8Array.from(bytes);
}
