/**
 * The server side of the auth key exchange (core.telegram.org/mtproto/auth_key), as a sans-IO state
 * machine for one connection: unencrypted messages in, unencrypted answers and finally an auth key
 * out. It serves the local DC and tests; randomness and the clock are injected.
 *
 *   req_pq_multi | req_pq            -> resPQ (fresh server_nonce, pq of two random 31-bit primes)
 *   req_DH_params                    -> server_DH_params_ok (RSA_PAD, else the older scheme)
 *   set_client_DH_params             -> dh_gen_ok | dh_gen_retry | dh_gen_fail
 *
 * Whatever a client sends, the answer is one of those or a SecurityError; nothing it sends can make
 * the machine crash or skip a check.
 */
import { AuthKeyError } from '../errors/auth-key-error';
import { SecurityError } from '../errors/security-error';
import { bigIntToBytes, bytesToBigInt, modPow } from '../crypto/big-integers';
import { systemClock, type Clock } from '../crypto/clock';
import { checkDhPrimeAndGenerator, checkDhPublicValue, TELEGRAM_DH_PRIME } from '../crypto/dh-checks';
import {
  computeAuthKeyAuxHash,
  computeAuthKeyId,
  computeInitialServerSalt,
  computeNewNonceHash,
  deriveTemporaryAesKey,
  type TemporaryAesKey,
} from '../crypto/key-exchange-kdf';
import { generateRandomPrime } from '../crypto/primes';
import { secureRandomSource, type RandomSource } from '../crypto/random-source';
import { rsaLegacyDecrypt } from '../crypto/rsa-legacy';
import { rsaPadDecrypt } from '../crypto/rsa-pad';
import type { RsaPrivateKey } from '../crypto/rsa-private-key';
import { rsaFingerprint } from '../crypto/rsa-public-key';
import { MessageIdGenerator } from '../session/message-id-generator';
import type * as Mtproto from '../tl/generated/mtproto-types';
import { encodeMtproto } from '../tl/tl-codec';
import type { AuthKeyExchangeResult, RsaEncryptionScheme } from './auth-key-exchange-result';
import { chooseDhExponent } from './choose-dh-exponent';
import { ExchangePhase } from './exchange-phase';
import { decryptInnerData, encryptInnerData } from './inner-data-cipher';
import {
  bytesEqual,
  decodeKeyExchangeRequest,
  longFromWireBytes,
  readPqInnerData,
  type AnyPqInnerData,
  type LegacyReqPq,
} from './key-exchange-messages';
import { decodePlainMessage, encodePlainMessage } from './plain-message';

/** Options of {@link AuthKeyExchangeServer}. */
export interface AuthKeyExchangeServerOptions {
  /** The server's RSA keys; resPQ offers all their fingerprints. */
  readonly privateKeys: readonly RsaPrivateKey[];
  /** A safe 2048-bit prime for the DH exchange (default: Telegram's). Checked at construction. */
  readonly dhPrime?: bigint;
  /** The generator (default 3, which suits Telegram's prime). Checked against dhPrime. */
  readonly g?: number;
  readonly random?: RandomSource;
  readonly clock?: Clock;
  /**
   * Whether a key with this auth_key_id (8 wire bytes) already exists; if so the client is asked to
   * retry with a new b (dh_gen_retry). Default: never.
   */
  readonly isAuthKeyIdTaken?: (authKeyId: Uint8Array) => boolean;
  /** dh_gen_retry answers before answering dh_gen_fail instead (default 3). */
  readonly maxRetries?: number;
  /**
   * When set, p_q_inner_data_dc and _temp_dc must name this dc. The older p_q_inner_data, which names
   * no dc, is still accepted, as Telegram's servers accept it: clients such as GramJS send only that.
   */
  readonly expectedDcId?: number;
}

/** What {@link AuthKeyExchangeServer.receive} asks the caller to do. */
export type AuthKeyServerOutput =
  | { readonly kind: 'send'; readonly message: Uint8Array }
  | { readonly kind: 'done'; readonly message: Uint8Array; readonly result: AuthKeyExchangeResult }
  | { readonly kind: 'failed'; readonly message: Uint8Array; readonly error: AuthKeyError };

/** Result of {@link AuthKeyExchangeServer.handleSetClientDhParams}. */
export type ServerDhGenOutcome =
  | { readonly kind: 'retry'; readonly answer: Mtproto.DhGenRetry }
  | { readonly kind: 'done'; readonly answer: Mtproto.DhGenOk; readonly result: AuthKeyExchangeResult }
  | { readonly kind: 'failed'; readonly answer: Mtproto.DhGenFail; readonly error: AuthKeyError };

