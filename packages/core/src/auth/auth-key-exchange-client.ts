/**
 * The client side of the auth key exchange (core.telegram.org/mtproto/auth_key; checks from
 * /mtproto/security_guidelines), as a sans-IO state machine: unencrypted messages in, unencrypted
 * messages and finally an auth key out. Randomness and the clock are injected, so with a recorded
 * random stream the exchange reproduces core.telegram.org/mtproto/samples-auth_key byte for byte.
 *
 *   1. req_pq_multi(nonce)                                  -> resPQ
 *   2. req_DH_params(p, q, RSA(p_q_inner_data_dc))          -> server_DH_params_ok
 *   3. set_client_DH_params(AES-IGE(client_DH_inner_data))  -> dh_gen_ok | dh_gen_retry | dh_gen_fail
 *
 * Each step is also callable on decoded TL objects (createRequestPq, handleResPq,
 * handleServerDhParams, handleDhGenAnswer) for callers that do their own framing.
 */
import { AuthKeyError } from '../errors/auth-key-error';
import { SecurityError } from '../errors/security-error';
import { bigIntToBytes, bytesToBigInt, modPow } from '../crypto/big-integers';
import { systemClock, type Clock } from '../crypto/clock';
import { checkDhPrimeAndGenerator, checkDhPublicValue } from '../crypto/dh-checks';
import { sha1 } from '../crypto/hashes';
import {
  computeAuthKeyAuxHash,
  computeAuthKeyId,
  computeInitialServerSalt,
  computeNewNonceHash,
  deriveTemporaryAesKey,
  type TemporaryAesKey,
} from '../crypto/key-exchange-kdf';
import { factorizePq } from '../crypto/pq-factorization';
import { secureRandomSource, type RandomSource } from '../crypto/random-source';
import { rsaLegacyEncrypt } from '../crypto/rsa-legacy';
import { rsaPadEncrypt } from '../crypto/rsa-pad';
import { rsaFingerprint, type RsaPublicKey } from '../crypto/rsa-public-key';
import { findTelegramPublicKey, TELEGRAM_PUBLIC_KEYS } from '../crypto/telegram-public-keys';
import { MessageIdGenerator } from '../session/message-id-generator';
import type * as Mtproto from '../tl/generated/mtproto-types';
import { encodeMtproto } from '../tl/tl-codec';
import type { AuthKeyExchangeResult, RsaEncryptionScheme } from './auth-key-exchange-result';
import { chooseDhExponent } from './choose-dh-exponent';
import { ExchangePhase } from './exchange-phase';
import { decryptInnerData, encryptInnerData } from './inner-data-cipher';
import {
  bytesEqual,
  decodeExpected,
  encodePqInnerData,
  longFromWireBytes,
  type AnyPqInnerData,
} from './key-exchange-messages';
import { decodePlainMessage, encodePlainMessage } from './plain-message';

/** Options of {@link AuthKeyExchangeClient}. */
export interface AuthKeyExchangeClientOptions {
  /**
   * The dc the key is for, sent in p_q_inner_data_dc (test servers: dc + 10000; media-only: negative).
   */
  readonly dcId: number;
  /** Server keys the client trusts; resPQ must name one of them. Default: Telegram's published keys. */
  readonly publicKeys?: readonly RsaPublicKey[];
  /**
   * How to encrypt p_q_inner_data. Default 'rsa-pad', what Telegram requires today; 'legacy' is the
   * older SHA1-and-pad scheme of the published example, for replaying it and for old servers.
   */
  readonly rsaScheme?: RsaEncryptionScheme;
  /** Make a temporary key (p_q_inner_data_temp_dc) valid for `expiresIn` seconds, for PFS. */
  readonly temporary?: { readonly expiresIn: number };
  /**
   * Send the plain p_q_inner_data without dc, as the published example does. Telegram's servers
   * now want the dc form; use this only to replay the example or talk to an old server.
   */
  readonly legacyInnerData?: boolean;
  readonly random?: RandomSource;
  readonly clock?: Clock;
  /**
   * The check of dh_prime and g from server_DH_inner_data. Default: crypto's
   * checkDhPrimeAndGenerator (2048-bit safe prime, g in 2..7 generating the subgroup of order
   * (p - 1) / 2). Replacing it weakens the exchange; it exists so a test can replay the published
   * example, whose g = 2 predates the generator rule, and it must still throw for a bad prime.
   */
  readonly checkDhParameters?: (dhPrime: bigint, g: number) => void;
  /** How many dh_gen_retry answers to accept before giving up (default 5). */
  readonly maxRetries?: number;
}

