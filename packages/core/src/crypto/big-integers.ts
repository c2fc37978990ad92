/**
 * Big-endian byte strings <-> bigint, and modular arithmetic on bigint. MTProto transmits every large
 * number (pq, p, q, dh_prime, g_a, g_b, RSA values) as big-endian bytes
 * (core.telegram.org/mtproto/auth_key, first paragraph).
 */

/** Reads `bytes` as an unsigned big-endian integer. An empty array is 0. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return BigInt(`0x${hex}`);
}

/**
 * Writes a non-negative `value` as big-endian bytes: the shortest form (no leading zero byte; 0 is one
 * zero byte) or, with `length`, left-padded with zeros to exactly that many bytes.
 * Throws a RangeError when the value is negative or does not fit in `length` bytes.
 */
export function bigIntToBytes(value: bigint, length?: number): Uint8Array {
  if (value < 0n) throw new RangeError('cannot encode a negative integer as unsigned bytes');
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  const natural = hex.length / 2;
  const size = length ?? natural;
  if (natural > size) throw new RangeError(`integer needs ${natural} bytes, only ${size} allowed`);
  const out = new Uint8Array(size);
  const offset = size - natural;
  for (let index = 0; index < natural; index++) {
    out[offset + index] = parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  }
  return out;
}

/** Number of significant bits of a non-negative integer (0 for 0). */
export function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

/** `base ** exponent mod modulus` by left-to-right square-and-multiply; modulus must be > 0. */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus <= 0n) throw new RangeError('modulus must be positive');
  if (exponent < 0n) throw new RangeError('exponent must be non-negative');
  if (modulus === 1n) return 0n;
  let result = 1n;
  let square = ((base % modulus) + modulus) % modulus;
  let remaining = exponent;
  while (remaining > 0n) {
    if (remaining & 1n) result = (result * square) % modulus;
    square = (square * square) % modulus;
    remaining >>= 1n;
  }
  return result;
}

/** Greatest common divisor of two non-negative integers. */
export function gcd(left: bigint, right: bigint): bigint {
  let a = left < 0n ? -left : left;
  let b = right < 0n ? -right : right;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