type ServerPhase =
  'awaiting-req-pq' | 'awaiting-req-dh-params' | 'awaiting-client-dh-params' | 'done' | 'failed';

/** pq stays below 2^63, as core.telegram.org/mtproto/auth_key says clients may expect. */
const PQ_PRIME_BITS = 31;

/**
 * One auth key exchange from the server's side; make one per connection.
 *
 * @example
 * ```ts
 * const exchange = new AuthKeyExchangeServer({ privateKeys: [parseRsaPrivateKeyPem(pem)] });
 * const output = exchange.receive(frame);
 * send(output.message);
 * if (output.kind === 'done') keys.store(output.result);
 * ```
 */
export class AuthKeyExchangeServer {
  private readonly random: RandomSource;
  private readonly clock: Clock;
  private readonly keysByFingerprint = new Map<bigint, RsaPrivateKey>();
  private readonly dhPrime: bigint;
  private readonly g: number;
  private readonly maxRetries: number;
  private readonly messageIds: MessageIdGenerator;
  private readonly phase = new ExchangePhase<ServerPhase>('awaiting-req-pq');
  private lastClientMessageId: bigint | undefined;
  private nonce: Uint8Array = new Uint8Array(0);
  private serverNonce: Uint8Array = new Uint8Array(0);
  private pq: Uint8Array = new Uint8Array(0);
  private p: Uint8Array = new Uint8Array(0);
  private q: Uint8Array = new Uint8Array(0);
  private innerData: AnyPqInnerData | undefined;
  private temporaryAesKey: TemporaryAesKey | undefined;
  private a = 0n;
  private serverTime = 0;
  private expectedRetryId = 0n;
  private retries = 0;
  private usedRsaScheme: RsaEncryptionScheme | undefined;

  constructor(private readonly options: AuthKeyExchangeServerOptions) {
    if (options.privateKeys.length === 0) throw new RangeError('the server needs at least one RSA key');
    for (const key of options.privateKeys) this.keysByFingerprint.set(rsaFingerprint(key.publicKey), key);
    this.random = options.random ?? secureRandomSource;
    this.clock = options.clock ?? systemClock;
    this.dhPrime = options.dhPrime ?? TELEGRAM_DH_PRIME;
    this.g = options.g ?? 3;
    // The server holds itself to the checks its clients make.
    checkDhPrimeAndGenerator(this.dhPrime, this.g);
    this.maxRetries = options.maxRetries ?? 3;
    this.messageIds = new MessageIdGenerator(() => this.clock.now());
  }

  /** Which RSA scheme the client used in req_DH_params, once known. */
  get rsaScheme(): RsaEncryptionScheme | undefined {
    return this.usedRsaScheme;
  }

  /**
   * Feeds one unencrypted message from the client (a whole transport frame; bytes past
   * message_data_length are ignored) and returns the answer to send, with the key once done.
   *
   * @throws {@link SecurityError} when the message is malformed, out of order or fails a check; the
   * connection should then be closed. After a throw the instance refuses further input.
   */
  receive(frame: Uint8Array): AuthKeyServerOutput {
    return this.phase.guard(() => {
      const { messageId, data } = decodePlainMessage(frame);
      if ((messageId & 3n) !== 0n) {
        throw new SecurityError(`unencrypted message id ${messageId} is not a client's (divisible by 4)`);
      }
      if (this.lastClientMessageId !== undefined && messageId <= this.lastClientMessageId) {
        throw new SecurityError(`unencrypted message id ${messageId} does not increase (replay?)`);
      }
      this.lastClientMessageId = messageId;
      const request = decodeKeyExchangeRequest(data);
      switch (request._) {
        case 'req_pq_multi':
        case 'req_pq':
          return { kind: 'send', message: this.wrap(this.handleRequestPq(request)) };
        case 'req_DH_params':
          return { kind: 'send', message: this.wrap(this.handleRequestDhParams(request)) };
        default: {
          const outcome = this.handleSetClientDhParams(request);
          const message = this.wrap(outcome.answer);
          if (outcome.kind === 'done') return { kind: 'done', message, result: outcome.result };
          if (outcome.kind === 'failed') return { kind: 'failed', message, error: outcome.error };
          return { kind: 'send', message };
        }
      }
    });
  }

