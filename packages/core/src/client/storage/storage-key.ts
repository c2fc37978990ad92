import { StorageError } from '../../errors/storage-error';

/** A value that survives `JSON.stringify` and `JSON.parse` unchanged. */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * A typed entry of a {@link SessionStorage}: a stable name plus how its value becomes JSON and back.
 * `decode` validates: stored data of the wrong shape throws a StorageError `corrupt` rather than
 * handing a half-valid value to the protocol. Later layers (updates state, peers) define their own
 * keys with {@link defineStorageKey}; storages need no change for that.
 */
export interface StorageKey<T> {
  /** Unique name, e.g. `dc2.authKey`. Names starting with `mtbot.` are reserved for this package. */
  readonly name: string;
  encode(value: T): JsonValue;
  decode(json: JsonValue): T;
}

/** How a {@link StorageKey} converts its value; `decode` throws any Error for malformed data. */
export interface StorageValueCodec<T> {
  encode(value: T): JsonValue;
  decode(json: JsonValue): T;
}

/**
 * Declares a typed storage key. Decoding failures are rethrown as StorageError `corrupt` naming the
 * entry (never its contents, which may be secret).
 *
 * @example
 * ```ts
 * const pts = defineStorageKey<number>('updates.pts', {
 *   encode: (value) => value,
 *   decode: (json) => readInteger(json, 'pts'),
 * });
 * await storage.set(pts, 42);
 * ```
 */
export function defineStorageKey<T>(name: string, codec: StorageValueCodec<T>): StorageKey<T> {
  return {
    name,
    encode: (value) => codec.encode(value),
    decode: (json) => {
      try {
        return codec.decode(json);
      } catch (error) {
        if (StorageError.isInstance(error)) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        throw new StorageError('corrupt', `stored entry "${name}" is malformed: ${reason}`);
      }
    },
  };
}

/** A key and the value to store under it (undefined deletes it), for {@link SessionStorage.setMany}. */
export interface StorageEntry<T = unknown> {
  readonly key: StorageKey<T>;
  readonly value: T | undefined;
}

/** Pairs a key with a value with the types checked, for {@link SessionStorage.setMany}. */
export function storageEntry<T>(key: StorageKey<T>, value: T | undefined): StorageEntry<T> {
  return { key, value };
}

// Validators used by decoders. They throw plain Errors that name the field, not its value;
// defineStorageKey turns them into StorageErrors naming the entry.

/** The JSON value as an object with string keys. */
export function readObject(json: JsonValue, field: string): { readonly [key: string]: JsonValue } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error(`${field} is not an object`);
  }
  return json as { readonly [key: string]: JsonValue };
}

/** The JSON value as an array. */
export function readArray(json: JsonValue, field: string): readonly JsonValue[] {
  if (!Array.isArray(json)) throw new Error(`${field} is not an array`);
  return json;
}

/** The JSON value as a safe integer. */
export function readInteger(json: JsonValue | undefined, field: string): number {
  if (typeof json !== 'number' || !Number.isSafeInteger(json)) throw new Error(`${field} is not an integer`);
  return json;
}

/** The JSON value as a string. */
export function readString(json: JsonValue | undefined, field: string): string {
  if (typeof json !== 'string') throw new Error(`${field} is not a string`);
  return json;
}

/** The JSON value as a boolean (absent reads as false). */
export function readFlag(json: JsonValue | undefined, field: string): boolean {
  if (json === undefined) return false;
  if (typeof json !== 'boolean') throw new Error(`${field} is not a boolean`);
  return json;
}

/** A signed 64-bit integer stored as a decimal string (JSON numbers lose precision past 2^53). */
export function readLong(json: JsonValue | undefined, field: string): bigint {
  const text = readString(json, field);
  if (!/^-?\d{1,20}$/.test(text)) throw new Error(`${field} is not a decimal 64-bit integer`);
  const value = BigInt(text);
  if (value !== BigInt.asIntN(64, value)) throw new Error(`${field} does not fit in 64 bits`);
  return value;
}

/** Bytes stored as base64. */
export function readBytes(json: JsonValue | undefined, field: string, length?: number): Uint8Array {
  const text = readString(json, field);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    throw new Error(`${field} is not base64`);
  }
  const bytes = base64ToBytes(text);
  if (length !== undefined && bytes.length !== length) {
    throw new Error(`${field} holds ${bytes.length} bytes instead of ${length}`);
  }
  return bytes;
}

/** Base64 of `bytes` (how byte values, auth keys among them, are stored). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  }
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
