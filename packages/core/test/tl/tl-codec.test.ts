import { gzipSync } from 'node:zlib';
import { TlDecodeError } from '../../src/errors/tl-decode-error';
import { TlEncodeError } from '../../src/errors/tl-encode-error';
import type * as Api from '../../src/tl/generated/api-types';
import type * as Mtproto from '../../src/tl/generated/mtproto-types';
import { decodeApi, decodeApiResult, decodeMtproto, encodeApi, encodeMtproto } from '../../src/tl/tl-codec';

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function bytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
}

function gzipPacked(inner: Uint8Array): Uint8Array {
  return encodeMtproto({ _: 'gzip_packed', packed_data: new Uint8Array(gzipSync(inner)) });
}

// Compile-time checks of the result typing: each line fails `pnpm typecheck` if TlResult is wrong.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const resultTypes: [
  Same<Api.TlResult<Api.MessagesSendMessageRequest>, Api.TypeUpdates>,
  Same<Api.TlResult<Api.PhotosDeletePhotosRequest>, bigint[]>,
  Same<Api.TlResult<Api.InvokeWithLayerRequest<Api.HelpGetConfigRequest>>, Api.TypeConfig>,
  Same<
    Api.TlResult<Api.InvokeWithLayerRequest<Api.InitConnectionRequest<Api.HelpGetNearestDcRequest>>>,
    Api.TypeNearestDc
  >,
] = [true, true, true, true];

describe('API objects as exact bytes', () => {
  it('encodes inputPeerUser: id, then the two longs little-endian', () => {
    const peer: Api.InputPeerUser = { _: 'inputPeerUser', user_id: 0x0102030405060708n, access_hash: -2n };
    const expected = '4ca5e8dd' + '0807060504030201' + 'feffffffffffffff';
    expect(hex(encodeApi(peer))).toBe(expected);
    expect(decodeApi(bytes(expected))).toEqual(peer);
  });

  it('encodes flags with several optional fields and true flags (updateShortMessage)', () => {
    const update: Api.UpdateShortMessage = {
      _: 'updateShortMessage',
      out: true,
      mentioned: false,
      media_unread: false,
      silent: true,
      id: 10,
      user_id: 777n,
      message: 'hi',
      pts: 5,
      pts_count: 1,
      date: 1700000000,
      fwd_from: undefined,
      via_bot_id: 99n,
      reply_to: undefined,
      entities: [{ _: 'messageEntityBold', offset: 0, length: 2 }],
      ttl_period: undefined,
    };
    // flags: out (bit 1) | silent (bit 13) | via_bot_id (bit 11) | entities (bit 7) = 0x2882
    const expected =
      'f8c73b31' +
      '82280000' +
      '0a000000' +
      '0903000000000000' +
      '02686900' +
      '05000000' +
      '01000000' +
      '00f15365' +
      '6300000000000000' +
      ('15c4b51c01000000' + 'c90b61bd' + '00000000' + '02000000');
    expect(hex(encodeApi(update))).toBe(expected);
    expect(decodeApi(bytes(expected))).toEqual(update);
  });

  it('encodes Bool fields as boolTrue/boolFalse', () => {
    const request: Api.AccountUpdateStatusRequest = { _: 'account.updateStatus', offline: true };
    expect(hex(encodeApi(request))).toBe(hex(encodeApi({ ...request, offline: true })));
    expect(hex(encodeApi(request)).slice(8)).toBe('b5757299');
  });

  it('names the missing field of a malformed value', () => {
    const broken = { _: 'inputPeerUser', user_id: 1n } as unknown as Api.InputPeerUser;
    expect(() => encodeApi(broken)).toThrow(TlEncodeError);
    expect(() => encodeApi(broken)).toThrow(/in inputPeerUser.*undefined is not a 64-bit integer/);
    expect(() => encodeApi({ _: 'noSuchThing' } as unknown as Api.TlObject)).toThrow(
      /unknown constructor "noSuchThing"/,
    );
  });

  it('checks the compile-time result types', () => {
    expect(resultTypes).toEqual([true, true, true, true]);
  });
});