  /** Answers req_pq_multi (or the old req_pq) with a fresh server_nonce, pq and our fingerprints. */
  handleRequestPq(request: Mtproto.ReqPqMultiRequest | LegacyReqPq): Mtproto.ResPQ {
    return this.phase.guard(() => {
      this.phase.expect('awaiting-req-pq', request._);
      this.nonce = request.nonce;
      this.serverNonce = this.random(16);
      const p = generateRandomPrime(PQ_PRIME_BITS, this.random);
      let q = generateRandomPrime(PQ_PRIME_BITS, this.random);
      while (q === p) q = generateRandomPrime(PQ_PRIME_BITS, this.random);
      const [smaller, larger] = p < q ? [p, q] : [q, p];
      this.p = bigIntToBytes(smaller);
      this.q = bigIntToBytes(larger);
      this.pq = bigIntToBytes(smaller * larger);
      this.phase.enter('awaiting-req-dh-params');
      return {
        _: 'resPQ',
        nonce: this.nonce,
        server_nonce: this.serverNonce,
        pq: this.pq,
        // TL carries fingerprints as signed longs.
        server_public_key_fingerprints: [...this.keysByFingerprint.keys()].map((value) =>
          BigInt.asIntN(64, value),
        ),
      };
    });
  }

  /**
   * Checks req_DH_params (nonces, p and q, a fingerprint of ours), decrypts p_q_inner_data and
   * answers with server_DH_params_ok carrying the encrypted server_DH_inner_data.
   */
  handleRequestDhParams(request: Mtproto.ReqDHParamsRequest): Mtproto.ServerDHParamsOk {
    return this.phase.guard(() => {
      this.phase.expect('awaiting-req-dh-params', request._);
      this.checkNonces(request, request._);
      if (!bytesEqual(request.p, this.p) || !bytesEqual(request.q, this.q)) {
        throw new SecurityError('req_DH_params: p and q are not the factors of our pq');
      }
      const key = this.keysByFingerprint.get(BigInt.asUintN(64, request.public_key_fingerprint));
      if (key === undefined) {
        throw new SecurityError('req_DH_params: public_key_fingerprint is not one of our keys');
      }
      const innerData = this.decryptInnerData(request.encrypted_data, key);
      this.checkInnerData(innerData);
      this.innerData = innerData;
      this.temporaryAesKey = deriveTemporaryAesKey(innerData.new_nonce, this.serverNonce);
      const { exponent, publicValue: gA } = chooseDhExponent(
        BigInt(this.g),
        this.dhPrime,
        this.random,
        'g_a',
      );
      this.a = exponent;
      this.serverTime = Math.floor(this.clock.now() / 1000);
      const answer: Mtproto.ServerDHInnerData = {
        _: 'server_DH_inner_data',
        nonce: this.nonce,
        server_nonce: this.serverNonce,
        g: this.g,
        dh_prime: bigIntToBytes(this.dhPrime, 256),
        g_a: bigIntToBytes(gA, 256),
        server_time: this.serverTime,
      };
      this.phase.enter('awaiting-client-dh-params');
      return {
        _: 'server_DH_params_ok',
        nonce: this.nonce,
        server_nonce: this.serverNonce,
        encrypted_answer: encryptInnerData(answer, this.temporaryAesKey, this.random),
      };
    });
  }

