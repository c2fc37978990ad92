/**
 * The TL `bytes`/`string` encoding, just enough for crypto to hash RSA keys into fingerprints
 * (core.telegram.org/mtproto/serialize#base-types): a length of up to 253 is one byte, a longer one is
 * 0xFE followed by three little-endian bytes; the value follows and zeros pad the whole to a multiple
 * of 4. The full TL runtime lives in tl/; crypto may not import from it, so this stays here.
 */
export function serializeTlBytes(value: Uint8Array): Uint8Array {
  const length = value.length;
  if (length > 0xffffff) throw new RangeError(`TL bytes of ${length} bytes are too long`);
  const header = length <= 253 ? 1 : 4;
  const total = Math.ceil((header + length) / 4) * 4;
  const out = new Uint8Array(total);
  if (header === 1) {
    out[0] = length;
  } else {
    out[0] = 0xfe;
    out[1] = length & 0xff;
    out[2] = (length >> 8) & 0xff;
    out[3] = (length >> 16) & 0xff;
  }
  out.set(value, header);
  return out;
}
