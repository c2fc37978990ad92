/**
 * The gzip side of `gzip_packed#3072cfa1 packed_data:bytes = Object;`
 * (core.telegram.org/mtproto/service_messages, "Packed Object"): the server may replace any object by
 * a gzip_packed holding its serialisation, so decoders inflate wherever an object is expected.
 */
import { gunzipSync, gzipSync } from 'node:zlib';

/** Why an inflate failed, in words for a TlDecodeError. */
export type InflateFailure = { readonly ok: false; readonly reason: string };

/**
 * Inflates a gzip stream, refusing to produce more than `maxOutputLength` bytes: zlib stops as soon
 * as the output would pass the cap, so a small "zip bomb" never gets the memory it asks for.
 */
export function inflateWithCap(
  packed: Uint8Array,
  maxOutputLength: number,
): { readonly ok: true; readonly bytes: Uint8Array } | InflateFailure {
  if (maxOutputLength <= 0) return { ok: false, reason: 'inflated size budget exhausted' };
  try {
    const output = gunzipSync(packed, { maxOutputLength });
    return { ok: true, bytes: new Uint8Array(output.buffer, output.byteOffset, output.byteLength) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      return { ok: false, reason: `gzip_packed inflates past the cap of ${maxOutputLength} bytes` };
    }
    return { ok: false, reason: `gzip_packed is not valid gzip (${(error as Error).message})` };
  }
}

/** Compresses `bytes` with gzip, as a sender of `gzip_packed` does. */
export function gzip(bytes: Uint8Array): Uint8Array {
  const output = gzipSync(bytes);
  return new Uint8Array(output.buffer, output.byteOffset, output.byteLength);
}
