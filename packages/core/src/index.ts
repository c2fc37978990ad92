// Public API of telegram-mtproto-core: explicit named exports, grouped by layer. Internals stay
// unexported.

// errors: the base class and the RPC errors (handlers of MtprotoServer throw RpcError to answer rpc_error)
export { MtbotError, hasErrorMarker } from './errors/mtbot-error';
export { ConfigError } from './errors/config-error';
export { RpcError, type RpcErrorContext, parseRpcErrorText } from './errors/rpc-error';
export { FloodWaitError } from './errors/flood-wait-error';
export { MigrateError } from './errors/migrate-error';
export { rpcErrorFromServer } from './errors/rpc-error-from-server';

// crypto
export { AesIge, aesIgeDecrypt, aesIgeEncrypt } from './crypto/aes-ige';
export { type RandomSource, secureRandomSource, createSeededRandomSource } from './crypto/random-source';
export { type Clock, systemClock, ManualClock } from './crypto/clock';
export { bytesToBigInt, bigIntToBytes, bitLength, modPow, gcd } from './crypto/big-integers';
export { isProbablePrime, generateRandomPrime } from './crypto/primes';
export { factorizePq, factorizeSemiprime, type PqFactors } from './crypto/pq-factorization';
export {
  type RsaPublicKey,
  parseRsaPublicKeyPem,
  rsaFingerprint,
  rsaModulusLength,
  rsaEncryptRaw,
} from './crypto/rsa-public-key';
export {
  type RsaKeyPair,
  type RsaPrivateKey,
  generateRsaKeyPair,
  parseRsaPrivateKeyPem,
  rsaDecryptRaw,
} from './crypto/rsa-private-key';
export {
  rsaPadEncrypt,
  rsaPadDecrypt,
  RSA_PAD_MAX_DATA_LENGTH,
  RSA_PAD_PADDED_LENGTH,
} from './crypto/rsa-pad';
export { rsaLegacyEncrypt, rsaLegacyDecrypt, RSA_LEGACY_MAX_DATA_LENGTH } from './crypto/rsa-legacy';
export {
  type TelegramPublicKey,
  TELEGRAM_PUBLIC_KEYS,
  findTelegramPublicKey,
} from './crypto/telegram-public-keys';
export {
  TELEGRAM_DH_PRIME,
  isSafePrime,
  checkDhPrimeAndGenerator,
  checkDhPublicValue,
} from './crypto/dh-checks';
export {
  type TemporaryAesKey,
  deriveTemporaryAesKey,
  computeAuthKeyId,
  computeAuthKeyAuxHash,
  computeNewNonceHash,
  computeInitialServerSalt,
} from './crypto/key-exchange-kdf';
export {
  type MessageSender,
  type EncryptMessageOptions,
  INNER_HEADER_LENGTH,
  encryptMessage,
  decryptMessage,
  computeMsgKey,
  deriveMessageAesKey,
} from './crypto/message-encryption';

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

// transport: payload connections over sockets (Node: node:net, node:http, ws) and the fallback helper
export { TypedEventEmitter, type EventMap } from './transport/typed-event-emitter';
export {
  type ConnectionState,
  type MtprotoConnection,
  type PayloadConnection,
  type PayloadConnectionEvents,
  type PayloadInfo,
  type SendOptions,
} from './transport/payload-connection';
export {
  createClientCodec,
  type ClientCodecOptions,
  type ObfuscationOptions,
} from './transport/create-client-codec';
export {
  connectWithFallback,
  type FailedAttempt,
  type FallbackCandidate,
  type FallbackResult,
} from './transport/connect-with-fallback';
export {
  DEFAULT_READ_TIMEOUT_MS,
  FramedConnection,
  type FramedConnectionTimeouts,
} from './transport/node/framed-connection';
export { DEFAULT_CONNECT_TIMEOUT_MS } from './transport/node/open-with-deadline';
export { TcpConnection, type TcpConnectionOptions } from './transport/node/tcp-connection';
export {
  WEBSOCKET_PATH,
  WEBSOCKET_SUBPROTOCOL,
  WebSocketConnection,
  type WebSocketConnectionOptions,
} from './transport/node/websocket-connection';
export {
  DEFAULT_HTTP_MAX_IN_FLIGHT,
  HttpConnection,
  type HttpConnectionOptions,
} from './transport/node/http-connection';
export { ServerConnection, type ServerConnectionOptions } from './transport/node/server-connection';
export {
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_SERVER_IDLE_TIMEOUT_MS,
  TcpTransportServer,
  type ListeningAddress,
  type StreamServerOptions,
  type TcpTransportServerOptions,
  type TransportServerEvents,
} from './transport/node/tcp-transport-server';
export {
  WebSocketTransportServer,
  type WebSocketTransportServerOptions,
} from './transport/node/websocket-transport-server';
export {
  DEFAULT_HTTP_REQUEST_TIMEOUT_MS,
  HTTP_PATH,
  HttpTransportServer,
  type HttpRequestHandler,
  type HttpTransportReply,
  type HttpTransportServerOptions,
} from './transport/node/http-transport-server';