  /**
   * Decrypts and checks client_DH_inner_data (hash, nonces, retry_id, g_b), computes the auth key
   * and gives the verdict: dh_gen_ok, dh_gen_retry when `isAuthKeyIdTaken` says the id exists, or
   * dh_gen_fail once the retries run out.
   */
  handleSetClientDhParams(request: Mtproto.SetClientDHParamsRequest): ServerDhGenOutcome {
    return this.phase.guard(() => {
      this.phase.expect('awaiting-client-dh-params', request._);
      this.checkNonces(request, request._);
      const inner = decryptInnerData(
        request.encrypted_data,
        this.temporaryAesKey!,
        'client_DH_inner_data',
        (length) => `set_client_DH_params: ${length} bytes are not whole AES blocks`,
      );
      this.checkNonces(inner, 'client_DH_inner_data');
      if (inner.retry_id !== this.expectedRetryId) {
        throw new SecurityError(
          `client_DH_inner_data: retry_id ${inner.retry_id} is not the expected ${this.expectedRetryId}`,
        );
      }
      const gB = bytesToBigInt(inner.g_b);
      checkDhPublicValue(gB, this.dhPrime, 'g_b');
      const authKey = bigIntToBytes(modPow(gB, this.a, this.dhPrime), 256);
      const authKeyId = computeAuthKeyId(authKey);
      const newNonce = this.innerData!.new_nonce;
      const common = { nonce: this.nonce, server_nonce: this.serverNonce };
      if (this.options.isAuthKeyIdTaken?.(authKeyId) === true) {
        if (this.retries >= this.maxRetries) {
          this.phase.enter('failed');
          return {
            kind: 'failed',
            answer: {
              _: 'dh_gen_fail',
              ...common,
              new_nonce_hash3: computeNewNonceHash(newNonce, 3, authKey),
            },
            error: new AuthKeyError(`every auth_key_id in ${this.retries + 1} attempts was taken`),
          };
        }
        this.retries++;
        this.expectedRetryId = longFromWireBytes(computeAuthKeyAuxHash(authKey));
        return {
          kind: 'retry',
          answer: {
            _: 'dh_gen_retry',
            ...common,
            new_nonce_hash2: computeNewNonceHash(newNonce, 2, authKey),
          },
        };
      }
      this.phase.enter('done');
      return {
        kind: 'done',
        answer: { _: 'dh_gen_ok', ...common, new_nonce_hash1: computeNewNonceHash(newNonce, 1, authKey) },
        result: this.createResult(authKey, authKeyId),
      };
    });
  }

  /** RSA_PAD first; when its hash fails, the older SHA1-and-pad scheme that GramJS still sends. */
  private decryptInnerData(encrypted: Uint8Array, key: RsaPrivateKey): AnyPqInnerData {
    let padPadded: Uint8Array;
    try {
      padPadded = rsaPadDecrypt(encrypted, key);
    } catch (padError) {
      if (!SecurityError.isInstance(padError)) throw padError;
      let data: Uint8Array;
      try {
        data = rsaLegacyDecrypt(encrypted, key, (payload) => readPqInnerData(payload).length);
      } catch (legacyError) {
        if (!SecurityError.isInstance(legacyError)) throw legacyError;
        throw new SecurityError(
          `req_DH_params: encrypted_data decrypts under neither RSA_PAD (${padError.message}) nor the older scheme (${legacyError.message})`,
          { cause: legacyError },
        );
      }
      this.usedRsaScheme = 'legacy';
      return readPqInnerData(data).value;
    }
    this.usedRsaScheme = 'rsa-pad';
    return readPqInnerData(padPadded).value;
  }

  private checkInnerData(inner: AnyPqInnerData): void {
    const what = inner._;
    this.checkNonces(inner, what);
    if (!bytesEqual(inner.pq, this.pq) || !bytesEqual(inner.p, this.p) || !bytesEqual(inner.q, this.q)) {
      throw new SecurityError(`${what}: pq, p and q are not the ones of resPQ`);
    }
    if (inner._ === 'p_q_inner_data_temp_dc' && !(inner.expires_in > 0)) {
      throw new SecurityError(`${what}: expires_in must be positive, got ${inner.expires_in}`);
    }
    const expected = this.options.expectedDcId;
    if (expected !== undefined && inner._ !== 'p_q_inner_data' && inner.dc !== expected) {
      throw new SecurityError(`${what}: the key is not for dc ${expected}`);
    }
  }

  private createResult(authKey: Uint8Array, authKeyId: Uint8Array): AuthKeyExchangeResult {
    const inner = this.innerData!;
    const temporary = inner._ === 'p_q_inner_data_temp_dc';
    return {
      authKey,
      authKeyId,
      serverSalt: computeInitialServerSalt(inner.new_nonce, this.serverNonce),
      serverTime: this.serverTime,
      timeOffset: 0,
      temporary,
      expiresAt: temporary ? this.serverTime + inner.expires_in : undefined,
      dcId: inner._ === 'p_q_inner_data' ? undefined : inner.dc,
    };
  }

  private checkNonces(value: { nonce: Uint8Array; server_nonce?: Uint8Array }, what: string): void {
    if (!bytesEqual(value.nonce, this.nonce)) throw new SecurityError(`${what}: nonce does not match`);
    if (value.server_nonce !== undefined && !bytesEqual(value.server_nonce, this.serverNonce)) {
      throw new SecurityError(`${what}: server_nonce does not match`);
    }
  }

  private wrap(answer: Mtproto.TlAnyObject): Uint8Array {
    return encodePlainMessage(this.messageIds.next('server-response'), encodeMtproto(answer));
  }
}
