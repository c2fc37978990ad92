/**
 * A client request as the server session hands it to its application, with the means to answer it
 * (core.telegram.org/mtproto/service_messages, "Response to an RPC query"), and the unwrapping of the
 * invokeWithLayer / initConnection / invokeWithoutUpdates wrappers clients put around requests
 * (core.telegram.org/api/invoking).
 */
import { decodeMtproto } from '../tl/tl-codec';
import type * as Api from '../tl/generated/api-types';
import type * as Mtproto from '../tl/generated/mtproto-types';

/** One request waiting for the application's answer. */
export interface ServerRequest {
  /** msg_id of the client message carrying the request: rpc_result's req_msg_id. */
  readonly messageId: bigint;
  /** The boxed request as received (already inflated if it came gzip_packed). */
  readonly body: Uint8Array;
  /** Its constructor id. */
  readonly constructorId: number;
  /** Whether reply/replyError was called (or the client dropped the answer). */
  readonly answered: boolean;
  /** Decodes the request (API or MTProto method). Throws a TlDecodeError for malformed bytes. */
  decode(): Mtproto.TlAnyObject;
  /** Answers with a boxed result, as bytes (big results go gzip_packed). */
  reply(result: Uint8Array): void;
  /** Answers with a result object, encoded with the API/MTProto codecs. */
  replyObject(result: Mtproto.TlAnyObject): void;
  /** Answers with `rpc_error` (e.g. 420, 'FLOOD_WAIT_30'). */
  replyError(code: number, text: string): void;
}

/** A request with its wrappers taken off. */
export interface UnwrappedRequest {
  /** The innermost query. */
  readonly query: Mtproto.TlAnyObject;
  /** The layer from invokeWithLayer, if it was there. */
  readonly layer?: number;
  /** The initConnection parameters, if it was there (its `query` is the one above). */
  readonly connection?: Api.InitConnectionRequest;
}

/** Takes invokeWithLayer, initConnection, invokeWithoutUpdates and invokeAfterMsg(s) off a request. */
export function unwrapRequest(request: Mtproto.TlAnyObject): UnwrappedRequest {
  let query = request;
  let layer: number | undefined;
  let connection: Api.InitConnectionRequest | undefined;
  for (;;) {
    if (query._ === 'invokeWithLayer') {
      layer = query.layer;
      query = query.query;
    } else if (query._ === 'initConnection') {
      connection = query;
      query = query.query;
    } else if (
      query._ === 'invokeWithoutUpdates' ||
      query._ === 'invokeAfterMsg' ||
      query._ === 'invokeAfterMsgs'
    ) {
      query = query.query;
    } else {
      return { query, layer, connection };
    }
  }
}

/** Decodes a request body (exported for drivers that keep only bytes). */
export function decodeRequest(body: Uint8Array): Mtproto.TlAnyObject {
  return decodeMtproto(body);
}
