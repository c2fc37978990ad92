import { AuthKeyExchangeClient } from '../../src/auth/auth-key-exchange-client';
import {
  AuthKeyExchangeServer,
  type AuthKeyExchangeServerOptions,
} from '../../src/auth/auth-key-exchange-server';
import {
  encodePqInnerData,
  frameWithHash,
  readPqInnerData,
  type AnyPqInnerData,
} from '../../src/auth/key-exchange-messages';
import { decodePlainMessage, encodePlainMessage } from '../../src/auth/plain-message';
import { aesIgeDecrypt, aesIgeEncrypt } from '../../src/crypto/aes-ige';
import { bigIntToBytes, bytesToBigInt, modPow } from '../../src/crypto/big-integers';
import { ManualClock } from '../../src/crypto/clock';
import { TELEGRAM_DH_PRIME } from '../../src/crypto/dh-checks';
import { sha1 } from '../../src/crypto/hashes';
import { deriveTemporaryAesKey } from '../../src/crypto/key-exchange-kdf';
import { factorizePq } from '../../src/crypto/pq-factorization';
import { createSeededRandomSource } from '../../src/crypto/random-source';
import {
  generateRsaKeyPair,
  parseRsaPrivateKeyPem,
  type RsaKeyPair,
  type RsaPrivateKey,
} from '../../src/crypto/rsa-private-key';
import { rsaPadDecrypt, rsaPadEncrypt } from '../../src/crypto/rsa-pad';
import { AuthKeyError } from '../../src/errors/auth-key-error';
import { SecurityError } from '../../src/errors/security-error';
import type * as Mtproto from '../../src/tl/generated/mtproto-types';
import { decodeMtproto, encodeMtproto } from '../../src/tl/tl-codec';

const NOW = 1_700_000_000_000;
let keyPair: RsaKeyPair;
let privateKey: RsaPrivateKey;

beforeAll(() => {
  keyPair = generateRsaKeyPair();
  privateKey = parseRsaPrivateKeyPem(keyPair.privateKeyPem);
});

/** Checks that `action` throws a SecurityError whose message matches `message`. */
function expectSecurityError(action: () => unknown, message: RegExp): void {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(SecurityError.isInstance(thrown)).toBe(true);
  expect((thrown as Error).message).toMatch(message);
}

function decodeAnswer(message: Uint8Array): Mtproto.TlAnyObject {
  return decodeMtproto(decodePlainMessage(message).data);
}

/**
 * A client built by hand from the protocol's pieces, so a test can send the server exactly the
 * wrong thing it wants to try.
 */
class HandDrivenClient {
  readonly server: AuthKeyExchangeServer;
  readonly random = createSeededRandomSource('hand-driven');
  readonly nonce = this.random(16);
  readonly newNonce = this.random(32);
  readonly b = bytesToBigInt(this.random(256));
  private messageId = 0n;
  resPq!: Mtproto.ResPQ;
  inner!: Mtproto.ServerDHInnerData;

  constructor(options: Partial<AuthKeyExchangeServerOptions> = {}) {
    this.server = new AuthKeyExchangeServer({
      privateKeys: [privateKey],
      random: createSeededRandomSource('hostile/server'),
      clock: new ManualClock(NOW),
      ...options,
    });
  }

  send(value: Mtproto.TlAnyObject, messageId = (this.messageId += 4n)): Mtproto.TlAnyObject {
    return decodeAnswer(this.server.receive(encodePlainMessage(messageId, encodeMtproto(value))).message);
  }

  requestPq(): this {
    const answer = this.send({ _: 'req_pq_multi', nonce: this.nonce });
    if (answer._ !== 'resPQ') throw new Error(`expected resPQ, got ${answer._}`);
    this.resPq = answer;
    return this;
  }

  innerData(changes: Partial<Mtproto.PQInnerDataDc> = {}): Mtproto.PQInnerDataDc {
    const { p, q } = this.factors();
    return {
      _: 'p_q_inner_data_dc',
      pq: this.resPq.pq,
      p,
      q,
      nonce: this.nonce,
      server_nonce: this.resPq.server_nonce,
      new_nonce: this.newNonce,
      dc: 2,
      ...changes,
    };
  }

