import { ConfigError } from '../errors/config-error';
import { createFrameCodec } from './create-frame-codec';
import type { FrameCodec, FramingKind, RandomBytes } from './frame-codec';
import { ObfuscatedCodec } from './obfuscated-codec';
import { parseMtproxySecret, type MtproxySecret } from './obfuscation';

/** Obfuscation settings of a client connection (core.telegram.org/mtproto/mtproto-transports#transport-obfuscation). */
export interface ObfuscationOptions {
  /** Signed DC id to put in the init (see `obfuscationDcId`). */
  readonly dcId: number;
  /** MTProxy secret (bytes, hex, or parsed) when connecting through a proxy. */
  readonly secret?: MtproxySecret | Uint8Array | string;
}

/** Options of {@link createClientCodec}. */
export interface ClientCodecOptions {
  /** The framing; with obfuscation it is the inner framing (anything but `full`). */
  readonly framing: FramingKind;
  readonly obfuscation?: ObfuscationOptions;
  readonly maxFrameLength?: number;
  readonly random?: RandomBytes;
}

/**
 * A client-role codec: plain framing, or obfuscation around it when `obfuscation` is given. Throws a
 * ConfigError for obfuscated `full` framing or a malformed MTProxy secret.
 *
 * @example
 * ```ts
 * const codec = createClientCodec({ framing: 'intermediate', obfuscation: { dcId: 2 } });
 * ```
 */
export function createClientCodec(options: ClientCodecOptions): FrameCodec {
  const { framing, obfuscation, maxFrameLength, random } = options;
  if (obfuscation === undefined) return createFrameCodec(framing, 'client', { maxFrameLength, random });
  if (framing === 'full') {
    throw new ConfigError(
      'full framing cannot be obfuscated: use abridged, intermediate or padded-intermediate',
    );
  }
  const secret =
    obfuscation.secret === undefined || isParsedSecret(obfuscation.secret)
      ? obfuscation.secret
      : parseMtproxySecret(obfuscation.secret);
  return ObfuscatedCodec.client({ framing, dcId: obfuscation.dcId, secret, maxFrameLength, random });
}

function isParsedSecret(secret: MtproxySecret | Uint8Array | string): secret is MtproxySecret {
  return typeof secret === 'object' && !(secret instanceof Uint8Array);
}
