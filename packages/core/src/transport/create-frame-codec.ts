import { AbridgedCodec } from './abridged-codec';
import { FullCodec } from './full-codec';
import { IntermediateCodec } from './intermediate-codec';
import { PaddedIntermediateCodec } from './padded-intermediate-codec';
import type { FrameCodec, FrameCodecOptions, FramingKind, TransportRole } from './frame-codec';

/**
 * A plain codec of the given framing for one end of a connection.
 *
 * @example
 * ```ts
 * const codec = createFrameCodec('intermediate', 'client');
 * ```
 */
export function createFrameCodec(
  kind: FramingKind,
  role: TransportRole,
  options?: FrameCodecOptions,
): FrameCodec {
  switch (kind) {
    case 'abridged':
      return new AbridgedCodec(role, options);
    case 'intermediate':
      return new IntermediateCodec(role, options);
    case 'padded-intermediate':
      return new PaddedIntermediateCodec(role, options);
    case 'full':
      return new FullCodec(role, options);
  }
}