  requestDhParams(
    changes: Partial<Mtproto.ReqDHParamsRequest> = {},
    inner: AnyPqInnerData | Uint8Array = this.innerData(),
  ): Mtproto.TlAnyObject {
    const { p, q } = this.factors();
    const data = inner instanceof Uint8Array ? inner : encodePqInnerData(inner);
    return this.send({
      _: 'req_DH_params',
      nonce: this.nonce,
      server_nonce: this.resPq.server_nonce,
      p,
      q,
      public_key_fingerprint: BigInt.asIntN(64, keyPair.fingerprint),
      encrypted_data: rsaPadEncrypt(data, keyPair.publicKey, this.random),
      ...changes,
    });
  }

  /** Runs req_pq_multi and req_DH_params properly and opens server_DH_inner_data. */
  ready(): this {
    this.requestPq();
    const answer = this.requestDhParams();
    if (answer._ !== 'server_DH_params_ok') throw new Error(`expected server_DH_params_ok, got ${answer._}`);
    const { key, iv } = this.temporaryKey();
    const plain = aesIgeDecrypt(answer.encrypted_answer, key, iv);
    const inner = decodeMtproto(plain.subarray(20, 20 + 564));
    if (inner._ !== 'server_DH_inner_data') throw new Error('expected server_DH_inner_data');
    this.inner = inner;
    return this;
  }

  clientDhParams(
    changes: { gB?: bigint; retryId?: bigint; tamper?: (encrypted: Uint8Array) => void } = {},
  ): Mtproto.TlAnyObject {
    const prime = bytesToBigInt(this.inner.dh_prime);
    const gB = changes.gB ?? modPow(BigInt(this.inner.g), this.b, prime);
    const data = encodeMtproto({
      _: 'client_DH_inner_data',
      nonce: this.nonce,
      server_nonce: this.resPq.server_nonce,
      retry_id: changes.retryId ?? 0n,
      g_b: bigIntToBytes(gB, 256),
    });
    const { key, iv } = this.temporaryKey();
    const encrypted = aesIgeEncrypt(frameWithHash(data, this.random), key, iv);
    changes.tamper?.(encrypted);
    return this.send({
      _: 'set_client_DH_params',
      nonce: this.nonce,
      server_nonce: this.resPq.server_nonce,
      encrypted_data: encrypted,
    });
  }

  private factors(): { p: Uint8Array; q: Uint8Array } {
    return factorizePq(this.resPq.pq);
  }

  private temporaryKey(): { key: Uint8Array; iv: Uint8Array } {
    return deriveTemporaryAesKey(this.newNonce, this.resPq.server_nonce);
  }
}

