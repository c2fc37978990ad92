/**
 * TL pieces of the auth key exchange (core.telegram.org/mtproto/auth_key) that both roles share:
 * decoding with every failure turned into a SecurityError, the two constructors the current schema no
 * longer lists (req_pq and the plain p_q_inner_data, which old clients and the published example still
 * send), and the "SHA1(data) + data + padding" framing of server_DH_inner_data and
 * client_DH_inner_data before AES-IGE.
 */
import { timingSafeEqual } from 'node:crypto';
import { SecurityError } from '../errors/security-error';
import { sha1 } from '../crypto/hashes';
import type { RandomSource } from '../crypto/random-source';
import { TlReader } from '../tl/binary/tl-reader';
import { TlWriter } from '../tl/binary/tl-writer';
import { readMtprotoAnyObject } from '../tl/generated/mtproto-codec';
import type * as Mtproto from '../tl/generated/mtproto-types';
import { encodeMtproto } from '../tl/tl-codec';

/** `req_pq#60469778 nonce:int128 = ResPQ;`, the request req_pq_multi replaced. */
export const REQ_PQ_ID = 0x60469778;
/** `p_q_inner_data#83c95aec pq:bytes p:bytes q:bytes nonce:int128 server_nonce:int128 new_nonce:int256`. */
export const LEGACY_PQ_INNER_DATA_ID = 0x83c95aec;

/** The old req_pq, written and read by hand because the schema dropped it. */
export interface LegacyReqPq {
  readonly _: 'req_pq';
  readonly nonce: Uint8Array;
}

/** The plain p_q_inner_data (no dc), written and read by hand for the same reason. */
export interface LegacyPqInnerData {
  readonly _: 'p_q_inner_data';
  readonly pq: Uint8Array;
  readonly p: Uint8Array;
  readonly q: Uint8Array;
  readonly nonce: Uint8Array;
  readonly server_nonce: Uint8Array;
  readonly new_nonce: Uint8Array;
}

/** Any p_q_inner_data a client may send. */
export type AnyPqInnerData = Mtproto.PQInnerDataDc | Mtproto.PQInnerDataTempDc | LegacyPqInnerData;

/** A request the server side of the exchange accepts. */
export type KeyExchangeRequest =
  Mtproto.ReqPqMultiRequest | LegacyReqPq | Mtproto.ReqDHParamsRequest | Mtproto.SetClientDHParamsRequest;

/** Serializes req_pq (only for tests and old-client emulation; clients send req_pq_multi). */
export function encodeLegacyReqPq(nonce: Uint8Array): Uint8Array {
  const writer = new TlWriter(20);
  writer.writeUint32(REQ_PQ_ID);
  writer.writeInt128(nonce);
  return writer.finish();
}

/** Serializes any p_q_inner_data, the plain one by hand. */
export function encodePqInnerData(value: AnyPqInnerData): Uint8Array {
  if (value._ !== 'p_q_inner_data') return encodeMtproto(value);
  const writer = new TlWriter(128);
  writer.writeUint32(LEGACY_PQ_INNER_DATA_ID);
  writer.writeBytes(value.pq);
  writer.writeBytes(value.p);
  writer.writeBytes(value.q);
  writer.writeInt128(value.nonce);
  writer.writeInt128(value.server_nonce);
  writer.writeInt256(value.new_nonce);
  return writer.finish();
}

/** Runs `read` and reports any decoding failure as a SecurityError about `what`. */
function decodeOrReject<T>(what: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (SecurityError.isInstance(error)) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new SecurityError(`malformed ${what}: ${detail}`, { cause: error });
  }
}

/**
 * Decodes one MTProto object filling `data` exactly and checks it is one of `expected`; anything
 * else (garbage, another constructor, trailing bytes) is a SecurityError.
 */
export function decodeExpected<K extends Mtproto.TlAnyObject['_']>(
  data: Uint8Array,
  expected: readonly K[],
  what: string,
): Extract<Mtproto.TlAnyObject, { _: K }> {
  return decodeOrReject(what, () => {
    const reader = new TlReader(data);
    const value = readMtprotoAnyObject(reader);
    reader.expectEnd();
    if (!(expected as readonly string[]).includes(value._)) {
      throw new SecurityError(`expected ${what} (${expected.join(' or ')}), got ${value._}`);
    }
    return value as Extract<Mtproto.TlAnyObject, { _: K }>;
  });
}