// tl: binary reader/writer, generated types and codecs of the API (`Api.*`) and MTProto (`Mtproto.*`)
// schemas. `long` is bigint; bytes, int128 and int256 are Uint8Array.
export { TlDecodeError } from './errors/tl-decode-error';
export { TlEncodeError } from './errors/tl-encode-error';
export { TlReader, type TlReaderOptions } from './tl/binary/tl-reader';
export { TlWriter } from './tl/binary/tl-writer';
export { decodeApi, decodeApiResult, decodeMtproto, encodeApi, encodeMtproto } from './tl/tl-codec';
export {
  API_LAYER,
  readApiAnyObject,
  readApiMethod,
  readApiObject,
  readApiResult,
  writeApiObject,
} from './tl/generated/api-codec';
export {
  readMtprotoAnyObject,
  readMtprotoMethod,
  readMtprotoObject,
  writeMtprotoObject,
} from './tl/generated/mtproto-codec';
export type * as Api from './tl/generated/api-types';
export type * as Mtproto from './tl/generated/mtproto-types';
export type { TlAnyObject, TlMethod, TlObject, TlResult } from './tl/generated/api-types';

// auth: the auth key exchange (sans-IO), client and server roles, and PFS binding of temporary keys
export { SecurityError } from './errors/security-error';
export { AuthKeyError } from './errors/auth-key-error';
export {
  PLAIN_MESSAGE_HEADER_LENGTH,
  type PlainMessage,
  encodePlainMessage,
  decodePlainMessage,
  isPlainMessage,
} from './auth/plain-message';
export { type AuthKeyExchangeResult, type RsaEncryptionScheme } from './auth/auth-key-exchange-result';
export {
  AuthKeyExchangeClient,
  type AuthKeyExchangeClientOptions,
  type AuthKeyClientOutput,
  type DhGenOutcome,
} from './auth/auth-key-exchange-client';
export {
  AuthKeyExchangeServer,
  type AuthKeyExchangeServerOptions,
  type AuthKeyServerOutput,
  type ServerDhGenOutcome,
} from './auth/auth-key-exchange-server';
export {
  type BindTempAuthKeyParameters,
  type VerifyBindTempAuthKeyParameters,
  createBindTempAuthKeyRequest,
  verifyBindTempAuthKeyRequest,
} from './auth/bind-temp-auth-key';
export { computeMsgKeyV1, deriveMessageAesKeyV1 } from './crypto/message-encryption-v1';

// session: the encrypted MTProto 2.0 session (sans-IO), client and server roles
export { SessionError, type SessionErrorReason, describeBadMessageCode } from './errors/session-error';
export {
  ClientSession,
  type ClientSessionOptions,
  type InvokeOptions,
  type RpcCall,
} from './session/client-session';
export { ServerSession, type ServerSessionOptions } from './session/server-session';
export { ServerSalts, type ServerSaltsOptions } from './session/server-salts';
export {
  type ServerRequest,
  type UnwrappedRequest,
  unwrapRequest,
  decodeRequest,
} from './session/server-request';
export { type ConnectionInfo } from './session/init-connection';
export { type AckQueueOptions } from './session/ack-queue';
export { MessageIdGenerator, type MessageIdKind, messageIdTime } from './session/message-id-generator';
export { SequenceNumbers } from './session/sequence-numbers';
export type {
  ClientSessionEvent,
  ServerSessionEvent,
  FlushNeededEvent,
  SecurityErrorEvent,
  DecodeErrorEvent,
  UpdateEvent,
  NewSessionCreatedEvent,
  SaltChangedEvent,
  TimeSynchronizedEvent,
  SessionResetEvent,
  RequestEvent,
  UnknownAuthKeyEvent,
  MessageRejectedEvent,
  DuplicateMessageEvent,
  ClientSessionStartedEvent,
  HttpWaitEvent,
  DisconnectDelayEvent,
  SessionDestroyedEvent,
} from './session/session-events';

