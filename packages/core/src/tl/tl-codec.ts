/**
 * Whole-message encoding and decoding over the generated codecs: bytes in, objects out, and back.
 * Each call is bounded (see TlReader) and fails with a TlDecodeError or TlEncodeError only.
 *
 * Names: API objects are `Api.*` (from schema/api.tl), MTProto service objects are `Mtproto.*` (from
 * schema/mtproto.tl); each has its own functions here, so the two never share a name space.
 */
import { TlDecodeError } from '../errors/tl-decode-error';
import { TlEncodeError } from '../errors/tl-encode-error';
import { TlReader, type TlReaderOptions } from './binary/tl-reader';
import { TlWriter } from './binary/tl-writer';
import { readApiObject, readApiResult, writeApiObject } from './generated/api-codec';
import type * as Api from './generated/api-types';
import { readMtprotoAnyObject, writeMtprotoObject } from './generated/mtproto-codec';
import type * as Mtproto from './generated/mtproto-types';

// One writer reused by every encode: after warm-up, encoding allocates only its result.
let sharedWriter: TlWriter | undefined = new TlWriter(4096);
/** A writer grown past this (a big upload part) is dropped after use rather than kept forever. */
const KEPT_WRITER_CAPACITY = 1024 * 1024;

function encodeWith(write: (writer: TlWriter) => void): Uint8Array {
  // Taken, not borrowed: a nested call (a getter that encodes) gets a writer of its own.
  const writer = sharedWriter ?? new TlWriter(4096);
  sharedWriter = undefined;
  writer.reset();
  try {
    write(writer);
    return writer.finish();
  } catch (error) {
    if (error instanceof TlEncodeError) throw error;
    throw new TlEncodeError(
      `malformed value (${error instanceof Error ? error.message : String(error)})`,
      undefined,
      {
        cause: error,
      },
    );
  } finally {
    if (writer.capacity <= KEPT_WRITER_CAPACITY) sharedWriter = writer;
  }
}

function decodeWith<T>(
  bytes: Uint8Array,
  options: TlReaderOptions | undefined,
  read: (reader: TlReader) => T,
): T {
  const reader = new TlReader(bytes, options);
  let value: T;
  try {
    value = read(reader);
  } catch (error) {
    // A hostile input can nest recursive types (RichText, say) deeper than the stack allows.
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new TlDecodeError('objects nested too deeply', reader.position, undefined, { cause: error });
    }
    throw error;
  }
  reader.expectEnd();
  return value;
}

/**
 * Encodes an API constructor or method request, boxed (constructor id first).
 *
 * @example
 * ```ts
 * const bytes = encodeApi({ _: 'inputPeerUser', user_id: 42n, access_hash: 7n });
 * ```
 * @throws {@link TlEncodeError} for a value that does not fit its type.
 */
export function encodeApi(value: Api.TlAnyObject): Uint8Array {
  return encodeWith((writer) => writeApiObject(writer, value));
}

/**
 * Decodes one boxed API constructor that fills `bytes` exactly; narrow the result with its `_`.
 * A gzip_packed value is inflated, within `options.maxInflatedSize`.
 *
 * @throws {@link TlDecodeError} naming the offset and constructor where decoding stopped.
 */
export function decodeApi(bytes: Uint8Array, options?: TlReaderOptions): Api.TlObject {
  return decodeWith(bytes, options, readApiObject);
}

/**
 * Decodes the result of `request`, typed by its method: `decodeApiResult({ _: 'photos.deletePhotos',
 * ... }, bytes)` is a `bigint[]`, which no untyped decoder could tell from the bytes alone.
 *
 * @throws {@link TlDecodeError}
 */
export function decodeApiResult<R extends Api.TlMethod>(
  request: R,
  bytes: Uint8Array,
  options?: TlReaderOptions,
): Api.TlResult<R> {
  return decodeWith<Api.TlResult<R>>(bytes, options, (reader) => readApiResult<R>(reader, request));
}

/** Encodes an MTProto service object or request (or, inside one, API objects), boxed. */
export function encodeMtproto(value: Mtproto.TlAnyObject): Uint8Array {
  return encodeWith((writer) => writeMtprotoObject(writer, value));
}

/**
 * Decodes one boxed MTProto object; an id that is not MTProto's is looked up in the API schema,
 * because `msg_container` and `rpc_result` carry API objects.
 */
export function decodeMtproto(bytes: Uint8Array, options?: TlReaderOptions): Mtproto.TlAnyObject {
  return decodeWith(bytes, options, readMtprotoAnyObject);
}