describe('results typed by their method', () => {
  it('decodes a Vector<long> result, which no untyped decoder could', () => {
    const request: Api.PhotosDeletePhotosRequest = { _: 'photos.deletePhotos', id: [] };
    const result = bytes('15c4b51c 02000000 0100000000000000 ffffffffffffff7f');
    expect(decodeApiResult(request, result)).toEqual([1n, 2n ** 63n - 1n]);
  });

  it('inflates a gzip_packed result transparently, boxed object or vector', () => {
    const request: Api.PhotosDeletePhotosRequest = { _: 'photos.deletePhotos', id: [] };
    const packedVector = gzipPacked(bytes('15c4b51c 01000000 0500000000000000'));
    expect(decodeApiResult(request, packedVector)).toEqual([5n]);
    const nearest: Api.NearestDc = { _: 'nearestDc', country: 'NL', this_dc: 2, nearest_dc: 4 };
    const wrapped: Api.InvokeWithLayerRequest<Api.HelpGetNearestDcRequest> = {
      _: 'invokeWithLayer',
      layer: 227,
      query: { _: 'help.getNearestDc' },
    };
    expect(decodeApiResult(wrapped, gzipPacked(encodeApi(nearest)))).toEqual(nearest);
    expect(decodeApi(gzipPacked(encodeApi(nearest)))).toEqual(nearest);
  });

  it('enforces the inflate cap on packed results', () => {
    const users = Array.from({ length: 2000 }, (_, index) => ({
      _: 'userEmpty' as const,
      id: BigInt(index),
    }));
    const packed = gzipPacked(encodeApi({ _: 'contacts.contacts', contacts: [], saved_count: 0, users }));
    expect(() => decodeApi(packed, { maxInflatedSize: 1000 })).toThrow(TlDecodeError);
    expect(() => decodeApi(packed, { maxInflatedSize: 1000 })).toThrow(/cap of 1000 bytes/);
  });
});

describe('MTProto objects', () => {
  it('encodes msg_container with its bare vector of bare messages, bodies from either schema', () => {
    const container: Mtproto.MsgContainer = {
      _: 'msg_container',
      messages: [
        { _: 'message', msg_id: 1n, seqno: 2, bytes: 16, body: { _: 'pong', msg_id: 3n, ping_id: 4n } },
        { _: 'message', msg_id: 5n, seqno: 6, bytes: 4, body: { _: 'inputPeerSelf' } },
      ],
    };
    const expected =
      'dcf8f173' +
      '02000000' +
      ('0100000000000000' + '02000000' + '10000000' + 'c5737734' + '0300000000000000' + '0400000000000000') +
      ('0500000000000000' + '06000000' + '04000000' + 'c97ea07d');
    expect(hex(encodeMtproto(container))).toBe(expected);
    expect(decodeMtproto(bytes(expected))).toEqual(container);
  });

  it('keeps MTProto names apart from API names (rpc_error vs the API error type)', () => {
    const rpcError = encodeMtproto({ _: 'rpc_error', error_code: 420, error_message: 'FLOOD_WAIT_3' });
    expect(hex(rpcError.subarray(0, 4))).toBe('19ca4421');
    expect(decodeMtproto(rpcError)).toEqual({
      _: 'rpc_error',
      error_code: 420,
      error_message: 'FLOOD_WAIT_3',
    });
  });
});

describe('decoding failures', () => {
  it('names an unknown constructor id in hex', () => {
    expect(() => decodeApi(bytes('efbeadde'))).toThrow(/unknown constructor 0xdeadbeef/);
  });

  it('reports trailing bytes after a whole value', () => {
    expect(() => decodeApi(bytes('c97ea07d 00000000'))).toThrow(/4 unexpected bytes/);
  });

  it('fails fast on a vector claiming two billion users', () => {
    const encoded = encodeApi({ _: 'contacts.contacts', contacts: [], saved_count: 0, users: [] });
    const huge = encoded.slice();
    // The users vector's count is the last word.
    new DataView(huge.buffer).setInt32(huge.length - 4, 0x7fffffff, true);
    expect(() => decodeApi(huge)).toThrow(/2147483647 elements cannot fit/);
  });

  it('turns nesting deeper than the stack into a TlDecodeError', () => {
    // textBold#6724abc4 text:RichText, nested 200 000 times, then textEmpty#dc3d824f.
    const depth = 200_000;
    const deep = new Uint8Array(depth * 4 + 4);
    const view = new DataView(deep.buffer);
    for (let index = 0; index < depth; index++) view.setUint32(index * 4, 0x6724abc4, true);
    view.setUint32(depth * 4, 0xdc3d824f, true);
    expect(() => decodeApi(deep)).toThrow(/nested too deeply/);
  });
});
