/**
 * A small WebAssembly binary writer, just big enough for the crypto kernels this package generates:
 * i32 and i64 arithmetic, loads and stores, blocks, loops and ifs, one memory. Writing the binary format
 * directly (webassembly.github.io/spec/core/binary) keeps the build free of toolchains, and the output
 * depends only on this file and the kernel description, so rebuilding always gives the same bytes.
 */

const OPCODES = {
  unreachable: 0x00,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  return: 0x0f,
  select: 0x1b,
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
  i32Sub: 0x6b,
  i32Eqz: 0x45,
  i32Ne: 0x47,
  i32GreaterThanUnsigned: 0x4b,
  i64Const: 0x42,
  i64Eqz: 0x50,
  i64Eq: 0x51,
  i64Ne: 0x52,
  i64LessThanUnsigned: 0x54,
  i64GreaterThanUnsigned: 0x56,
  i64GreaterOrEqualUnsigned: 0x5a,
  i64CountTrailingZeros: 0x7a,
  i64Add: 0x7c,
  i64Sub: 0x7d,
  i64Mul: 0x7e,
  i64And: 0x83,
  i64Or: 0x84,
  i64ShiftLeft: 0x86,
  i64ShiftRightUnsigned: 0x88,
  i32WrapI64: 0xa7,
  i64ExtendI32Unsigned: 0xad,
} as const;

/**
 * Fixed-width SIMD instructions (webassembly.github.io/spec/core/binary/instructions.html#vector-instructions):
 * the prefix byte, then the instruction number as an unsigned LEB128.
 */
const SIMD_PREFIX = 0xfd;
const SIMD_OPCODES = {
  v128Load: 0x00,
  v128Store: 0x0b,
  v128Xor: 0x51,
} as const;
/** log2 of the 16-byte natural alignment of v128 loads and stores, the largest hint allowed. */
const V128_ALIGNMENT = 4;

/** The value types the kernels use. */
export type ValueType = 'i32' | 'i64';

const TYPE_CODES: Record<ValueType, number> = { i32: 0x7f, i64: 0x7e };
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