/** What {@link AuthKeyExchangeClient.receive} asks the caller to do next. */
export type AuthKeyClientOutput =
  | { readonly kind: 'send'; readonly message: Uint8Array }
  | { readonly kind: 'done'; readonly result: AuthKeyExchangeResult };

/** Result of {@link AuthKeyExchangeClient.handleDhGenAnswer}. */
export type DhGenOutcome =
  | { readonly kind: 'retry'; readonly request: Mtproto.SetClientDHParamsRequest }
  | { readonly kind: 'done'; readonly result: AuthKeyExchangeResult };

type ClientPhase =
  'initial' | 'awaiting-res-pq' | 'awaiting-server-dh-params' | 'awaiting-dh-gen' | 'done' | 'failed';

/**
 * One auth key exchange from the client's side. Use one instance per exchange.
 *
 * @example
 * ```ts
 * const exchange = new AuthKeyExchangeClient({ dcId: 2 });
 * send(exchange.start());
 * for (;;) {
 *   const output = exchange.receive(await nextFrame());
 *   if (output.kind === 'done') return output.result; // authKey, authKeyId, serverSalt, ...
 *   send(output.message);
 * }
 * ```
 */
export class AuthKeyExchangeClient {
  private readonly random: RandomSource;
  private readonly clock: Clock;
  private readonly keysByFingerprint = new Map<bigint, RsaPublicKey>();
  private readonly rsaScheme: RsaEncryptionScheme;
  private readonly checkDhParameters: (dhPrime: bigint, g: number) => void;
  private readonly maxRetries: number;
  private readonly messageIds: MessageIdGenerator;
  private readonly phase = new ExchangePhase<ClientPhase>('initial');
  private nonce: Uint8Array = new Uint8Array(0);
  private serverNonce: Uint8Array = new Uint8Array(0);
  private newNonce: Uint8Array = new Uint8Array(0);
  private temporaryAesKey: TemporaryAesKey | undefined;
  private dhPrime = 0n;
  private g = 0n;
  private gA = 0n;
  private serverTime = 0;
  private timeOffset = 0;
  private authKey: Uint8Array = new Uint8Array(0);
  private retries = 0;

  constructor(private readonly options: AuthKeyExchangeClientOptions) {
    this.random = options.random ?? secureRandomSource;
    this.clock = options.clock ?? systemClock;
    this.rsaScheme = options.rsaScheme ?? 'rsa-pad';
    this.checkDhParameters = options.checkDhParameters ?? checkDhPrimeAndGenerator;
    this.maxRetries = options.maxRetries ?? 5;
    this.messageIds = new MessageIdGenerator(() => this.clock.now());
    const keys =
      options.publicKeys ?? TELEGRAM_PUBLIC_KEYS.map((entry) => findTelegramPublicKey(entry.fingerprint)!);
    for (const key of keys) this.keysByFingerprint.set(rsaFingerprint(key), key);
    const expiresIn = options.temporary?.expiresIn;
    if (expiresIn !== undefined && !(Number.isInteger(expiresIn) && expiresIn > 0 && expiresIn < 2 ** 31)) {
      throw new RangeError(
        `a temporary key's expiresIn must be a positive number of seconds, got ${expiresIn}`,
      );
    }
  }

  /** Step 1 as a whole message: the unencrypted req_pq_multi to send first. */
  start(): Uint8Array {
    return this.wrap(this.createRequestPq());
  }

  /**
   * Feeds one unencrypted message from the server (a whole transport frame; bytes past
   * message_data_length are ignored). Returns the next message to send or the finished key.
   *
   * @throws {@link SecurityError} when a check fails; {@link AuthKeyError} when the server gave up.
   * After either, the instance refuses further input.
   */
  receive(frame: Uint8Array): AuthKeyClientOutput {
    return this.phase.guard(() => {
      const { messageId, data } = decodePlainMessage(frame);
      // Server message ids are odd: 1 for a response, 3 for a message of its own (description#msg_id).
      if ((messageId & 1n) !== 1n) {
        throw new SecurityError(`unencrypted message id ${messageId} is not a server's (odd) id`);
      }
      switch (this.phase.current) {
        case 'awaiting-res-pq':
          return this.sendOutput(this.handleResPq(decodeExpected(data, ['resPQ'], 'resPQ')));
        case 'awaiting-server-dh-params':
          return this.sendOutput(
            this.handleServerDhParams(
              decodeExpected(data, ['server_DH_params_ok', 'server_DH_params_fail'], 'Server_DH_Params'),
            ),
          );
        case 'awaiting-dh-gen': {
          const outcome = this.handleDhGenAnswer(
            decodeExpected(data, ['dh_gen_ok', 'dh_gen_retry', 'dh_gen_fail'], 'Set_client_DH_params_answer'),
          );
          return outcome.kind === 'done' ? outcome : this.sendOutput(outcome.request);
        }
        default:
          throw new SecurityError(`unexpected message in phase ${this.phase.current}`);
      }
    });
  }

