/**
 * JSON that keeps what plain JSON loses: 64-bit ids (`bigint`), bytes (`Uint8Array`: auth keys, file
 * references, media) and `Map`s (members of groups, messages of channels). Each is written as a
 * one-key object (`{"$bigint":"123"}`, `{"$bytes":"<base64>"}`, `{"$map":[[k, v], ...]}`) and read
 * back to the same type; `undefined` fields are dropped as JSON does, which the records treat the same
 * as absent.
 */

/** Serialises `value` (records of the world, TL objects) to JSON text. */
export function stringifySnapshot(value: unknown): string {
  return JSON.stringify(value, function replace(this: unknown, key: string, current: unknown) {
    // JSON.stringify has already called toJSON (a Buffer would become {type, data}): read the raw value.
    const raw = (this as Record<string, unknown>)[key];
    if (typeof raw === 'bigint') return { $bigint: raw.toString() };
    if (raw instanceof Uint8Array) return { $bytes: Buffer.from(raw).toString('base64') };
    if (raw instanceof Map) return { $map: [...raw] };
    return current;
  });
}

/** Parses what {@link stringifySnapshot} wrote; throws SyntaxError / TypeError on anything else. */
export function parseSnapshot(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const keys = Object.keys(value);
    if (keys.length !== 1) return value;
    const fields = value as Record<string, unknown>;
    if (typeof fields.$bigint === 'string') {
      if (!/^-?\d{1,20}$/.test(fields.$bigint)) throw new TypeError(`bad $bigint ${fields.$bigint}`);
      return BigInt(fields.$bigint);
    }
    if (typeof fields.$bytes === 'string') {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(fields.$bytes)) throw new TypeError('bad $bytes');
      return new Uint8Array(Buffer.from(fields.$bytes, 'base64'));
    }
    if (Array.isArray(fields.$map)) {
      if (!fields.$map.every((entry) => Array.isArray(entry) && entry.length === 2)) {
        throw new TypeError('bad $map');
      }
      return new Map(fields.$map as Array<[unknown, unknown]>);
    }
    return value;
  });
}
