import { aesIgeDecrypt } from '../../src/crypto/aes-ige';
import { bigIntToBytes, bytesToBigInt, modPow } from '../../src/crypto/big-integers';
import { checkDhPrimeAndGenerator, checkDhPublicValue } from '../../src/crypto/dh-checks';
import { sha1 } from '../../src/crypto/hashes';
import { computeNewNonceHash, deriveTemporaryAesKey } from '../../src/crypto/key-exchange-kdf';
import { factorizePq } from '../../src/crypto/pq-factorization';
import { rsaFingerprint } from '../../src/crypto/rsa-public-key';
import { rsaLegacyEncrypt } from '../../src/crypto/rsa-legacy';
import { LATER_SAMPLE, SAMPLE, toHex } from './sample-vectors';

// Replays core.telegram.org/mtproto/samples-auth_key step by step with this module's pieces.
describe('published auth key example', () => {
  const sampleKey = { n: SAMPLE.modulus, e: 65537n };

  it('factors pq into the published p and q', () => {
    const { p, q } = factorizePq(SAMPLE.pq);
    expect(toHex(p)).toBe(toHex(SAMPLE.p));
    expect(toHex(q)).toBe(toHex(SAMPLE.q));
  });

  it('computes the fingerprint of the key the example encrypts for', () => {
    expect(rsaFingerprint(sampleKey)).toBe(SAMPLE.fingerprint);
  });

  it('reproduces encrypted_data of req_DH_params with the older RSA scheme', () => {
    const innerData = SAMPLE.dataWithHash.subarray(20, 116);
    const padding = SAMPLE.dataWithHash.subarray(116);
    expect(toHex(sha1(innerData))).toBe(toHex(SAMPLE.dataWithHash.subarray(0, 20)));
    // The random source hands out exactly the padding the example used.
    const encrypted = rsaLegacyEncrypt(innerData, sampleKey, (length) => {
      expect(length).toBe(padding.length);
      return padding.slice();
    });
    expect(toHex(encrypted)).toBe(toHex(SAMPLE.encryptedData));
  });

  it('derives tmp_aes_key and tmp_aes_iv from new_nonce and server_nonce', () => {
    const { key, iv } = deriveTemporaryAesKey(SAMPLE.newNonce, SAMPLE.serverNonce);
    expect(toHex(key)).toBe(toHex(SAMPLE.tmpAesKey));
    expect(toHex(iv)).toBe(toHex(SAMPLE.tmpAesIv));
  });

  it('decrypts encrypted_answer into a hashed server_DH_inner_data with the published values', () => {
    const answerWithHash = aesIgeDecrypt(SAMPLE.encryptedAnswer, SAMPLE.tmpAesKey, SAMPLE.tmpAesIv);
    // server_DH_inner_data: id, nonce, server_nonce, g:int, dh_prime:bytes(256), g_a:bytes(256), server_time
    const answerLength = 4 + 16 + 16 + 4 + 260 + 260 + 4;
    const answer = answerWithHash.subarray(20, 20 + answerLength);
    expect(toHex(sha1(answer))).toBe(toHex(answerWithHash.subarray(0, 20)));
    expect(toHex(answer.subarray(0, 4))).toBe('BA0D89B5');
    expect(toHex(answer.subarray(4, 20))).toBe(toHex(SAMPLE.nonce));
    expect(toHex(answer.subarray(20, 36))).toBe(toHex(SAMPLE.serverNonce));
    expect(new DataView(answer.buffer, answer.byteOffset + 36, 4).getInt32(0, true)).toBe(2);
    expect(toHex(answer.subarray(44, 300))).toBe(toHex(SAMPLE.dhPrime));
    expect(toHex(answer.subarray(304, 560))).toBe(toHex(SAMPLE.gA));
    expect(toHex(answer.subarray(560, 564))).toBe(toHex(SAMPLE.serverTime));
  });

  it('checks the example dh_prime, g_a and g_b', () => {
    // The example is older than the quadratic-residue rule: its dh_prime is 3 mod 8, so g = 2 does not
    // generate the subgroup of order (p - 1) / 2 and a client following /mtproto/auth_key must refuse
    // it. Telegram now sends g = 3 with this prime (p mod 3 = 2), which passes.
    expect(() => checkDhPrimeAndGenerator(SAMPLE.dhPrime, 2)).toThrow(/g = 2 does not generate/);
    expect(() => checkDhPrimeAndGenerator(SAMPLE.dhPrime, 3)).not.toThrow();
    expect(() => checkDhPublicValue(SAMPLE.gA, SAMPLE.dhPrime, 'g_a')).not.toThrow();
    expect(() => checkDhPublicValue(SAMPLE.gB, SAMPLE.dhPrime, 'g_b')).not.toThrow();
  });

  it('computes g_b from the example b and the auth key from g_a', () => {
    const prime = bytesToBigInt(SAMPLE.dhPrime);
    const b = bytesToBigInt(SAMPLE.b);
    expect(toHex(bigIntToBytes(modPow(2n, b, prime), 256))).toBe(toHex(SAMPLE.gB));
    expect(toHex(bigIntToBytes(modPow(bytesToBigInt(SAMPLE.gA), b, prime), 256))).toBe(toHex(SAMPLE.authKey));
  });

  it('computes new_nonce_hash1 of dh_gen_ok', () => {
    expect(toHex(computeNewNonceHash(LATER_SAMPLE.newNonce, 1, LATER_SAMPLE.authKey))).toBe(
      toHex(LATER_SAMPLE.newNonceHash1),
    );
    expect(toHex(computeNewNonceHash(LATER_SAMPLE.newNonce, 2, LATER_SAMPLE.authKey))).not.toBe(
      toHex(LATER_SAMPLE.newNonceHash1),
    );
  });
});
