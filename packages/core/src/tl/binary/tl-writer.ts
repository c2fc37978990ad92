/**
 * Writes TL's binary serialisation (core.telegram.org/mtproto/serialize, core.telegram.org/type/string).
 *
 * The writer owns one growable buffer and is meant to be reused: after the first few messages it has
 * the capacity it needs and encoding allocates nothing but the final copy. Values are checked as they
 * are written (an `int` must fit 32 bits, a `long` 64 bits, an `int128` must be 16 bytes) and a bad
 * one is a {@link TlEncodeError}, never silently wrapped bytes.
 */
import { TlEncodeError } from '../../errors/tl-encode-error';
import { BOOL_FALSE_ID, BOOL_TRUE_ID, VECTOR_ID } from './tl-ids';
import { encodeUtf8Into } from './utf8';

const MIN_LONG = -(2n ** 63n);
// Unsigned spellings of a long (up to 2^64 - 1) are accepted and written as their two's complement.
const MAX_LONG = 2n ** 64n - 1n;
/** The 3-byte length of the long form of a string/bytes prefix. */
const MAX_PREFIXED_LENGTH = 0xffffff;

const failureDetails = new WeakMap<TlEncodeError, string>();

function createFailure(detail: string, constructorName?: string, cause?: unknown): TlEncodeError {
  const error = new TlEncodeError(detail, constructorName, cause === undefined ? undefined : { cause });
  failureDetails.set(error, detail);
  return error;
}

/**
 * Gives an encoding failure the name of the constructor being encoded. Generated encoders call it from
 * their `catch`. A JavaScript error from a malformed value (reading a field of `undefined`) becomes a
 * TlEncodeError too; one that already names a constructor passes through unchanged.
 */
