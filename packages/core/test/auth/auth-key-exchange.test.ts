import {
  AuthKeyExchangeClient,
  type AuthKeyExchangeClientOptions,
} from '../../src/auth/auth-key-exchange-client';
import type { AuthKeyExchangeResult } from '../../src/auth/auth-key-exchange-result';
import {
  AuthKeyExchangeServer,
  type AuthKeyExchangeServerOptions,
} from '../../src/auth/auth-key-exchange-server';
import { encodeLegacyReqPq, readPqInnerData } from '../../src/auth/key-exchange-messages';
import { decodePlainMessage, encodePlainMessage } from '../../src/auth/plain-message';
import { bytesToBigInt } from '../../src/crypto/big-integers';
import { ManualClock } from '../../src/crypto/clock';
import { aesIgeDecrypt } from '../../src/crypto/aes-ige';
import { computeAuthKeyAuxHash, deriveTemporaryAesKey } from '../../src/crypto/key-exchange-kdf';
import { rsaPadDecrypt } from '../../src/crypto/rsa-pad';
import { decryptMessage, encryptMessage } from '../../src/crypto/message-encryption';
import { createSeededRandomSource } from '../../src/crypto/random-source';
import {
  generateRsaKeyPair,
  parseRsaPrivateKeyPem,
  type RsaKeyPair,
  type RsaPrivateKey,
} from '../../src/crypto/rsa-private-key';
import { AuthKeyError } from '../../src/errors/auth-key-error';
import { SecurityError } from '../../src/errors/security-error';
import { decodeMtproto } from '../../src/tl/tl-codec';
import { toHex } from '../crypto/sample-vectors';

const START_TIME = 1_700_000_000_000;
let keyPair: RsaKeyPair;
let privateKey: RsaPrivateKey;

beforeAll(() => {
  keyPair = generateRsaKeyPair();
  privateKey = parseRsaPrivateKeyPem(keyPair.privateKeyPem);
});

interface ExchangeSetup {
  readonly seed: string;
  readonly client?: Partial<AuthKeyExchangeClientOptions>;
  readonly server?: Partial<AuthKeyExchangeServerOptions>;
  /** Milliseconds the client's clock runs behind the server's. */
  readonly clientLag?: number;
}

interface ExchangeRun {
  readonly client: AuthKeyExchangeResult;
  readonly server: AuthKeyExchangeResult;
  readonly serverExchange: AuthKeyExchangeServer;
  readonly roundTrips: number;
}

/** Runs a whole exchange in memory, each side with its own seeded randomness and clock. */
function runExchange(setup: ExchangeSetup): ExchangeRun {
  const client = new AuthKeyExchangeClient({
    dcId: 2,
    publicKeys: [keyPair.publicKey],
    random: createSeededRandomSource(`${setup.seed}/client`),
    clock: new ManualClock(START_TIME - (setup.clientLag ?? 0)),
    ...setup.client,
  });
  const serverExchange = new AuthKeyExchangeServer({
    privateKeys: [privateKey],
    random: createSeededRandomSource(`${setup.seed}/server`),
    clock: new ManualClock(START_TIME),
    ...setup.server,
  });
  let toServer = client.start();
  for (let roundTrips = 1; roundTrips <= 10; roundTrips++) {
    const answer = serverExchange.receive(toServer);
    const next = client.receive(answer.message);
    if (next.kind === 'done') {
      if (answer.kind !== 'done') throw new Error(`client finished while the server said ${answer.kind}`);
      return { client: next.result, server: answer.result, serverExchange, roundTrips };
    }
    toServer = next.message;
  }
  throw new Error('the exchange did not finish in 10 round trips');
}

function expectSameKey(run: ExchangeRun): void {
  expect(run.client.authKey).toHaveLength(256);
  expect(toHex(run.client.authKey)).toBe(toHex(run.server.authKey));
  expect(toHex(run.client.authKeyId)).toBe(toHex(run.server.authKeyId));
  expect(toHex(run.client.serverSalt)).toBe(toHex(run.server.serverSalt));
  expect(run.client.serverTime).toBe(run.server.serverTime);
  expect(run.client.temporary).toBe(run.server.temporary);
  expect(run.client.expiresAt).toBe(run.server.expiresAt);
  expect(run.client.dcId).toBe(run.server.dcId);
}

/** An inner message as the session layer builds it: salt, session_id, msg_id, seq_no, length, data. */
function innerMessage(salt: Uint8Array, body: Uint8Array): Uint8Array {
  const inner = new Uint8Array(32 + body.length);
  const view = new DataView(inner.buffer);
  inner.set(salt);
  view.setBigUint64(8, 0x1122334455667788n, true);
  view.setBigUint64(16, BigInt(START_TIME / 1000) << 32n, true);
  view.setInt32(24, 1, true);
  view.setInt32(28, body.length, true);
  inner.set(body, 32);
  return inner;
}