describe('AuthKeyExchangeServer against hostile clients', () => {
  it('the hand-driven client completes an honest exchange (the baseline of the cases below)', () => {
    const answer = new HandDrivenClient().ready().clientDhParams();
    expect(answer._).toBe('dh_gen_ok');
  });

  it.each([
    ['a wrong nonce', { nonce: new Uint8Array(16) }, /nonce does not match/],
    ['a wrong server_nonce', { server_nonce: new Uint8Array(16) }, /server_nonce does not match/],
    ['wrong p and q', { p: Uint8Array.of(2), q: Uint8Array.of(3) }, /not the factors/],
    ['an unknown fingerprint', { public_key_fingerprint: 12345n }, /not one of our keys/],
    ['garbage encrypted_data', { encrypted_data: Uint8Array.of(1, 2, 3) }, /neither RSA_PAD/],
  ] as const)('rejects req_DH_params with %s', (_name, changes, message) => {
    const client = new HandDrivenClient().requestPq();
    expectSecurityError(() => client.requestDhParams(changes), message);
    // A failed check ends the exchange: even a correct request is refused afterwards.
    expectSecurityError(() => client.requestDhParams(), /out of order/);
  });

  it('rejects 256 random bytes as encrypted_data', () => {
    const client = new HandDrivenClient().requestPq();
    const random = createSeededRandomSource('noise');
    const noise = random(256);
    noise[0] = 0x01;
    expect(() => client.requestDhParams({ encrypted_data: noise })).toThrow(/neither RSA_PAD/);
  });

  it.each([
    ['another nonce', { nonce: new Uint8Array(16).fill(7) }, /p_q_inner_data_dc: nonce/],
    ['another server_nonce', { server_nonce: new Uint8Array(16).fill(7) }, /server_nonce does not match/],
    ['another pq', { pq: Uint8Array.of(0x0f) }, /pq, p and q/],
  ] as const)('rejects p_q_inner_data with %s', (_name, changes, message) => {
    const client = new HandDrivenClient().requestPq();
    expectSecurityError(() => client.requestDhParams({}, client.innerData(changes)), message);
  });

  it('rejects a temporary key with expires_in 0 and an object that is not p_q_inner_data', () => {
    const temporary = new HandDrivenClient().requestPq();
    const inner = { ...temporary.innerData(), _: 'p_q_inner_data_temp_dc' as const, expires_in: 0 };
    expect(() => temporary.requestDhParams({}, inner)).toThrow(/expires_in must be positive/);
    const other = new HandDrivenClient().requestPq();
    const notInner = encodeMtproto({ _: 'req_pq_multi', nonce: other.nonce });
    expect(() => other.requestDhParams({}, notInner)).toThrow(/not a p_q_inner_data/);
  });

  it('rejects p_q_inner_data_dc for another dc when one is expected, accepts the older one without dc', () => {
    const client = new HandDrivenClient({ expectedDcId: 4 }).requestPq();
    expect(() => client.requestDhParams()).toThrow(/not for dc 4/);
    // p_q_inner_data names no dc; Telegram still accepts it (GramJS sends nothing else).
    const plain = new HandDrivenClient({ expectedDcId: 4 }).requestPq();
    const { dc: _dc, ...withoutDc } = plain.innerData();
    expect(plain.requestDhParams({}, { ...withoutDc, _: 'p_q_inner_data' })._).toBe('server_DH_params_ok');
    const right = new HandDrivenClient({ expectedDcId: 4 }).requestPq();
    expect(right.requestDhParams({}, right.innerData({ dc: 4 }))._).toBe('server_DH_params_ok');
  });

  it.each([
    [
      'a flipped ciphertext byte',
      { tamper: (bytes: Uint8Array) => void (bytes[40]! ^= 1) },
      /SHA1 does not match/,
    ],
    ['g_b = 1', { gB: 1n }, /g_b must lie strictly between/],
    ['g_b = dh_prime - 1', { gB: TELEGRAM_DH_PRIME - 1n }, /g_b must lie strictly between/],
    ['a small g_b', { gB: 2n }, /g_b must lie in/],
    ['retry_id not 0 on the first attempt', { retryId: 5n }, /retry_id 5 is not the expected 0/],
  ] as const)('rejects set_client_DH_params with %s', (_name, changes, message) => {
    const client = new HandDrivenClient().ready();
    expectSecurityError(() => client.clientDhParams(changes), message);
  });

  it('rejects a retry whose retry_id is not the aux hash of the refused key', () => {
    let calls = 0;
    const client = new HandDrivenClient({ isAuthKeyIdTaken: () => ++calls === 1 }).ready();
    expect(client.clientDhParams()._).toBe('dh_gen_retry');
    expect(() => client.clientDhParams({ retryId: 0n })).toThrow(/retry_id 0 is not the expected/);
  });

  it('rejects messages out of order and replays', () => {
    const early = new HandDrivenClient();
    expect(() =>
      early.send({
        _: 'set_client_DH_params',
        nonce: early.nonce,
        server_nonce: early.nonce,
        encrypted_data: new Uint8Array(16),
      }),
    ).toThrow(/out of order/);

    const twice = new HandDrivenClient().requestPq();
    expect(() => twice.send({ _: 'req_pq_multi', nonce: twice.nonce })).toThrow(/out of order/);

    const finished = new HandDrivenClient().ready();
    expect(finished.clientDhParams()._).toBe('dh_gen_ok');
    expect(() => finished.clientDhParams()).toThrow(/out of order/);

    const replayed = new HandDrivenClient();
    replayed.send({ _: 'req_pq_multi', nonce: replayed.nonce }, 100n);
    expect(() => replayed.send({ _: 'req_pq_multi', nonce: replayed.nonce }, 100n)).toThrow(
      /does not increase/,
    );
  });

  it('rejects a server-kind msg_id, garbage, truncated and keyed frames', () => {
    const client = new HandDrivenClient();
    expect(() => client.send({ _: 'req_pq_multi', nonce: client.nonce }, 5n)).toThrow(/not a client's/);
    const server = () => new HandDrivenClient().server;
    expect(() => server().receive(encodePlainMessage(4n, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8)))).toThrow(
      /malformed key exchange request/,
    );
    const request = encodePlainMessage(4n, encodeMtproto({ _: 'req_pq_multi', nonce: client.nonce }));
    expect(() => server().receive(request.subarray(0, 30))).toThrow(SecurityError);
    const keyed = request.slice();
    keyed[0] = 9;
    expect(() => server().receive(keyed)).toThrow(/non-zero auth_key_id/);
    const pingInPlain = encodePlainMessage(4n, encodeMtproto({ _: 'ping', ping_id: 1n }));
    expect(() => server().receive(pingInPlain)).toThrow(/expected key exchange request/);
  });

  it('answers random frames only with SecurityError, at every phase', () => {
    const random = createSeededRandomSource('fuzz');
    for (let round = 0; round < 60; round++) {
      const client = new HandDrivenClient();
      if (round % 3 >= 1) client.requestPq();
      if (round % 3 === 2) client.requestDhParams();
      const body = random(random(1)[0]! % 64);
      if (body.length >= 4 && round % 2 === 0)
        body.set(encodeMtproto({ _: 'req_pq_multi', nonce: client.nonce }).subarray(0, 4));
      let thrown: unknown;
      try {
        client.server.receive(encodePlainMessage(4000n, body));
      } catch (error) {
        thrown = error;
      }
      expect(SecurityError.isInstance(thrown)).toBe(true);
    }
  });
});

