/**
 * Reading and writing the message bodies both session roles handle by hand rather than through the
 * generated codecs, because their payload must stay raw bytes:
 *
 * - `rpc_result#f35c6d01 req_msg_id:long result:Object = RpcResult;` — the result is typed by the
 *   request, which only the caller knows (a bare `Vector<long>` cannot be decoded without it), so it
 *   is kept as bytes; a gzip_packed result is inflated first (core.telegram.org/mtproto/service_messages,
 *   "Response to an RPC query" and "Packed Object").
 * - `gzip_packed#3072cfa1 packed_data:bytes = Object;` — used for large bodies when it shrinks them.
 */
import { TlDecodeError } from '../errors/tl-decode-error';
import { TlReader } from '../tl/binary/tl-reader';
import { TlWriter } from '../tl/binary/tl-writer';
import { gzip } from '../tl/binary/gzip';
import { ServiceMessageId, peekConstructorId } from './service-message-ids';

/** An rpc_result with its result left as bytes. */
export interface RawRpcResult {
  readonly requestMessageId: bigint;
  /** The boxed result, inflated if it was gzip_packed. */
  readonly result: Uint8Array;
}

/** An rpc_error read out of a result. */
export interface RawRpcError {
  readonly code: number;
  readonly text: string;
}

/** Default cap on what one gzip_packed body may inflate to (16 MiB, as TlReader). */
export const DEFAULT_MAX_INFLATED_SIZE = TlReader.DEFAULT_MAX_INFLATED_SIZE;

/** Splits an rpc_result body into req_msg_id and the raw (inflated) result. */
export function readRpcResult(body: Uint8Array, maxInflatedSize = DEFAULT_MAX_INFLATED_SIZE): RawRpcResult {
  const reader = new TlReader(body);
  const id = reader.readUint32();
  if (id !== ServiceMessageId.rpcResult) throw reader.fail('not an rpc_result', 0);
  const requestMessageId = reader.readInt64();
  const result = inflateIfPacked(body.subarray(reader.position), maxInflatedSize);
  if (result.length < 4) throw new TlDecodeError('rpc_result carries no result object', 12, 'rpc_result');
  return { requestMessageId, result };
}

/** The contents of a gzip_packed body (inflated within the cap), or the body itself if not packed. */
export function inflateIfPacked(body: Uint8Array, maxInflatedSize = DEFAULT_MAX_INFLATED_SIZE): Uint8Array {
  if (peekConstructorId(body) !== ServiceMessageId.gzipPacked) return body;
  const reader = new TlReader(body, { maxInflatedSize });
  reader.readUint32();
  const inflated = reader.readGzipped((inner) => inner.readRaw(inner.remaining));
  reader.expectEnd();
  return inflated;
}

/** The code and text of an rpc_error result, or undefined when the result is not one. */
export function readRpcError(result: Uint8Array): RawRpcError | undefined {
  if (peekConstructorId(result) !== ServiceMessageId.rpcError) return undefined;
  const reader = new TlReader(result);
  reader.readUint32();
  const code = reader.readInt32();
  const text = reader.readString();
  reader.expectEnd();
  return { code, text };
}

/** Builds an rpc_result around a raw boxed result. */
export function writeRpcResult(requestMessageId: bigint, result: Uint8Array): Uint8Array {
  const writer = new TlWriter(12 + result.length);
  writer.writeUint32(ServiceMessageId.rpcResult);
  writer.writeInt64(requestMessageId);
  writer.writeRaw(result);
  return writer.finish();
}

/** Builds an `rpc_error#2144ca19 error_code:int error_message:string`. */
export function writeRpcError(code: number, text: string): Uint8Array {
  const writer = new TlWriter(64 + text.length * 3);
  writer.writeUint32(ServiceMessageId.rpcError);
  writer.writeInt32(code);
  writer.writeString(text);
  return writer.finish();
}

/**
 * Replaces `body` by a gzip_packed holding it when it is at least `threshold` bytes long and packing
 * makes it smaller; otherwise returns it unchanged. `threshold` of Infinity turns packing off.
 */
export function packIfSmaller(body: Uint8Array, threshold: number): Uint8Array {
  if (body.length < threshold) return body;
  const packedData = gzip(body);
  const writer = new TlWriter(packedData.length + 12);
  writer.writeUint32(ServiceMessageId.gzipPacked);
  writer.writeBytes(packedData);
  const packed = writer.finish();
  return packed.length < body.length ? packed : body;
}