/** Signed LEB128 of a 64-bit constant (i64.const), given as a bigint in [-2^63, 2^64). */
function signedLeb128BigInt(value: bigint): number[] {
  const bytes: number[] = [];
  let rest = BigInt.asIntN(64, value);
  for (;;) {
    const byte = Number(rest & 0x7fn);
    rest >>= 7n;
    const done = (rest === 0n && (byte & 0x40) === 0) || (rest === -1n && (byte & 0x40) !== 0);
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

function typeList(types: number | readonly ValueType[]): readonly ValueType[] {
  return typeof types === 'number' ? Array<ValueType>(types).fill('i32') : types;
}

/** The instructions of one function body, appended in order; every method returns `this`. */
export class FunctionBodyWriter {
  private readonly code: number[] = [];
  readonly parameterTypes: readonly ValueType[];
  readonly localTypes: readonly ValueType[];

  /**
   * @param parameters the parameters, locals 0..n-1: a count of i32s or a list of types
   * @param locals the extra locals after them: a count of i32s or a list of types
   * @param resultTypes what the function returns (nothing by default)
   */
  constructor(
    parameters: number | readonly ValueType[],
    locals: number | readonly ValueType[],
    readonly resultTypes: readonly ValueType[] = [],
  ) {
    this.parameterTypes = typeList(parameters);
    this.localTypes = typeList(locals);
  }

  /** The function type in the binary format (`0x60 params results`). */
  signature(): number[] {
    return [
      0x60,
      ...vector(this.parameterTypes.map((type) => [TYPE_CODES[type]])),
      ...vector(this.resultTypes.map((type) => [TYPE_CODES[type]])),
    ];
  }

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
  i32Sub(): this {
    return this.emit(OPCODES.i32Sub);
  }
  i32Eqz(): this {
    return this.emit(OPCODES.i32Eqz);
  }
  i32Ne(): this {
    return this.emit(OPCODES.i32Ne);
  }
  i32GreaterThanUnsigned(): this {
    return this.emit(OPCODES.i32GreaterThanUnsigned);
  }
  /** Pushes a 64-bit constant; the bigint may be given signed or unsigned. */
  i64Const(value: bigint): this {
    return this.emit(OPCODES.i64Const, ...signedLeb128BigInt(value));
  }
  i64Eqz(): this {
    return this.emit(OPCODES.i64Eqz);
  }
  i64Eq(): this {
    return this.emit(OPCODES.i64Eq);
  }
  i64Ne(): this {
    return this.emit(OPCODES.i64Ne);
  }
  i64LessThanUnsigned(): this {
    return this.emit(OPCODES.i64LessThanUnsigned);
  }
  i64GreaterThanUnsigned(): this {
    return this.emit(OPCODES.i64GreaterThanUnsigned);
  }
  i64GreaterOrEqualUnsigned(): this {
    return this.emit(OPCODES.i64GreaterOrEqualUnsigned);
  }
  i64CountTrailingZeros(): this {
    return this.emit(OPCODES.i64CountTrailingZeros);
  }
  i64Add(): this {
    return this.emit(OPCODES.i64Add);
  }
  i64Sub(): this {
    return this.emit(OPCODES.i64Sub);
  }
  i64Mul(): this {
    return this.emit(OPCODES.i64Mul);
  }
  i64And(): this {
    return this.emit(OPCODES.i64And);
  }
  i64Or(): this {
    return this.emit(OPCODES.i64Or);
  }
  i64ShiftLeft(): this {
    return this.emit(OPCODES.i64ShiftLeft);
  }
  i64ShiftRightUnsigned(): this {
    return this.emit(OPCODES.i64ShiftRightUnsigned);
  }
  i32WrapI64(): this {
    return this.emit(OPCODES.i32WrapI64);
  }
  i64ExtendI32Unsigned(): this {
    return this.emit(OPCODES.i64ExtendI32Unsigned);
  }
  /** Pops a condition and two values below it; keeps the first if the condition is non-zero. */
  select(): this {
    return this.emit(OPCODES.select);
  }
  return(): this {
    return this.emit(OPCODES.return);
  }
  unreachable(): this {
    return this.emit(OPCODES.unreachable);
  }
  /** Loads 16 bytes from (address on the stack) + offset (WebAssembly SIMD). */
  v128Load(offset: number): this {
    return this.emit(
      SIMD_PREFIX,
      ...unsignedLeb128(SIMD_OPCODES.v128Load),
      V128_ALIGNMENT,
      ...unsignedLeb128(offset),
    );
  }
  /** Stores the top 16 bytes at (address below them) + offset (WebAssembly SIMD). */
  v128Store(offset: number): this {
    return this.emit(
      SIMD_PREFIX,
      ...unsignedLeb128(SIMD_OPCODES.v128Store),
      V128_ALIGNMENT,
      ...unsignedLeb128(offset),
    );
  }
  /** XOR of the top two 16-byte values (WebAssembly SIMD). */
  v128Xor(): this {
    return this.emit(SIMD_PREFIX, ...unsignedLeb128(SIMD_OPCODES.v128Xor));
  }
  block(): this {
    return this.emit(OPCODES.block, BLOCK_TYPE_EMPTY);
  }
  loop(): this {
    return this.emit(OPCODES.loop, BLOCK_TYPE_EMPTY);
  }
  /** Pops a condition; runs what follows up to `else()` or `end()` if it is non-zero. */
  if(): this {
    return this.emit(OPCODES.if, BLOCK_TYPE_EMPTY);
  }
  else(): this {
    return this.emit(OPCODES.else);
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
    // Locals are declared as runs of one type: (count, type) pairs.
    const runs: number[][] = [];
    let runStart = 0;
    for (let index = 1; index <= this.localTypes.length; index++) {
      if (index === this.localTypes.length || this.localTypes[index] !== this.localTypes[runStart]) {
        runs.push([...unsignedLeb128(index - runStart), TYPE_CODES[this.localTypes[runStart]]]);
        runStart = index;
      }
    }
    const body = [...vector(runs), ...this.code, OPCODES.end];
    return [...unsignedLeb128(body.length), ...body];
  }
}

/** One exported function: its name and body. */
export interface ExportedFunction {
  name: string;
  body: FunctionBodyWriter;
}

function section(id: number, content: number[]): number[] {
  return [id, ...unsignedLeb128(content.length), ...content];
}

/**
 * A module with one memory (exported as `memory`, `initialPages` of 64 KiB, growable) and the given
 * functions, each exported under its name.
 */
export function assembleModule(options: { initialPages: number; functions: ExportedFunction[] }): Uint8Array {
  const { initialPages, functions } = options;
  const signatures = functions.map((entry) => entry.body.signature());
  const keys = signatures.map((signature) => signature.join(','));
  const typeKeys = [...new Set(keys)];
  const types = typeKeys.map((key) => signatures[keys.indexOf(key)]);
  const exports = [
    [...encodeName('memory'), 0x02, 0],
    ...functions.map((entry, index) => [...encodeName(entry.name), 0x00, ...unsignedLeb128(index)]),
  ];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d],
    ...[0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(3, vector(keys.map((key) => unsignedLeb128(typeKeys.indexOf(key))))),
    ...section(5, vector([[0x00, ...unsignedLeb128(initialPages)]])),
    ...section(7, vector(exports)),
    ...section(10, vector(functions.map((entry) => entry.body.encode()))),
  ];
  return Uint8Array.from(bytes);
}