/** Decodes a request sent to the server side of the exchange, including the old req_pq. */
export function decodeKeyExchangeRequest(data: Uint8Array): KeyExchangeRequest {
  return decodeOrReject('key exchange request', () => {
    const reader = new TlReader(data);
    if (reader.peekUint32() === REQ_PQ_ID) {
      reader.readUint32();
      const nonce = reader.readInt128();
      reader.expectEnd();
      return { _: 'req_pq', nonce };
    }
    return decodeExpected(
      data,
      ['req_pq_multi', 'req_DH_params', 'set_client_DH_params'],
      'key exchange request',
    );
  });
}

/**
 * Reads the p_q_inner_data at the start of `payload` (followed by padding) and returns it with its
 * length, which the older RSA scheme needs to know where the hashed data ends.
 */
export function readPqInnerData(payload: Uint8Array): { value: AnyPqInnerData; length: number } {
  return decodeOrReject('p_q_inner_data', () => {
    const reader = new TlReader(payload);
    if (reader.peekUint32() === LEGACY_PQ_INNER_DATA_ID) {
      reader.readUint32();
      const value: LegacyPqInnerData = {
        _: 'p_q_inner_data',
        pq: reader.readBytes(),
        p: reader.readBytes(),
        q: reader.readBytes(),
        nonce: reader.readInt128(),
        server_nonce: reader.readInt128(),
        new_nonce: reader.readInt256(),
      };
      return { value, length: reader.position };
    }
    const value = readMtprotoAnyObject(reader);
    if (value._ !== 'p_q_inner_data_dc' && value._ !== 'p_q_inner_data_temp_dc') {
      throw new SecurityError(`encrypted_data holds ${value._}, not a p_q_inner_data`);
    }
    return { value, length: reader.position };
  });
}

/** SHA1(data) + data + 0..15 random bytes, a multiple of 16 long: what AES-IGE encrypts in steps 5 and 6. */
export function frameWithHash(data: Uint8Array, random: RandomSource): Uint8Array {
  const unpadded = 20 + data.length;
  const paddingLength = (16 - (unpadded % 16)) % 16;
  const out = new Uint8Array(unpadded + paddingLength);
  out.set(sha1(data));
  out.set(data, 20);
  if (paddingLength > 0) out.set(random(paddingLength), unpadded);
  return out;
}

/**
 * The inverse of {@link frameWithHash}: reads the object after the hash with `read`, then checks the
 * SHA1 over exactly the bytes it took and that no more than 15 bytes of padding follow.
 */
export function unframeWithHash<T>(decrypted: Uint8Array, what: string, read: (reader: TlReader) => T): T {
  if (decrypted.length < 20) throw new SecurityError(`${what}: ${decrypted.length} bytes cannot hold a hash`);
  const body = decrypted.subarray(20);
  const { value, length } = decodeOrReject(what, () => {
    const reader = new TlReader(body);
    const value = read(reader);
    return { value, length: reader.position };
  });
  if (!bytesEqual(sha1(body.subarray(0, length)), decrypted.subarray(0, 20))) {
    throw new SecurityError(`${what}: SHA1 does not match (wrong key or tampered)`);
  }
  if (body.length - length > 15) {
    throw new SecurityError(`${what}: ${body.length - length} bytes of padding, at most 15 allowed`);
  }
  return value;
}

/** Reads one boxed MTProto object and checks its constructor. */
export function readExpected<K extends Mtproto.TlAnyObject['_']>(
  reader: TlReader,
  name: K,
): Extract<Mtproto.TlAnyObject, { _: K }> {
  const value = readMtprotoAnyObject(reader);
  if (value._ !== name) throw new SecurityError(`expected ${name}, got ${value._}`);
  return value as Extract<Mtproto.TlAnyObject, { _: K }>;
}

/** Constant-time equality of two byte strings (false when the lengths differ). */
export function bytesEqual(left: Uint8Array, right: Uint8Array): boolean {
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The signed TL `long` whose little-endian wire form is these 8 bytes (auth_key_id, salts). */
export function longFromWireBytes(bytes: Uint8Array): bigint {
  if (bytes.length !== 8) throw new RangeError(`a long is 8 bytes, got ${bytes.length}`);
  return new DataView(bytes.buffer, bytes.byteOffset, 8).getBigInt64(0, true);
}

/** The 8 little-endian wire bytes of a TL `long`. */
export function wireBytesFromLong(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigInt64(0, BigInt.asIntN(64, value), true);
  return out;
}
