// The example of packages/core/README.md, run as written, so the README cannot drift from the API.
import { aesIgeDecrypt, aesIgeEncrypt, decodeApi, encodeApi, factorizePq, type Api } from '../src/index';

describe('README example', () => {
  it('encodes and decodes a TL object, runs AES-IGE and factorises pq', () => {
    const peer: Api.TypeInputPeer = { _: 'inputPeerUser', user_id: 42n, access_hash: -7n };
    const bytes = encodeApi(peer);
    const again = decodeApi(bytes);
    expect(again._ === 'inputPeerUser' && again.user_id === 42n).toBe(true);

    const key = new Uint8Array(32).fill(1);
    const iv = new Uint8Array(32).fill(2);
    const secret = aesIgeEncrypt(new TextEncoder().encode('sixteen byte msg'), key, iv);
    expect(new TextDecoder().decode(aesIgeDecrypt(secret, key, iv))).toBe('sixteen byte msg');

    const { p, q } = factorizePq(Uint8Array.from([0x17, 0xed, 0x48, 0x94, 0x1a, 0x08, 0xf9, 0x81]));
    expect(Array.from(p)).toEqual([0x49, 0x4c, 0x55, 0x3b]);
    expect(Array.from(q)).toEqual([0x53, 0x91, 0x10, 0x73]);
  });
});
