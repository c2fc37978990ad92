import { AuthKeyExchangeClient } from '../../src/auth/auth-key-exchange-client';
import { decodePlainMessage, encodePlainMessage } from '../../src/auth/plain-message';
import { aesIgeDecrypt } from '../../src/crypto/aes-ige';
import { bytesToBigInt } from '../../src/crypto/big-integers';
import { ManualClock } from '../../src/crypto/clock';
import { checkDhPrimeAndGenerator } from '../../src/crypto/dh-checks';
import { computeNewNonceHash } from '../../src/crypto/key-exchange-kdf';
import type { RandomSource } from '../../src/crypto/random-source';
import { SecurityError } from '../../src/errors/security-error';
import { decodeMtproto, encodeMtproto } from '../../src/tl/tl-codec';
import { hex, SAMPLE, toHex } from '../crypto/sample-vectors';

// Replays core.telegram.org/mtproto/samples-auth_key (the version with nonce 3E0549828CCA27E9...)
// through AuthKeyExchangeClient, feeding it the example's randomness and server messages.

/** encrypted_data of the example's set_client_DH_params (client_DH_inner_data with retry_id 0). */
const SAMPLE_CLIENT_DH_ENCRYPTED_DATA = hex(
  '928A4957D0463B525C1CC48AABAA030A256BE5C746792C84CA4C5A0DF60AC799048D98A38A8480EDCF082214DFC79DCB' +
    '9EE34E206513E2B3BC1504CFE6C9ADA46BF9A03CA74F192EAF8C278454ADABC795A566615462D31817382984039505F7' +
    '1CB33A41E2527A4B1AC05107872FED8E3ABCEE1518AE965B0ED3AED7F67479155BDA8E4C286B64CDF123EC748CF289B1' +
    'DB02D1907B562DF462D8582BA6F0A3022DC2D3504D69D1BA48B677E3A830BFAFD67584C8AA24E1344A8904E305F9587C' +
    '92EF964F0083F50F61EAB4A393EAA33C9270294AEDC7732891D4EA1599F52311D74469D2112F4EDF3F342E93C8E87E81' +
    '2DC3989BAECFE6740A46077524C75093F5A5405736DE8937BB6E42C9A0DCF22CA53227D462BCCC2CFE94B6FE86AB7FBF' +
    'A395021F66661AF7C0024CA2986CA03F3476905407D1EA9C010B763258DB1AA2CC7826D91334EFC1FDC665B67FE45ED0',
);
/** The example's server message ids (resPQ, server_DH_params_ok); dh_gen_ok gets the next odd one. */
const SERVER_MESSAGE_IDS = [0x51e57ac91e83c801n, 0x51e57acb2bc3e801n, 0x51e57acc1b3e8801n];
const SERVER_TIME = new DataView(SAMPLE.serverTime.buffer).getInt32(0, true);

/**
 * The example's random bytes in the order the client asks for them: nonce, new_nonce, the older RSA
 * scheme's padding, b, and the padding after client_DH_inner_data (recovered from the example's
 * encrypted_data). Each request must have the length the example used.
 */
function sampleRandomness(): RandomSource {
  const answerPadding = aesIgeDecrypt(
    SAMPLE_CLIENT_DH_ENCRYPTED_DATA,
    SAMPLE.tmpAesKey,
    SAMPLE.tmpAesIv,
  ).slice(20 + 304);
  const chunks = [SAMPLE.nonce, SAMPLE.newNonce, SAMPLE.dataWithHash.subarray(116), SAMPLE.b, answerPadding];
  return (length) => {
    const next = chunks.shift();
    if (next === undefined) throw new Error(`the example has no more random bytes (asked for ${length})`);
    if (next.length !== length)
      throw new Error(`asked for ${length} random bytes, the example used ${next.length}`);
    return next.slice();
  };
}

const sampleKey = { n: SAMPLE.modulus, e: 65537n };

function serverMessage(index: number, value: Parameters<typeof encodeMtproto>[0]): Uint8Array {
  return encodePlainMessage(SERVER_MESSAGE_IDS[index]!, encodeMtproto(value));
}

const resPq = serverMessage(0, {
  _: 'resPQ',
  nonce: SAMPLE.nonce,
  server_nonce: SAMPLE.serverNonce,
  pq: SAMPLE.pq,
  server_public_key_fingerprints: [BigInt.asIntN(64, SAMPLE.fingerprint)],
});
const serverDhParams = serverMessage(1, {
  _: 'server_DH_params_ok',
  nonce: SAMPLE.nonce,
  server_nonce: SAMPLE.serverNonce,
  encrypted_answer: SAMPLE.encryptedAnswer,
});

/** The example's g = 2 fails the generator rule for its prime; everything else is still checked. */
function exampleDhCheck(dhPrime: bigint, g: number): void {
  expect(g).toBe(2);
  expect(() => checkDhPrimeAndGenerator(dhPrime, g)).toThrow(/g = 2 does not generate/);
  // Same prime with a generator that suits it: runs the 2048-bit and safe-prime checks for real.
  checkDhPrimeAndGenerator(dhPrime, 3);
}

