/**
 * The wrapper of a session's first request (core.telegram.org/api/invoking, "Layers" and
 * "Saving client info"):
 *
 *   invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;
 *   initConnection#c1cd5ea9 {X:Type} flags:# api_id:int device_model:string system_version:string
 *     app_version:string system_lang_code:string lang_pack:string lang_code:string
 *     proxy:flags.0?InputClientProxy params:flags.1?JSONValue query:!X = X;
 *
 * Written as a prefix so that any request, object or already encoded bytes, can follow it as `query`.
 */
import { TlWriter } from '../tl/binary/tl-writer';
import { API_LAYER } from '../tl/generated/api-codec';

const INVOKE_WITH_LAYER_ID = 0xda9b0d0d;
const INIT_CONNECTION_ID = 0xc1cd5ea9;

/** What the client tells the server about itself in initConnection. */
export interface ConnectionInfo {
  /** api_id from my.telegram.org. */
  readonly apiId: number;
  readonly deviceModel: string;
  readonly systemVersion: string;
  readonly appVersion: string;
  readonly systemLangCode: string;
  readonly langPack: string;
  readonly langCode: string;
  /** API layer; default: the layer of the generated schema. */
  readonly layer?: number;
}

/** invokeWithLayer(layer, initConnection(..., query: — the request follows. */
export function writeInitConnectionPrefix(info: ConnectionInfo): Uint8Array {
  const writer = new TlWriter(256);
  writer.writeUint32(INVOKE_WITH_LAYER_ID);
  writer.writeInt32(info.layer ?? API_LAYER);
  writer.writeUint32(INIT_CONNECTION_ID);
  writer.writeInt32(0);
  writer.writeInt32(info.apiId);
  writer.writeString(info.deviceModel);
  writer.writeString(info.systemVersion);
  writer.writeString(info.appVersion);
  writer.writeString(info.systemLangCode);
  writer.writeString(info.langPack);
  writer.writeString(info.langCode);
  return writer.finish();
}
