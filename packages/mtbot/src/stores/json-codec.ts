import { StoreError } from './store-error';

/** How a bigint is written: `{"$bigint":"-1001234"}`; an object of this one key is read back as a bigint. */
const BIGINT_TAG = '$bigint';

/**
 * Writes plain data as JSON, bigints included (Telegram ids are bigints). Anything JSON would change
 * or drop without a word is refused with a {@link StoreError} (`unserializable`) naming where it sits:
 * functions, symbols, `undefined` in arrays, non-finite numbers, cycles, Maps, Sets, Dates and other
 * class instances. `undefined` object properties are left out, as in JSON.
 */
export function encodeJson(value: unknown, what: string): string {
  return JSON.stringify(toJsonValue(value, '$', new Set(), what));
}

/** Reads what {@link encodeJson} wrote; text that is not JSON is a {@link StoreError} (`corrupt`). */
export function decodeJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text, revive);
  } catch (error) {
    throw new StoreError('corrupt', `${what} is not valid JSON (${text.length} characters stored)`, {
      cause: error,
    });
  }
}

function revive(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const digits = (value as Record<string, unknown>)[BIGINT_TAG];
  if (keys.length === 1 && keys[0] === BIGINT_TAG && typeof digits === 'string' && /^-?\d+$/.test(digits)) {
    return BigInt(digits);
  }
  return value;
}

function toJsonValue(value: unknown, path: string, open: Set<object>, what: string): unknown {
  const refuse = (kind: string): never => {
    throw new StoreError('unserializable', `${what}: cannot store ${kind} at ${path} as JSON`);
  };
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : refuse(String(value));
    case 'bigint':
      return { [BIGINT_TAG]: value.toString() };
    case 'undefined':
      return refuse('undefined');
    case 'function':
    case 'symbol':
      return refuse(`a ${typeof value}`);
  }
  if (value === null) return null;
  const object = value as object;
  if (open.has(object)) return refuse('a cycle');
  open.add(object);
  try {
    if (Array.isArray(object)) {
      return object.map((item: unknown, index) => toJsonValue(item, `${path}[${index}]`, open, what));
    }
    const prototype = Object.getPrototypeOf(object) as unknown;
    if (prototype !== Object.prototype && prototype !== null) {
      return refuse(
        `a ${object.constructor?.name ?? 'class'} instance (only plain objects, arrays and primitives)`,
      );
    }
    const entries = Object.entries(object);
    if (entries.length === 1 && entries[0][0] === BIGINT_TAG)
      return refuse(`an object whose only key is ${BIGINT_TAG}`);
    const result: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      if (item === undefined) continue;
      result[key] = toJsonValue(item, `${path}.${key}`, open, what);
    }
    return result;
  } finally {
    open.delete(object);
  }
}