function createClient(checkDhParameters?: (dhPrime: bigint, g: number) => void): AuthKeyExchangeClient {
  return new AuthKeyExchangeClient({
    dcId: 2,
    publicKeys: [sampleKey],
    rsaScheme: 'legacy',
    legacyInnerData: true,
    random: sampleRandomness(),
    clock: new ManualClock((SERVER_TIME - 3) * 1000),
    ...(checkDhParameters === undefined ? {} : { checkDhParameters }),
  });
}

describe('AuthKeyExchangeClient replaying the published example', () => {
  it('sends the example nonce in req_pq_multi', () => {
    const request = decodePlainMessage(createClient().start());
    expect(decodeMtproto(request.data)).toEqual({ _: 'req_pq_multi', nonce: SAMPLE.nonce });
    expect(request.messageId % 4n).toBe(0n);
  });

  it('reproduces req_DH_params with the older RSA scheme', () => {
    const client = createClient();
    client.start();
    const output = client.receive(resPq);
    expect(output.kind).toBe('send');
    if (output.kind !== 'send') return;
    const request = decodeMtproto(decodePlainMessage(output.message).data);
    expect(request).toEqual({
      _: 'req_DH_params',
      nonce: SAMPLE.nonce,
      server_nonce: SAMPLE.serverNonce,
      p: SAMPLE.p,
      q: SAMPLE.q,
      public_key_fingerprint: BigInt.asIntN(64, SAMPLE.fingerprint),
      encrypted_data: SAMPLE.encryptedData,
    });
  });

  it('refuses the example g = 2 under the default dh_prime and g check', () => {
    const client = createClient();
    client.start();
    client.receive(resPq);
    expect(() => client.receive(serverDhParams)).toThrow(SecurityError);
    expect(() => client.receive(serverDhParams)).toThrow(/out of order|phase failed/);
  });

  it('with only the generator rule waived, reproduces set_client_DH_params and the auth key', () => {
    const client = createClient(exampleDhCheck);
    client.start();
    client.receive(resPq);
    const output = client.receive(serverDhParams);
    if (output.kind !== 'send') throw new Error('expected set_client_DH_params');
    const request = decodeMtproto(decodePlainMessage(output.message).data);
    expect(request._).toBe('set_client_DH_params');
    if (request._ !== 'set_client_DH_params') return;
    expect(toHex(request.nonce)).toBe(toHex(SAMPLE.nonce));
    expect(toHex(request.server_nonce)).toBe(toHex(SAMPLE.serverNonce));
    expect(toHex(request.encrypted_data)).toBe(toHex(SAMPLE_CLIENT_DH_ENCRYPTED_DATA));
    // The same bytes decrypt to the example's g_b, so the match is not an artefact of the padding.
    const plain = aesIgeDecrypt(request.encrypted_data, SAMPLE.tmpAesKey, SAMPLE.tmpAesIv);
    expect(toHex(plain.subarray(20 + 48, 20 + 48 + 256))).toBe(toHex(SAMPLE.gB));

    const dhGenOk = serverMessage(2, {
      _: 'dh_gen_ok',
      nonce: SAMPLE.nonce,
      server_nonce: SAMPLE.serverNonce,
      new_nonce_hash1: computeNewNonceHash(SAMPLE.newNonce, 1, SAMPLE.authKey),
    });
    const done = client.receive(dhGenOk);
    if (done.kind !== 'done') throw new Error('expected the key');
    expect(toHex(done.result.authKey)).toBe(toHex(SAMPLE.authKey));
    const salt = SAMPLE.newNonce.subarray(0, 8).map((byte, index) => byte ^ SAMPLE.serverNonce[index]!);
    expect(toHex(done.result.serverSalt)).toBe(toHex(salt));
    expect(done.result.serverTime).toBe(SERVER_TIME);
    expect(done.result.timeOffset).toBe(3);
    expect(done.result.temporary).toBe(false);
    expect(done.result.expiresAt).toBeUndefined();
    expect(bytesToBigInt(done.result.authKeyId)).not.toBe(0n);
  });

  it('a waiver that rejects the prime still stops the exchange', () => {
    const client = createClient(() => {
      throw new SecurityError('dh_prime is not a safe prime');
    });
    client.start();
    client.receive(resPq);
    expect(() => client.receive(serverDhParams)).toThrow(/not a safe prime/);
  });

  it('rejects dh_gen_ok whose new_nonce_hash1 is not for this key', () => {
    const client = createClient(exampleDhCheck);
    client.start();
    client.receive(resPq);
    client.receive(serverDhParams);
    const wrongHash = computeNewNonceHash(SAMPLE.newNonce, 2, SAMPLE.authKey);
    const forged = serverMessage(2, {
      _: 'dh_gen_ok',
      nonce: SAMPLE.nonce,
      server_nonce: SAMPLE.serverNonce,
      new_nonce_hash1: wrongHash,
    });
    expect(() => client.receive(forged)).toThrow(/new_nonce_hash1 does not match/);
  });
});
