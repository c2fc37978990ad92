/**
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum TL uses for constructor ids
 * (core.telegram.org/mtproto/TL-abstract-types) and the "full" transport uses for its frames
 * (core.telegram.org/mtproto/mtproto-transports#full).
 */

const POLYNOMIAL = 0xedb88320;

/** One entry per byte value: the CRC of that byte alone, so the loop does one lookup per byte. */
const TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let value = byte;
    for (let bit = 0; bit < 8; bit++) {
      value = value & 1 ? (value >>> 1) ^ POLYNOMIAL : value >>> 1;
    }
    table[byte] = value >>> 0;
  }
  return table;
})();

/**
 * CRC-32 of `bytes`, as an unsigned 32-bit number.
 *
 * Pass the result of an earlier call as `previous` to continue over a second chunk:
 * `crc32(b, crc32(a))` equals `crc32(a ++ b)`, so a frame's header and body need not be copied together.
 *
 * @example
 * ```ts
 * crc32(new TextEncoder().encode('boolFalse = Bool')) // 0xbc799737
 * ```
 */
export function crc32(bytes: Uint8Array, previous = 0): number {
  let crc = ~previous;
  for (let index = 0; index < bytes.length; index++) {
    crc = TABLE[(crc ^ bytes[index]) & 0xff] ^ (crc >>> 8);
  }
  return ~crc >>> 0;
}