  /** Step 1: a fresh nonce in req_pq_multi. */
  createRequestPq(): Mtproto.ReqPqMultiRequest {
    this.phase.expect('initial', 'req_pq_multi');
    this.nonce = this.random(16);
    this.phase.enter('awaiting-res-pq');
    return { _: 'req_pq_multi', nonce: this.nonce };
  }

  /**
   * Step 2: checks resPQ (our nonce, a server key we trust), factors pq and answers with
   * req_DH_params carrying the RSA-encrypted p_q_inner_data.
   */
  handleResPq(resPq: Mtproto.ResPQ): Mtproto.ReqDHParamsRequest {
    return this.phase.guard(() => {
      this.phase.expect('awaiting-res-pq', 'resPQ');
      if (!bytesEqual(resPq.nonce, this.nonce)) throw new SecurityError('resPQ: nonce does not match ours');
      let fingerprint: bigint | undefined;
      let key: RsaPublicKey | undefined;
      for (const signed of resPq.server_public_key_fingerprints) {
        // TL carries the fingerprint as a signed long; crypto names keys by the unsigned value.
        const candidate = BigInt.asUintN(64, signed);
        key = this.keysByFingerprint.get(candidate);
        if (key !== undefined) {
          fingerprint = signed;
          break;
        }
      }
      if (key === undefined || fingerprint === undefined) {
        const offered = resPq.server_public_key_fingerprints
          .map((value) => BigInt.asUintN(64, value).toString(16))
          .join(', ');
        throw new SecurityError(
          `resPQ: none of the server's key fingerprints [${offered}] is a key we trust`,
        );
      }
      const { p, q } = factorizePq(resPq.pq);
      this.serverNonce = resPq.server_nonce;
      this.newNonce = this.random(32);
      const innerData = encodePqInnerData(this.createPqInnerData(resPq.pq, p, q));
      const encryptedData =
        this.rsaScheme === 'legacy'
          ? rsaLegacyEncrypt(innerData, key, this.random)
          : rsaPadEncrypt(innerData, key, this.random);
      this.temporaryAesKey = deriveTemporaryAesKey(this.newNonce, this.serverNonce);
      this.phase.enter('awaiting-server-dh-params');
      return {
        _: 'req_DH_params',
        nonce: this.nonce,
        server_nonce: this.serverNonce,
        p,
        q,
        public_key_fingerprint: fingerprint,
        encrypted_data: encryptedData,
      };
    });
  }

  /**
   * Step 3: decrypts and checks server_DH_inner_data (hash, nonces, dh_prime and g, g_a), learns the
   * server's time, picks b and answers with set_client_DH_params.
   */
  handleServerDhParams(params: Mtproto.TypeServerDHParams): Mtproto.SetClientDHParamsRequest {
    return this.phase.guard(() => {
      this.phase.expect('awaiting-server-dh-params', params._);
      this.checkNonces(params, params._);
      if (params._ === 'server_DH_params_fail') {
        // new_nonce_hash := the 128 lower-order bits of SHA1(new_nonce).
        if (!bytesEqual(params.new_nonce_hash, sha1(this.newNonce).subarray(4, 20))) {
          throw new SecurityError('server_DH_params_fail: new_nonce_hash does not match');
        }
        throw new AuthKeyError('the server refused req_DH_params (server_DH_params_fail)');
      }
      const inner = decryptInnerData(
        params.encrypted_answer,
        this.temporaryAesKey!,
        'server_DH_inner_data',
        (length) => `encrypted_answer of ${length} bytes is not whole AES blocks`,
      );
      this.checkNonces(inner, 'server_DH_inner_data');
      const dhPrime = bytesToBigInt(inner.dh_prime);
      this.checkDhParameters(dhPrime, inner.g);
      checkDhPublicValue(inner.g_a, dhPrime, 'g_a');
      this.dhPrime = dhPrime;
      this.g = BigInt(inner.g);
      this.gA = bytesToBigInt(inner.g_a);
      this.serverTime = inner.server_time;
      this.timeOffset = Math.round(inner.server_time - this.clock.now() / 1000);
      // Later message ids must be close to the server's time, or it drops them.
      this.messageIds.setServerTime(inner.server_time);
      this.phase.enter('awaiting-dh-gen');
      return this.createClientDhParams(0n);
    });
  }