describe('AuthKeyExchangeClient with AuthKeyExchangeServer in memory', () => {
  it.each([
    ['seed-a', 'rsa-pad'],
    ['seed-b', 'rsa-pad'],
    ['seed-c', 'legacy'],
    ['seed-d', 'legacy'],
  ] as const)('with %s and %s, both sides hold the same key', (seed, rsaScheme) => {
    const run = runExchange({ seed, client: { rsaScheme }, clientLag: 42_000 });
    expectSameKey(run);
    expect(run.serverExchange.rsaScheme).toBe(rsaScheme);
    expect(run.roundTrips).toBe(3);
    expect(run.client.dcId).toBe(2);
    expect(run.client.serverTime).toBe(START_TIME / 1000);
    expect(run.client.timeOffset).toBe(42);
    expect(run.server.timeOffset).toBe(0);
  });

  it('gives different keys for different seeds and the same key for the same seed', () => {
    const first = runExchange({ seed: 'repeat' });
    const again = runExchange({ seed: 'repeat' });
    const other = runExchange({ seed: 'other' });
    expect(toHex(again.client.authKey)).toBe(toHex(first.client.authKey));
    expect(toHex(other.client.authKey)).not.toBe(toHex(first.client.authKey));
  });

  it('encrypts messages with the new key that the other side decrypts', () => {
    const run = runExchange({ seed: 'messages' });
    const random = createSeededRandomSource('messages/padding');
    const request = innerMessage(
      run.client.serverSalt,
      Uint8Array.from({ length: 40 }, (_, index) => index),
    );
    const toServer = encryptMessage(run.client.authKey, request, 'client', random);
    expect(toHex(decryptMessage(run.server.authKey, toServer, 'client'))).toBe(toHex(request));
    const response = innerMessage(run.server.serverSalt, Uint8Array.of(1, 2, 3, 4));
    const toClient = encryptMessage(run.server.authKey, response, 'server', random);
    expect(toHex(decryptMessage(run.client.authKey, toClient, 'server'))).toBe(toHex(response));
    expect(() => decryptMessage(run.client.authKey, toServer, 'server')).toThrow(SecurityError);
  });

  it('makes a temporary key whose expiry both sides agree on', () => {
    const run = runExchange({ seed: 'temporary', client: { temporary: { expiresIn: 86_400 } } });
    expectSameKey(run);
    expect(run.client.temporary).toBe(true);
    expect(run.client.expiresAt).toBe(START_TIME / 1000 + 86_400);
  });

  it('makes a temporary key with the older RSA scheme too', () => {
    const run = runExchange({
      seed: 'temporary-legacy',
      client: { temporary: { expiresIn: 3_600 }, rsaScheme: 'legacy' },
    });
    expectSameKey(run);
    expect(run.server.temporary).toBe(true);
    expect(run.serverExchange.rsaScheme).toBe('legacy');
  });

  it('accepts the plain p_q_inner_data without dc', () => {
    const run = runExchange({ seed: 'plain-inner', client: { legacyInnerData: true } });
    expectSameKey(run);
    expect(run.server.dcId).toBeUndefined();
  });

  it('retries with a new b when the server says the auth_key_id exists', () => {
    const seen: string[] = [];
    const run = runExchange({
      seed: 'retry',
      server: {
        isAuthKeyIdTaken: (authKeyId) => {
          seen.push(toHex(authKeyId));
          return seen.length === 1;
        },
      },
    });
    expectSameKey(run);
    expect(run.roundTrips).toBe(4);
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBe(seen[1]);
    expect(toHex(run.client.authKeyId)).toBe(seen[1]);
  });

  it('ends with dh_gen_fail (an AuthKeyError on both sides) when every id is taken', () => {
    const client = new AuthKeyExchangeClient({
      dcId: 2,
      publicKeys: [keyPair.publicKey],
      random: createSeededRandomSource('fail/client'),
      clock: new ManualClock(START_TIME),
    });
    const server = new AuthKeyExchangeServer({
      privateKeys: [privateKey],
      random: createSeededRandomSource('fail/server'),
      clock: new ManualClock(START_TIME),
      isAuthKeyIdTaken: () => true,
      maxRetries: 1,
    });
    let toServer = client.start();
    const kinds: string[] = [];
    for (;;) {
      const answer = server.receive(toServer);
      kinds.push(answer.kind);
      if (answer.kind === 'failed') {
        expect(answer.error).toBeInstanceOf(AuthKeyError);
        expect(() => client.receive(answer.message)).toThrow(AuthKeyError);
        expect(() => client.receive(answer.message)).toThrow(SecurityError);
        break;
      }
      const next = client.receive(answer.message);
      if (next.kind !== 'send') throw new Error('the client must not finish');
      toServer = next.message;
    }
    expect(kinds).toEqual(['send', 'send', 'send', 'failed']);
  });

  it('the client gives up after its own retry cap', () => {
    expect(() =>
      runExchange({
        seed: 'client-cap',
        client: { maxRetries: 1 },
        server: { isAuthKeyIdTaken: () => true, maxRetries: 5 },
      }),
    ).toThrow(/more than 1 retries/);
  });

  it('sends retry_id 0 first and the aux hash of the refused key after dh_gen_retry', () => {
    let checks = 0;
    const client = new AuthKeyExchangeClient({
      dcId: 2,
      publicKeys: [keyPair.publicKey],
      random: createSeededRandomSource('retry-id/client'),
      clock: new ManualClock(START_TIME),
    });
    const server = new AuthKeyExchangeServer({
      privateKeys: [privateKey],
      random: createSeededRandomSource('retry-id/server'),
      clock: new ManualClock(START_TIME),
      isAuthKeyIdTaken: () => ++checks === 1,
    });
    const resPq = server.receive(client.start());
    const reqDhParams = client.receive(resPq.message);
    if (reqDhParams.kind !== 'send') throw new Error('expected req_DH_params');
    // Read new_nonce the way the server does, to open client_DH_inner_data below.
    const request = decodeMtproto(decodePlainMessage(reqDhParams.message).data);
    if (request._ !== 'req_DH_params') throw new Error('expected req_DH_params');
    const newNonce = readPqInnerData(rsaPadDecrypt(request.encrypted_data, privateKey)).value.new_nonce;
    const { key, iv } = deriveTemporaryAesKey(newNonce, request.server_nonce);
    const retryIdOf = (message: Uint8Array): bigint => {
      const set = decodeMtproto(decodePlainMessage(message).data);
      if (set._ !== 'set_client_DH_params') throw new Error('expected set_client_DH_params');
      const plain = aesIgeDecrypt(set.encrypted_data, key, iv);
      return new DataView(plain.buffer, plain.byteOffset + 20 + 36, 8).getBigInt64(0, true);
    };
    const first = client.receive(server.receive(reqDhParams.message).message);
    if (first.kind !== 'send') throw new Error('expected set_client_DH_params');
    expect(retryIdOf(first.message)).toBe(0n);
    const retry = server.receive(first.message);
    expect(retry.kind).toBe('send');
    expect(decodeMtproto(decodePlainMessage(retry.message).data)._).toBe('dh_gen_retry');
    const second = client.receive(retry.message);
    if (second.kind !== 'send') throw new Error('expected a second set_client_DH_params');
    const retryId = retryIdOf(second.message);
    expect(retryId).not.toBe(0n);
    const done = server.receive(second.message);
    if (done.kind !== 'done') throw new Error('expected dh_gen_ok');
    const finished = client.receive(done.message);
    if (finished.kind !== 'done') throw new Error('expected the key');
    expect(toHex(finished.result.authKey)).toBe(toHex(done.result.authKey));
    // The server accepted retry_id only because it equals the aux hash of the key it refused (a wrong
    // one is rejected in the hostile tests); it is not the hash of the key finally agreed.
    expect(retryId).not.toBe(
      new DataView(computeAuthKeyAuxHash(done.result.authKey).buffer).getBigInt64(0, true),
    );
  });

  it('serves the old req_pq like req_pq_multi', () => {
    const server = new AuthKeyExchangeServer({
      privateKeys: [privateKey],
      random: createSeededRandomSource('req-pq'),
      clock: new ManualClock(START_TIME),
    });
    const nonce = Uint8Array.from({ length: 16 }, (_, index) => index);
    const answer = server.receive(encodePlainMessage(4n, encodeLegacyReqPq(nonce)));
    const resPq = decodeMtproto(decodePlainMessage(answer.message).data);
    if (resPq._ !== 'resPQ') throw new Error(`expected resPQ, got ${resPq._}`);
    expect(toHex(resPq.nonce)).toBe(toHex(nonce));
    expect(resPq.server_public_key_fingerprints).toEqual([BigInt.asIntN(64, keyPair.fingerprint)]);
    const pq = bytesToBigInt(resPq.pq);
    expect(pq).toBeLessThan(1n << 63n);
    expect(pq).toBeGreaterThan(1n << 59n);
    expect(decodePlainMessage(answer.message).messageId % 4n).toBe(1n);
  });

  it('refuses a dh_prime that is not a safe prime at construction', () => {
    // 2^2047 + 1 has 2048 bits and g = 4 needs no residue condition, so only the safety check fails.
    const notSafe = (1n << 2047n) + 1n;
    expect(() => new AuthKeyExchangeServer({ privateKeys: [privateKey], dhPrime: notSafe, g: 4 })).toThrow(
      /not a safe prime/,
    );
  });
});
