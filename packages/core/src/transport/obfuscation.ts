/**
 * Transport obfuscation (core.telegram.org/mtproto/mtproto-transports#transport-obfuscation) and the
 * MTProxy secret rules (core.telegram.org/mtproto/mtproto-transports, "MTProxy"): the 64-byte init a
 * client sends first, the AES-256-CTR streams both sides derive from it, and its parsing on the server.
 */
import { AesCtr } from '../crypto/aes-ctr';
import { sha256 } from '../crypto/hashes';
import { ConfigError } from '../errors/config-error';
import { TransportError } from '../errors/transport-error';
import type { FramingKind, RandomBytes } from './frame-codec';

/** The framings obfuscation can carry (full is never used with it). */
export type ObfuscatedFramingKind = Exclude<FramingKind, 'full'>;

/** Size of the obfuscation init. */
export const OBFUSCATION_INIT_LENGTH = 64;

/** Tags written at bytes 56..60 of the init, naming the inner framing. */
const TAGS: Readonly<Record<ObfuscatedFramingKind, number>> = {
  abridged: 0xefefefef,
  intermediate: 0xeeeeeeee,
  'padded-intermediate': 0xdddddddd,
};

/**
 * First 4 bytes (read as little-endian) an init must not start with, because the server would take
 * them for another protocol: HTTP `HEAD`, `POST`, `GET `, `OPTI`(ONS), the padded and plain
 * intermediate tags, and a TLS handshake record.
 */
const RESERVED_STARTS: ReadonlySet<number> = new Set([
  0x44414548, // "HEAD"
  0x54534f50, // "POST"
  0x20544547, // "GET "
  0x4954504f, // "OPTI"
  0xdddddddd,
  0xeeeeeeee,
  0x02010316, // TLS record: 16 03 01 02
]);

/** An MTProxy secret: the 16-byte key and whether it asks for padded intermediate framing. */
export interface MtproxySecret {
  /** The 16 bytes mixed into both stream keys. */
  readonly key: Uint8Array;
  /** True for a `dd`-prefixed secret: the connection must use padded intermediate. */
  readonly paddingRequired: boolean;
}

/**
 * Reads an MTProxy secret: 16 bytes, or 17 starting with `0xdd` (padded intermediate required), as
 * bytes or hex. `ee` (fake-TLS) secrets are refused with a ConfigError: fake-TLS is not supported.
 *
 * @example
 * ```ts
 * const secret = parseMtproxySecret('dd0123456789abcdef0123456789abcdef');
 * secret.paddingRequired // true
 * ```
 */
export function parseMtproxySecret(secret: Uint8Array | string): MtproxySecret {
  const bytes = typeof secret === 'string' ? hexToBytes(secret) : secret;
  if (bytes.length === 16) return { key: bytes.slice(), paddingRequired: false };
  if (bytes.length === 17 && bytes[0] === 0xdd) return { key: bytes.slice(1), paddingRequired: true };
  if (bytes.length > 17 && bytes[0] === 0xee) {
    throw new ConfigError('MTProxy secret starts with ee (fake-TLS), which mtbot does not support');
  }
  throw new ConfigError(`MTProxy secret must be 16 bytes, or 17 starting with dd; got ${bytes.length} bytes`);
}

/**
 * The DC id as the init carries it: the DC number, plus 10000 on test servers, negated for a
 * media-only DC.
 */
export function obfuscationDcId(dcId: number, options: { media?: boolean; test?: boolean } = {}): number {
  const base = options.test ? dcId + 10000 : dcId;
  return options.media ? -base : base;
}

/** True when `init` starts like another protocol and so must not be sent as an obfuscation init. */
export function isReservedInitStart(init: Uint8Array): boolean {
  if (init[0] === 0xef) return true;
  const first = (init[0] | (init[1] << 8) | (init[2] << 16) | (init[3] << 24)) >>> 0;
  if (RESERVED_STARTS.has(first)) return true;
  // Zeros here would read as the sequence number 0 of a full-transport frame.
  return (init[4] | init[5] | init[6] | init[7]) === 0;
}

/** The two AES-256-CTR streams of one end of an obfuscated connection. */
export interface ObfuscationStreams {
  /** Encrypts what this end sends. */
  readonly encryptor: AesCtr;
  /** Decrypts what this end receives. */
  readonly decryptor: AesCtr;
}

/** What a client produced: the init to send first and its streams. */
export interface ObfuscatedClientInit extends ObfuscationStreams {
  /** The 64 bytes to send before anything else: bytes 0..56 plain, 56..64 encrypted. */
  readonly init: Uint8Array;
}

/** Options of {@link createObfuscatedClientInit}. */
export interface ObfuscatedClientInitOptions {
  readonly framing: ObfuscatedFramingKind;
  /** Signed DC id as sent (see {@link obfuscationDcId}). */
  readonly dcId: number;
  readonly secret?: MtproxySecret;
  readonly random: RandomBytes;
}

