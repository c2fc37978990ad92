import { TransportError } from '../errors/transport-error';
import type { FramingKind } from './frame-codec';
import { OBFUSCATION_INIT_LENGTH } from './obfuscation';

/** What the first bytes of a client connection say about its framing. */
export type ClientFramingDetection =
  /** Not enough bytes yet: at least `needed` in total are required to decide. */
  | { readonly status: 'need-more'; readonly needed: number }
  /** A plain framing whose tag takes the first `tagLength` bytes (0 for full). */
  | { readonly status: 'plain'; readonly kind: FramingKind; readonly tagLength: number }
  /** An obfuscated connection: the first 64 bytes are the init. */
  | { readonly status: 'obfuscated'; readonly initLength: number };

/** First 4 bytes that announce HTTP or TLS, which are not MTProto framing over TCP. */
const FOREIGN_PROTOCOLS: readonly { readonly prefix: readonly number[]; readonly name: string }[] = [
  { prefix: [0x48, 0x45, 0x41, 0x44], name: 'HTTP (HEAD)' },
  { prefix: [0x50, 0x4f, 0x53, 0x54], name: 'HTTP (POST)' },
  { prefix: [0x47, 0x45, 0x54, 0x20], name: 'HTTP (GET)' },
  { prefix: [0x4f, 0x50, 0x54, 0x49], name: 'HTTP (OPTIONS)' },
  { prefix: [0x16, 0x03, 0x01, 0x02], name: 'TLS (fake-TLS MTProxy is not supported)' },
];

/**
 * Decides from a connection's first bytes which framing the client speaks
 * (core.telegram.org/mtproto/mtproto-transports): `0xef` is abridged, `0xeeeeeeee` intermediate,
 * `0xdddddddd` padded intermediate. Otherwise a full-transport first frame has sequence number 0 in
 * bytes 4..8, which an obfuscation init never has. HTTP and TLS openings are a
 * {@link TransportError} (`unsupported-protocol`).
 *
 * @example
 * ```ts
 * detectClientFraming(Uint8Array.of(0xef)) // { status: 'plain', kind: 'abridged', tagLength: 1 }
 * ```
 */
export function detectClientFraming(bytes: Uint8Array): ClientFramingDetection {
  if (bytes.length < 1) return { status: 'need-more', needed: 1 };
  if (bytes[0] === 0xef) return { status: 'plain', kind: 'abridged', tagLength: 1 };
  if (bytes.length < 4) return { status: 'need-more', needed: 4 };
  if (allEqual(bytes, 0, 4, 0xee)) return { status: 'plain', kind: 'intermediate', tagLength: 4 };
  if (allEqual(bytes, 0, 4, 0xdd)) return { status: 'plain', kind: 'padded-intermediate', tagLength: 4 };
  for (const { prefix, name } of FOREIGN_PROTOCOLS) {
    if (prefix.every((byte, index) => bytes[index] === byte)) {
      throw new TransportError('unsupported-protocol', `client speaks ${name}, not MTProto framing`);
    }
  }
  if (bytes.length < 8) return { status: 'need-more', needed: 8 };
  if (allEqual(bytes, 4, 8, 0)) return { status: 'plain', kind: 'full', tagLength: 0 };
  return { status: 'obfuscated', initLength: OBFUSCATION_INIT_LENGTH };
}

function allEqual(bytes: Uint8Array, start: number, end: number, value: number): boolean {
  for (let index = start; index < end; index++) if (bytes[index] !== value) return false;
  return true;
}