/** A server built by hand: answers the real client with whatever a test wants. */
function openRequestDhParams(message: Uint8Array): {
  request: Mtproto.ReqDHParamsRequest;
  newNonce: Uint8Array;
} {
  const request = decodeAnswer(message);
  if (request._ !== 'req_DH_params') throw new Error('expected req_DH_params');
  return {
    request,
    newNonce: readPqInnerData(rsaPadDecrypt(request.encrypted_data, privateKey)).value.new_nonce,
  };
}

describe('AuthKeyExchangeClient against hostile servers', () => {
  const serverNonce = new Uint8Array(16).fill(0x5a);
  let serverMessageId = 1n;
  const fromServer = (value: Mtproto.TlAnyObject, messageId = (serverMessageId += 4n)): Uint8Array =>
    encodePlainMessage(messageId, encodeMtproto(value));

  function newClient(): { client: AuthKeyExchangeClient; nonce: Uint8Array } {
    const client = new AuthKeyExchangeClient({
      dcId: 2,
      publicKeys: [keyPair.publicKey],
      random: createSeededRandomSource('hostile/client'),
      clock: new ManualClock(NOW),
    });
    const request = decodeAnswer(client.start());
    if (request._ !== 'req_pq_multi') throw new Error('expected req_pq_multi');
    return { client, nonce: request.nonce };
  }

  function resPq(nonce: Uint8Array, changes: Partial<Mtproto.ResPQ> = {}): Uint8Array {
    return fromServer({
      _: 'resPQ',
      nonce,
      server_nonce: serverNonce,
      pq: bigIntToBytes(1_000_000_007n * 998_244_353n),
      server_public_key_fingerprints: [1n, BigInt.asIntN(64, keyPair.fingerprint)],
      ...changes,
    });
  }

  /** Brings a client to the point where it waits for Server_DH_Params; returns what it needs. */
  function awaitingDhParams() {
    const { client, nonce } = newClient();
    const output = client.receive(resPq(nonce));
    if (output.kind !== 'send') throw new Error('expected req_DH_params');
    const { newNonce } = openRequestDhParams(output.message);
    const { key, iv } = deriveTemporaryAesKey(newNonce, serverNonce);
    const answer = (changes: Partial<Mtproto.ServerDHInnerData> = {}): Uint8Array => {
      const inner = encodeMtproto({
        _: 'server_DH_inner_data',
        nonce,
        server_nonce: serverNonce,
        g: 3,
        dh_prime: bigIntToBytes(TELEGRAM_DH_PRIME, 256),
        g_a: bigIntToBytes(modPow(3n, 123456789n << 1900n, TELEGRAM_DH_PRIME), 256),
        server_time: NOW / 1000,
        ...changes,
      });
      return aesIgeEncrypt(frameWithHash(inner, createSeededRandomSource('pad')), key, iv);
    };
    return { client, nonce, newNonce, answer };
  }

  it('the hand-made server answer passes when honest (the baseline of the cases below)', () => {
    const { client, nonce, answer } = awaitingDhParams();
    const output = client.receive(
      fromServer({ _: 'server_DH_params_ok', nonce, server_nonce: serverNonce, encrypted_answer: answer() }),
    );
    expect(output.kind).toBe('send');
  });

  it('rejects resPQ with another nonce, no trusted key, or a prime pq', () => {
    const first = newClient();
    expect(() => first.client.receive(resPq(new Uint8Array(16)))).toThrow(/nonce does not match/);
    const second = newClient();
    expect(() =>
      second.client.receive(resPq(second.nonce, { server_public_key_fingerprints: [1n, -2n] })),
    ).toThrow(/none of the server's key fingerprints/);
    const third = newClient();
    expect(() => third.client.receive(resPq(third.nonce, { pq: bigIntToBytes(1_000_000_007n) }))).toThrow(
      SecurityError,
    );
  });

  it('rejects an even (client) msg_id and the wrong constructor', () => {
    const first = newClient();
    expect(() => first.client.receive(fromServer({ _: 'pong', msg_id: 1n, ping_id: 2n }))).toThrow(
      /expected resPQ/,
    );
    const second = newClient();
    expect(() =>
      second.client.receive(resPq(second.nonce).map((byte, index) => (index === 8 ? 4 : byte))),
    ).toThrow(/not a server's/);
  });

  it.each([
    [
      'another server_nonce',
      (answer: Uint8Array, nonce: Uint8Array) => ({
        _: 'server_DH_params_ok',
        nonce,
        server_nonce: new Uint8Array(16),
        encrypted_answer: answer,
      }),
      /server_nonce does not match/,
    ],
    [
      'a flipped byte',
      (answer: Uint8Array, nonce: Uint8Array) => ({
        _: 'server_DH_params_ok',
        nonce,
        server_nonce: serverNonce,
        encrypted_answer: answer.map((byte, index) => (index === 100 ? byte ^ 1 : byte)),
      }),
      /SHA1 does not match/,
    ],
    [
      'a cut answer',
      (answer: Uint8Array, nonce: Uint8Array) => ({
        _: 'server_DH_params_ok',
        nonce,
        server_nonce: serverNonce,
        encrypted_answer: answer.subarray(0, 100),
      }),
      /whole AES blocks/,
    ],
  ] as const)('rejects server_DH_params_ok with %s', (_name, build, message) => {
    const { client, nonce, answer } = awaitingDhParams();
    expectSecurityError(
      () => client.receive(fromServer(build(answer(), nonce) as Mtproto.TlAnyObject)),
      message,
    );
  });

  it.each([
    ['g_a = 1', { g_a: Uint8Array.of(1) }, /g_a must lie strictly between/],
    ['g = 2 with a prime it does not suit', { g: 2 }, /g = 2 does not generate/],
    ['a 2047-bit prime', { dh_prime: bigIntToBytes(TELEGRAM_DH_PRIME >> 1n) }, /2048-bit/],
    ['a nonce of another exchange', { nonce: new Uint8Array(16) }, /server_DH_inner_data: nonce/],
  ] as const)('rejects server_DH_inner_data with %s', (_name, changes, message) => {
    const { client, nonce, answer } = awaitingDhParams();
    const params = fromServer({
      _: 'server_DH_params_ok',
      nonce,
      server_nonce: serverNonce,
      encrypted_answer: answer(changes),
    });
    expectSecurityError(() => client.receive(params), message);
  });

  it('takes server_DH_params_fail with a correct hash as AuthKeyError, a wrong one as SecurityError', () => {
    const honest = awaitingDhParams();
    const fail = (hash: Uint8Array, nonce: Uint8Array) =>
      fromServer({ _: 'server_DH_params_fail', nonce, server_nonce: serverNonce, new_nonce_hash: hash });
    expect(() => honest.client.receive(fail(sha1(honest.newNonce).subarray(4, 20), honest.nonce))).toThrow(
      AuthKeyError,
    );
    const forged = awaitingDhParams();
    expect(() => forged.client.receive(fail(new Uint8Array(16), forged.nonce))).toThrow(
      /new_nonce_hash does not match/,
    );
  });

  it('rejects dh_gen_retry and dh_gen_fail whose hashes do not match', () => {
    for (const kind of ['dh_gen_retry', 'dh_gen_fail'] as const) {
      const { client, nonce, answer } = awaitingDhParams();
      client.receive(
        fromServer({
          _: 'server_DH_params_ok',
          nonce,
          server_nonce: serverNonce,
          encrypted_answer: answer(),
        }),
      );
      const hashField = kind === 'dh_gen_retry' ? 'new_nonce_hash2' : 'new_nonce_hash3';
      const zeros = new Uint8Array(16);
      const forged: Mtproto.TlAnyObject =
        kind === 'dh_gen_retry'
          ? { _: kind, nonce, server_nonce: serverNonce, new_nonce_hash2: zeros }
          : { _: kind, nonce, server_nonce: serverNonce, new_nonce_hash3: zeros };
      expect(() => client.receive(fromServer(forged))).toThrow(new RegExp(`${hashField} does not match`));
    }
  });
});