export function nameEncodeFailure(error: unknown, constructorName: string): unknown {
  if (error instanceof TlEncodeError) {
    if (error.constructorName !== undefined) return error;
    return createFailure(failureDetails.get(error) ?? error.message, constructorName, error.cause);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return createFailure(`malformed value (${detail})`, constructorName, error);
}

/**
 * The failure of a generated encoder that met a `_` it does not know where `expected` (a boxed type
 * or "Object") was wanted.
 */
export function unknownConstructorName(value: unknown, expected: string): TlEncodeError {
  const name = typeof value === 'object' && value !== null ? (value as { _?: unknown })._ : undefined;
  return createFailure(
    `unknown constructor ${JSON.stringify(name) ?? String(name)} where ${expected} was expected`,
  );
}

/**
 * A growable output buffer with TL's primitive writers.
 *
 * @example
 * ```ts
 * const writer = new TlWriter();
 * writer.writeUint32(0x62d6b459); // msgs_ack
 * writer.writeVectorHeader(1);
 * writer.writeInt64(messageId);
 * const bytes = writer.finish();
 * ```
 */
export class TlWriter {
  /** Offset of the next byte to write: the length of the output so far. */
  position = 0;
  private buffer: Uint8Array;
  private view: DataView;

  constructor(initialCapacity = 1024) {
    this.buffer = new Uint8Array(initialCapacity);
    this.view = new DataView(this.buffer.buffer);
  }

  /** Bytes the buffer holds before it has to grow. */
  get capacity(): number {
    return this.buffer.length;
  }

  /** Forgets what was written, keeping the buffer. */
  reset(): void {
    this.position = 0;
  }

  /** A copy of the bytes written so far; the writer can then be reset and reused. */
  finish(): Uint8Array {
    return this.buffer.slice(0, this.position);
  }

  /** `int`: a 32-bit integer; values up to 2^32 - 1 are accepted as their unsigned spelling. */
  writeInt32(value: number): void {
    if ((value | 0) !== value && value >>> 0 !== value) {
      throw createFailure(`${String(value)} is not a 32-bit integer`);
    }
    const position = this.position;
    if (position + 4 > this.buffer.length) this.grow(4);
    this.view.setInt32(position, value | 0, true);
    this.position = position + 4;
  }

  /** A constructor id or other unsigned 32-bit word. */
  writeUint32(value: number): void {
    const position = this.position;
    if (position + 4 > this.buffer.length) this.grow(4);
    this.view.setUint32(position, value, true);
    this.position = position + 4;
  }

  /** `long`: a 64-bit integer, exact. */
  writeInt64(value: bigint): void {
    if (typeof value !== 'bigint' || value < MIN_LONG || value > MAX_LONG) {
      throw createFailure(`${String(value)} is not a 64-bit integer (a bigint)`);
    }
    const position = this.position;
    if (position + 8 > this.buffer.length) this.grow(8);
    this.view.setBigInt64(position, value, true);
    this.position = position + 8;
  }

  /** `double`: IEEE 754 binary64. */
  writeDouble(value: number): void {
    if (typeof value !== 'number') throw createFailure(`${String(value)} is not a number`);
    const position = this.position;
    if (position + 8 > this.buffer.length) this.grow(8);
    this.view.setFloat64(position, value, true);
    this.position = position + 8;
  }

  /** `Bool`: boolTrue or boolFalse. */
  writeBool(value: boolean): void {
    if (typeof value !== 'boolean') throw createFailure(`${String(value)} is not a boolean`);
    this.writeUint32(value ? BOOL_TRUE_ID : BOOL_FALSE_ID);
  }

  /** `int128`: exactly 16 bytes. */
  writeInt128(value: Uint8Array): void {
    this.writeFixed(value, 16, 'int128');
  }

  /** `int256`: exactly 32 bytes. */
  writeInt256(value: Uint8Array): void {
    this.writeFixed(value, 32, 'int256');
  }

  /** Bytes as they are, without prefix or padding. */
  writeRaw(value: Uint8Array): void {
    const position = this.position;
    if (position + value.length > this.buffer.length) this.grow(value.length);
    this.buffer.set(value, position);
    this.position = position + value.length;
  }

  /** The header of a boxed `Vector`: its id and the element count. */
  writeVectorHeader(count: number): void {
    this.writeUint32(VECTOR_ID);
    this.writeInt32(count);
  }

  /** `bytes`: length prefix (1 byte below 254, else 0xfe and 3 bytes), the data, zero padding to 4. */
  writeBytes(value: Uint8Array): void {
    if (!(value instanceof Uint8Array)) throw createFailure(`${String(value)} is not a Uint8Array`);
    const length = value.length;
    if (length > MAX_PREFIXED_LENGTH)
      throw createFailure(`bytes of ${length} bytes exceed TL's 16 MiB limit`);
    const header = length < 254 ? 1 : 4;
    const total = (header + length + 3) & ~3;
    const position = this.position;
    if (position + total > this.buffer.length) this.grow(total);
    this.writeLengthPrefix(position, length);
    this.buffer.set(value, position + header);
    this.zero(position + header + length, position + total);
    this.position = position + total;
  }

  /** `string`: UTF-8 with the same prefix and padding as `bytes`. */
  writeString(value: string): void {
    if (typeof value !== 'string') throw createFailure(`${String(value)} is not a string`);
    const position = this.position;
    const worst = value.length * 3;
    if (worst < 254) {
      // Short enough that even all-3-byte UTF-8 fits a 1-byte prefix: write in place.
      if (position + worst + 4 > this.buffer.length) this.grow(worst + 4);
      const length = encodeUtf8Into(value, this.buffer, position + 1);
      this.buffer[position] = length;
      const total = (length + 4) & ~3;
      this.zero(position + 1 + length, position + total);
      this.position = position + total;
      return;
    }
    // Long form assumed; if the UTF-8 turns out shorter than 254 bytes the data moves back 3 bytes.
    if (position + worst + 8 > this.buffer.length) this.grow(worst + 8);
    let length = encodeUtf8Into(value, this.buffer, position + 4);
    if (length > MAX_PREFIXED_LENGTH)
      throw createFailure(`string of ${length} bytes exceeds TL's 16 MiB limit`);
    let header = 4;
    if (length < 254) {
      this.buffer.copyWithin(position + 1, position + 4, position + 4 + length);
      header = 1;
    }
    this.writeLengthPrefix(position, length);
    length += header;
    const total = (length + 3) & ~3;
    this.zero(position + length, position + total);
    this.position = position + total;
  }

  private writeLengthPrefix(position: number, length: number): void {
    const buffer = this.buffer;
    if (length < 254) {
      buffer[position] = length;
    } else {
      buffer[position] = 254;
      buffer[position + 1] = length & 0xff;
      buffer[position + 2] = (length >>> 8) & 0xff;
      buffer[position + 3] = (length >>> 16) & 0xff;
    }
  }

  private writeFixed(value: Uint8Array, size: number, what: string): void {
    if (!(value instanceof Uint8Array) || value.length !== size) {
      throw createFailure(`${what} must be a Uint8Array of ${size} bytes`);
    }
    this.writeRaw(value);
  }

  /** Zeroes padding: the buffer is reused, so it may hold bytes of an earlier message. */
  private zero(from: number, to: number): void {
    for (let index = from; index < to; index++) this.buffer[index] = 0;
  }

  private grow(extra: number): void {
    const needed = this.position + extra;
    let capacity = Math.max(this.buffer.length * 2, 64);
    while (capacity < needed) capacity *= 2;
    const buffer = new Uint8Array(capacity);
    buffer.set(this.buffer.subarray(0, this.position));
    this.buffer = buffer;
    this.view = new DataView(buffer.buffer);
  }
}