  /**
   * Step 4: checks the server's verdict. dh_gen_ok gives the key; dh_gen_retry (its id collided on
   * the server) gives a new set_client_DH_params with a fresh b; dh_gen_fail ends the exchange.
   */
  handleDhGenAnswer(answer: Mtproto.TypeSetClientDHParamsAnswer): DhGenOutcome {
    return this.phase.guard(() => {
      this.phase.expect('awaiting-dh-gen', answer._);
      this.checkNonces(answer, answer._);
      switch (answer._) {
        case 'dh_gen_ok': {
          this.checkNewNonceHash(answer.new_nonce_hash1, 1, answer._);
          this.phase.enter('done');
          return { kind: 'done', result: this.createResult() };
        }
        case 'dh_gen_retry': {
          this.checkNewNonceHash(answer.new_nonce_hash2, 2, answer._);
          if (++this.retries > this.maxRetries) {
            throw new AuthKeyError(
              `the server asked for more than ${this.maxRetries} retries (dh_gen_retry)`,
            );
          }
          const retryId = longFromWireBytes(computeAuthKeyAuxHash(this.authKey));
          return { kind: 'retry', request: this.createClientDhParams(retryId) };
        }
        default: {
          this.checkNewNonceHash(answer.new_nonce_hash3, 3, answer._);
          throw new AuthKeyError('the server refused the key (dh_gen_fail)');
        }
      }
    });
  }

  private createPqInnerData(pq: Uint8Array, p: Uint8Array, q: Uint8Array): AnyPqInnerData {
    const common = { pq, p, q, nonce: this.nonce, server_nonce: this.serverNonce, new_nonce: this.newNonce };
    const temporary = this.options.temporary;
    if (temporary !== undefined) {
      return {
        _: 'p_q_inner_data_temp_dc',
        ...common,
        dc: this.options.dcId,
        expires_in: temporary.expiresIn,
      };
    }
    if (this.options.legacyInnerData === true) return { _: 'p_q_inner_data', ...common };
    return { _: 'p_q_inner_data_dc', ...common, dc: this.options.dcId };
  }

  /** Picks b, computes g_b and the auth key, and encrypts client_DH_inner_data with tmp_aes_key. */
  private createClientDhParams(retryId: bigint): Mtproto.SetClientDHParamsRequest {
    const { exponent: b, publicValue: gB } = chooseDhExponent(this.g, this.dhPrime, this.random, 'g_b');
    this.authKey = bigIntToBytes(modPow(this.gA, b, this.dhPrime), 256);
    const inner: Mtproto.ClientDHInnerData = {
      _: 'client_DH_inner_data',
      nonce: this.nonce,
      server_nonce: this.serverNonce,
      retry_id: retryId,
      g_b: bigIntToBytes(gB, 256),
    };
    return {
      _: 'set_client_DH_params',
      nonce: this.nonce,
      server_nonce: this.serverNonce,
      encrypted_data: encryptInnerData(inner, this.temporaryAesKey!, this.random),
    };
  }

  private createResult(): AuthKeyExchangeResult {
    const expiresIn = this.options.temporary?.expiresIn;
    return {
      authKey: this.authKey,
      authKeyId: computeAuthKeyId(this.authKey),
      serverSalt: computeInitialServerSalt(this.newNonce, this.serverNonce),
      serverTime: this.serverTime,
      timeOffset: this.timeOffset,
      temporary: expiresIn !== undefined,
      expiresAt: expiresIn === undefined ? undefined : this.serverTime + expiresIn,
      dcId: this.options.legacyInnerData === true && expiresIn === undefined ? undefined : this.options.dcId,
    };
  }

  private checkNonces(value: { nonce: Uint8Array; server_nonce: Uint8Array }, what: string): void {
    if (!bytesEqual(value.nonce, this.nonce)) throw new SecurityError(`${what}: nonce does not match ours`);
    if (!bytesEqual(value.server_nonce, this.serverNonce)) {
      throw new SecurityError(`${what}: server_nonce does not match resPQ's`);
    }
  }

  private checkNewNonceHash(received: Uint8Array, number: 1 | 2 | 3, what: string): void {
    if (!bytesEqual(received, computeNewNonceHash(this.newNonce, number, this.authKey))) {
      throw new SecurityError(`${what}: new_nonce_hash${number} does not match our key`);
    }
  }

  private wrap(request: Mtproto.TlAnyObject): Uint8Array {
    return encodePlainMessage(this.messageIds.next('client'), encodeMtproto(request));
  }

  private sendOutput(request: Mtproto.TlAnyObject): AuthKeyClientOutput {
    return { kind: 'send', message: this.wrap(request) };
  }
}
