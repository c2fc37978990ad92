/**
 * A TL object as JSON for the control API: the `_` constructor names stay, 64-bit values become decimal
 * strings and bytes become base64 (callback data, for one, is arbitrary bytes).
 */
export function tlJson(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(tlJson);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, field]) => field !== undefined)
        .map(([key, field]) => [key, tlJson(field)]),
    );
  }
  return value;
}