/**
 * Builds a client's obfuscation init: 64 random bytes that cannot be mistaken for another protocol,
 * with the framing tag at 56..60 and the DC id (int16, little-endian) at 60..62. The send stream uses
 * key and iv from bytes 8..56; the receive stream the same bytes reversed. The init is encrypted with
 * the send stream (which keeps running afterwards) and only its last 8 bytes are sent encrypted.
 */
export function createObfuscatedClientInit(options: ObfuscatedClientInitOptions): ObfuscatedClientInit {
  const { framing, dcId, secret, random } = options;
  if (options.secret?.paddingRequired && framing !== 'padded-intermediate') {
    throw new ConfigError(`this MTProxy secret (dd) requires padded-intermediate framing, not ${framing}`);
  }
  if (!Number.isInteger(dcId) || dcId < -0x8000 || dcId > 0x7fff) {
    throw new ConfigError(`DC id ${dcId} does not fit the obfuscation init's int16`);
  }
  let init: Uint8Array;
  do {
    init = random(OBFUSCATION_INIT_LENGTH).slice();
    if (init.length !== OBFUSCATION_INIT_LENGTH) {
      throw new RangeError(
        `random source returned ${init.length} bytes, expected ${OBFUSCATION_INIT_LENGTH}`,
      );
    }
  } while (isReservedInitStart(init));
  const view = new DataView(init.buffer, init.byteOffset, init.byteLength);
  view.setUint32(56, TAGS[framing], true);
  view.setInt16(60, dcId, true);
  const streams = deriveStreams(init, secret?.key, 'client');
  const encrypted = streams.encryptor.update(init);
  const sent = init.slice();
  sent.set(encrypted.subarray(56, 64), 56);
  return { init: sent, ...streams };
}

/** What a server learned from a client's init. */
export interface ParsedObfuscatedInit extends ObfuscationStreams {
  readonly framing: ObfuscatedFramingKind;
  /** Signed DC id the client asked for. */
  readonly dcId: number;
  /** The secret that decrypted the init, when the server has secrets. */
  readonly secret?: MtproxySecret;
}

/**
 * Parses the 64 bytes a client sent first. Without `secrets` the init must decrypt with plain
 * obfuscation keys; with secrets, with one of them (an MTProxy accepts nothing else). The decrypted
 * tag must name a framing the secret allows, else a {@link TransportError} (`bad-obfuscation-tag`).
 */
export function parseObfuscatedClientInit(
  init: Uint8Array,
  secrets?: readonly MtproxySecret[],
): ParsedObfuscatedInit {
  if (init.length !== OBFUSCATION_INIT_LENGTH) {
    throw new TransportError(
      'bad-frame-length',
      `obfuscation init must be ${OBFUSCATION_INIT_LENGTH} bytes, got ${init.length}`,
    );
  }
  const candidates: (MtproxySecret | undefined)[] = secrets === undefined ? [undefined] : [...secrets];
  for (const secret of candidates) {
    const streams = deriveStreams(init, secret?.key, 'server');
    const decrypted = streams.decryptor.update(init);
    const view = new DataView(decrypted.buffer, decrypted.byteOffset, decrypted.byteLength);
    const framing = framingOfTag(view.getUint32(56, true));
    if (framing === undefined) continue;
    if (secret?.paddingRequired && framing !== 'padded-intermediate') {
      throw new TransportError(
        'bad-obfuscation-tag',
        `obfuscation init asks for ${framing}, but its MTProxy secret requires padded-intermediate`,
      );
    }
    return { framing, dcId: view.getInt16(60, true), secret, ...streams };
  }
  throw new TransportError(
    'bad-obfuscation-tag',
    secrets === undefined
      ? 'obfuscation init does not decrypt to a known framing tag'
      : 'obfuscation init does not decrypt to a known framing tag with any configured MTProxy secret',
  );
}

function framingOfTag(tag: number): ObfuscatedFramingKind | undefined {
  for (const [framing, value] of Object.entries(TAGS) as [ObfuscatedFramingKind, number][]) {
    if (value === tag) return framing;
  }
  return undefined;
}

/**
 * The client's send stream is keyed by init[8..40] with iv init[40..56]; the server-to-client stream
 * by the same 48 bytes reversed. With an MTProxy secret each key is SHA-256(key || secret).
 */
function deriveStreams(
  init: Uint8Array,
  secret: Uint8Array | undefined,
  role: 'client' | 'server',
): ObfuscationStreams {
  const forwardBytes = init.slice(8, 56);
  const backwardBytes = forwardBytes.slice().reverse();
  const forward = makeStream(forwardBytes, secret);
  const backward = makeStream(backwardBytes, secret);
  return role === 'client'
    ? { encryptor: forward, decryptor: backward }
    : { encryptor: backward, decryptor: forward };
}

function makeStream(keyAndIv: Uint8Array, secret: Uint8Array | undefined): AesCtr {
  const key = keyAndIv.subarray(0, 32);
  const iv = keyAndIv.subarray(32, 48);
  return new AesCtr(secret ? sha256(key, secret) : key, iv);
}

function hexToBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new ConfigError('MTProxy secret must be hex digits (an even number of them)');
  }
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index++) {
    bytes[index] = parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  }
  return bytes;
}
