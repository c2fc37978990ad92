// Public API of telegram-mtproto-core: explicit named exports, grouped by layer. Internals stay
// unexported.

// crypto
export { AesIge, aesIgeDecrypt, aesIgeEncrypt } from './crypto/aes-ige';

// transport: framing codecs and obfuscation (sans-IO; sockets live elsewhere)
export { TransportError, type TransportErrorReason } from './errors/transport-error';
export {
  DEFAULT_MAX_FRAME_LENGTH,
  type DecodedFrame,
  type EncodeOptions,
  type FrameCodec,
  type FrameCodecOptions,
  type FramingKind,
  type RandomBytes,
  type TransportRole,
} from './transport/frame-codec';
export { AbridgedCodec } from './transport/abridged-codec';
export { IntermediateCodec } from './transport/intermediate-codec';
export { PaddedIntermediateCodec } from './transport/padded-intermediate-codec';
export { FullCodec } from './transport/full-codec';
export { createFrameCodec } from './transport/create-frame-codec';
export {
  ObfuscatedCodec,
  type ObfuscatedClientOptions,
  type ObfuscatedServerResult,
} from './transport/obfuscated-codec';
export {
  obfuscationDcId,
  parseMtproxySecret,
  type MtproxySecret,
  type ObfuscatedFramingKind,
} from './transport/obfuscation';
export { detectClientFraming, type ClientFramingDetection } from './transport/detect-client-framing';
export {
  ServerTransportAcceptor,
  type AcceptedTransport,
  type ServerTransportAcceptorOptions,
} from './transport/server-transport-acceptor';