// client: session storage (typed keys; in memory or one JSON file written atomically, mode 0600)
export { StorageError, type StorageErrorReason } from './errors/storage-error';
export {
  type JsonValue,
  type StorageEntry,
  type StorageKey,
  type StorageValueCodec,
  defineStorageKey,
  storageEntry,
  bytesToBase64,
  readArray,
  readBytes,
  readFlag,
  readInteger,
  readLong,
  readObject,
  readString,
} from './client/storage/storage-key';
export { type SessionStorage } from './client/storage/session-storage';
export {
  SessionStorageKeys,
  type StoredAuthKey,
  type StoredDcOption,
  type StoredServerSalt,
  type StoredTempAuthKey,
} from './client/storage/session-storage-keys';
export { MemoryStorage } from './client/storage/memory-storage';
export { FileStorage, type FileStorageOptions } from './client/storage/node/file-storage';
export {
  type FileStorageFileSystem,
  nodeFileStorageFileSystem,
} from './client/storage/node/file-storage-file-system';
export {
  SessionFileLock,
  type SessionLockHolder,
  type SessionLockOptions,
} from './client/storage/node/session-file-lock';

// peers: the peer cache (users, chats, channels with access hashes) and Bot API style ids
export { type PeerKind, type PeerRef, fromBotApiId, toBotApiId } from './peers/peer-ref';
export {
  PeerCache,
  type CachedChannel,
  type CachedChat,
  type CachedUser,
  type PeerCacheState,
  type PeerReference,
} from './peers/peer-cache';

// updates: the sans-IO updates engine (pts/qts/seq, gaps, differences, short updates) and its actions
export {
  UpdatesEngine,
  type FetchTarget,
  type UpdatesEngineOptions,
  type UpdatesPeerDirectory,
} from './updates/updates-engine';
export {
  type DeliverAction,
  type DifferenceReason,
  type FetchChannelDifferenceAction,
  type FetchDifferenceAction,
  type FetchStateAction,
  type GapAction,
  type NeedsPeersAction,
  type PersistAction,
  type SequenceKey,
  channelSequenceKey,
  type UpdateContext,
  type UpdateSource,
  type UpdatesAction,
  type WakeAtAction,
} from './updates/updates-actions';
export { type StoredUpdatesState, type UpdatesState } from './updates/updates-state';
export { CommitBoundary, type PendingDelivery } from './updates/commit-boundary';
export { type UpdateSequence, updateSequence, channelIdOfMessage } from './updates/update-sequence';
export {
  type SentMessageOrigin,
  expandShortChatMessage,
  expandShortMessage,
  expandShortSentMessage,
} from './updates/short-updates';

// client: the MTProto client driver (transports + auth key + encrypted session, reconnection)
export {
  MtprotoClient,
  type ClientConnectionState,
  type ClientInvokeOptions,
  type MtprotoClientEvents,
  type MtprotoClientOptions,
} from './client/mtproto-client';
export { type ClientTransport, describeClientTransport } from './client/client-transport';
export { type PfsOptions } from './client/temporary-auth-keys';
export { ReconnectBackoff, type ReconnectBackoffOptions } from './client/reconnect-backoff';
export { type HttpWaitParameters } from './client/http-long-poll';
export {
  UpdatesDriver,
  isUpdates,
  type CancelTimer,
  type DeliveredUpdate,
  type UpdateAck,
  type UpdateHandler,
  type UpdatesDriverClient,
  type UpdatesDriverOptions,
} from './client/updates-driver';

// server: the MTProto server driver the local DC stands on
export {
  MtprotoServer,
  type MtprotoHandlerResult,
  type MtprotoRequestContext,
  type MtprotoRequestHandler,
  type MtprotoServerAddresses,
  type MtprotoServerEvents,
  type MtprotoServerOptions,
  type MtprotoServerRequest,
  type RequestConnection,
} from './server/mtproto-server';
export { type AuthKeyPersistHook, type ServerAuthKey } from './server/server-auth-keys';
