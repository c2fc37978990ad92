// Public API of mtbot: explicit named exports, grouped by area. Internals stay unexported.

// The bot client
export { BotClient } from './client/bot-client';
export type { BotUpdateHandler, RawUpdateHandler, BotErrorHandler } from './client/update-dispatcher';
export {
  TELEGRAM_PRODUCTION_DC,
  type BotClientOptions,
  type BotDcAddress,
} from './client/bot-client-options';
export { silentLogger, type BotLogger } from './client/bot-logger';
export type { PeerLike } from './client/peer-like';
export type {
  ParseMode,
  LinkPreviewOptions,
  TextOptions,
  SendMessageOptions,
  EditMessageOptions,
  ForwardMessagesOptions,
  CallbackAnswerOptions,
  InlineAnswerOptions,
  ChatAction,
  BotCommandDescription,
} from './client/message-options';
export type { MessageText } from './client/message-text';
export type { SendMediaOptions, SendDocumentOptions, DownloadMediaOptions } from './client/bot-media';
export {
  articleResult,
  photoResult,
  type InlineResult,
  type ArticleResultInput,
  type PhotoResultInput,
} from './client/inline-results';
export { BotSessionKeys, type StoredBotLogin } from './client/bot-session-keys';
export { PeerNotFoundError } from './errors/peer-not-found-error';
export { UnexpectedResultError } from './errors/unexpected-result-error';
// Core's errors that bot code meets (calls, connections, sessions, storage), so `instanceof` and
// `isInstance` need no second import. A timeout is a SessionError or TransportError with reason 'timeout'.
export {
  MtbotError,
  ConfigError,
  RpcError,
  FloodWaitError,
  MigrateError,
  TransportError,
  SessionError,
  StorageError,
  AuthKeyError,
  SecurityError,
  TlEncodeError,
  TlDecodeError,
  type RpcErrorContext,
  type TransportErrorReason,
  type SessionErrorReason,
  type StorageErrorReason,
} from 'telegram-mtproto-core';

// What a bot receives. The callback and inline query classes are exported under *Update names
// because the framework's decorators @CallbackQuery() and @InlineQuery() own the short ones.
export { Message } from './updates/message';
export { CallbackQuery as CallbackQueryUpdate } from './updates/callback-query';
export { InlineQuery as InlineQueryUpdate } from './updates/inline-query';
export type { ChatMemberUpdate, MemberStatus } from './updates/chat-member-update';
export type { BotUpdate, BotUpdateKind } from './updates/bot-update';
export type { User } from './updates/user';
export type { Chat, ChatType } from './updates/chat';
export type { MediaKind } from './updates/media-kind';
export { parseBotCommand, type BotCommand } from './updates/bot-command';
export { updateIdentity } from './updates/update-identity';
export type { UpdateAck } from 'telegram-mtproto-core';
export type { BotActions } from './updates/bot-actions';

// Formatting
export type { FormattedText } from './format/formatted-text';
export { parseHtml } from './format/html';
export { parseMarkdown } from './format/markdown';
export { FormatError, type FormatSyntax } from './format/format-error';
export { escapeHtml, escapeMarkdown } from './format/escape';
export { html, md } from './format/templates';
export { toHtml } from './format/to-html';

// Keyboards
export {
  InlineKeyboard,
  type InlineChatType,
  type SwitchInlineOptions,
  type LoginOptions,
} from './keyboards/inline-keyboard';
export { ReplyKeyboard, type RequestedPollType } from './keyboards/reply-keyboard';
export { removeKeyboard, type RemoveKeyboardOptions } from './keyboards/remove-keyboard';
export { forceReply, type ForceReplyOptions } from './keyboards/force-reply';
export { callbackDataToString, encodeCallbackData, MAX_CALLBACK_DATA_BYTES } from './keyboards/callback-data';
export { KeyboardError } from './keyboards/keyboard-error';
export { toReplyMarkup, type ReplyMarkupLike } from './keyboards/reply-markup-like';

// Files
export { FileTransferError, type FileTransferErrorReason } from './files/file-transfer-error';
export type { FileClient, FileCallOptions } from './files/file-client';
export {
  uploadFile,
  type UploadFileOptions,
  type UploadProgress,
  type UploadedFile,
} from './files/upload-file';
export type { UploadSource } from './files/upload-source';
export {
  downloadFile,
  downloadToBuffer,
  type DownloadFileOptions,
  type DownloadLocation,
  type DownloadProgress,
  type DownloadTarget,
} from './files/download-file';
export type { TransferRetryOptions } from './files/transfer-retry';
export {
  uploadedPhotoMedia,
  uploadedDocumentMedia,
  type UploadedPhotoOptions,
  type UploadedDocumentOptions,
} from './files/uploaded-media';
export { downloadableMedia, type DownloadableMedia } from './files/downloadable-media';
export { mimeTypeOf } from './files/mime-types';

// Framework: decorators, DI, routing, middleware, guards, sessions
export * from './framework';
// tsyringe, re-exported so a bot uses mtbot's own copy (a second copy has its own container and
// metadata: injection would silently break). After the framework, whose entry loads reflect-metadata.
export {
  injectable,
  singleton,
  inject,
  injectAll,
  scoped,
  Lifecycle,
  container,
  delay,
  type DependencyContainer,
  type InjectionToken,
} from 'tsyringe';

// Rate limits, ordering, broadcasts
export { type Timers, systemTimers } from './concurrency/timers';
export { ManualTimers } from './concurrency/manual-timers';
export {
  KeyedSerialExecutor,
  type KeyedSerialExecutorOptions,
  type KeyedSerialExecutorStats,
  type TaskKey,
  type TaskOptions,
  type InFlightTask,
  type DrainReport,
} from './concurrency/keyed-serial-executor';
export { QueueFullError } from './concurrency/queue-full-error';
export { QueueClosedError } from './concurrency/queue-closed-error';
export { AbortedError } from './concurrency/aborted-error';
export { type ChatId, type ChatKind, chatKindOfId } from './rate-limit/chat-kind';
export { type RateWindow } from './rate-limit/sliding-window';
export {
  type FloodWaitBudget,
  type FloodBudgetLimit,
  DEFAULT_FLOOD_WAIT_BUDGET,
} from './rate-limit/flood-wait-budget';
export { FloodBudgetExceededError } from './rate-limit/flood-budget-exceeded-error';
export { type FloodWaitEvent, type FloodWaitLogger } from './rate-limit/flood-wait-event';
export {
  FloodWaitRetrier,
  type FloodWaitRetrierOptions,
  type FloodWaitCallOptions,
  type FloodWaitRetrierEvents,
} from './rate-limit/flood-wait-retrier';
export { type SendPriority } from './rate-limit/send-priority';
export { type SendLimits, DEFAULT_SEND_LIMITS } from './rate-limit/send-limits';
export {
  SendScheduler,
  type SendSchedulerOptions,
  type ScheduleOptions,
  type SendSchedulerStats,
  type SendSchedulerEvents,
} from './rate-limit/send-scheduler';
export {
  IncomingLimiter,
  type IncomingLimiterOptions,
  type IncomingLimitOutcome,
  type IncomingLimiterStats,
} from './rate-limit/incoming-limiter';
export {
  Broadcast,
  classifyBroadcastError,
  type BroadcastOptions,
  type BroadcastProgress,
  type BroadcastReport,
  type BroadcastEvents,
  type BroadcastInterruption,
} from './broadcast/broadcast';
export { type BroadcastFailure, type BroadcastFailureKind } from './broadcast/broadcast-failure';

// Service runtime: configuration
export {
  loadBotConfig,
  BOT_ENV_SCHEMA,
  LOG_LEVELS,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  type BotConfig,
  type LoadBotConfigOptions,
  type LoadedConfig,
  type LogLevel,
} from './runtime/config/bot-config';
export { env, type StringOptions, type IntOptions, type UrlOptions } from './runtime/config/env';
export { EnvVariable, type ParseResult, type ValueParser } from './runtime/config/env-variable';
export {
  parseEnv,
  readEnv,
  type EnvSchema,
  type EnvValues,
  type EnvSource,
  type EnvReading,
} from './runtime/config/parse-env';
export { loadEnvironment, type LoadEnvironmentOptions } from './runtime/config/load-environment';
export { ConfigValidationError, type ConfigIssue } from './runtime/config/config-validation-error';
export type { SessionStoreConfig } from './runtime/config/session-store-config';
export type { LocalDcConfig, LocalDcAddress } from './runtime/config/local-dc-config';
// Service runtime: logging
export { createLogger, type CreateLoggerOptions } from './runtime/logging/create-logger';
export { prettyDestination, type LogDestination } from './runtime/logging/pretty-destination';
export {
  toMinimalLogger,
  loggerForUpdate,
  type MinimalLogger,
  type LogFields,
  type UpdateLogBindings,
} from './runtime/logging/minimal-logger';
export { redactSecrets, scrubText, isSecretKey, REDACTED, REDACTED_TOKEN } from './runtime/logging/redact';
// Service runtime: metrics
export {
  MetricsRegistry,
  type MetricsSource,
  type RenderableMetric,
} from './runtime/metrics/metrics-registry';
export { Counter } from './runtime/metrics/counter';
export { Gauge } from './runtime/metrics/gauge';
export { Histogram, DEFAULT_LATENCY_BUCKETS, type HistogramOptions } from './runtime/metrics/histogram';
export { type MetricOptions, type LabelValues } from './runtime/metrics/metric';
export { MetricsError } from './runtime/metrics/metrics-error';
export { LabelCardinalityError } from './runtime/metrics/label-cardinality-error';
export { registerBotMetrics, type BotMetrics, type UpdateOutcome } from './runtime/metrics/bot-metrics';
export { registerProcessMetrics, type ProcessProbe } from './runtime/metrics/process-metrics';
export { PROMETHEUS_CONTENT_TYPE, escapeLabelValue } from './runtime/metrics/exposition-text';
// Service runtime: HTTP endpoints
export { RuntimeHttpServer, type RuntimeHttpServerOptions } from './runtime/http/runtime-http-server';
export {
  ReadinessChecks,
  type ReadinessCheck,
  type ReadinessReport,
  type ReadinessChecksOptions,
} from './runtime/http/readiness-checks';
// Service runtime: lifecycle
export {
  ServiceRunner,
  type ServiceRunnerOptions,
  type ServiceState,
  type ProcessLike,
  type ProcessListener,
} from './runtime/lifecycle/service-runner';
export { type ServicePart, type ScheduleTimeout } from './runtime/lifecycle/service-part';
export { InFlight } from './runtime/lifecycle/in-flight';
export { ServiceStoppingError } from './runtime/lifecycle/service-stopping-error';
export { ExitCode } from './runtime/lifecycle/exit-codes';
export {
  createServiceRuntime,
  type ServiceRuntime,
  type ServiceRuntimeOptions,
} from './runtime/create-service-runtime';

// Stores
export type { KeyValueStore } from './stores/key-value-store';
export { MemoryKeyValueStore } from './stores/memory-key-value-store';
export { FileKeyValueStore } from './stores/file-key-value-store';
export { RedisKeyValueStore, type RedisKeyValueStoreOptions } from './stores/redis-key-value-store';
export { JsonSessionStore, type JsonSessionStoreOptions } from './stores/json-session-store';
export { StoreError, type StoreErrorReason } from './stores/store-error';
export { RedisSessionStorage, type RedisSessionStorageOptions } from './stores/redis-session-storage';
export {
  RedisSessionLock,
  type RedisSessionLockOptions,
  type RedisLockHolder,
} from './stores/redis-session-lock';
export type { RedisConnectionOptions } from './stores/redis-connection';

// Conversations
export { defineConversation, type Conversation, type ConversationStep } from './conversations/conversation';
export { ConversationControl, type StepDecision } from './conversations/conversation-control';
export type { ConversationState } from './conversations/conversation-state';
export { conversations, type ConversationsOptions } from './conversations/conversations-middleware';
export { enterConversation } from './conversations/enter-conversation';

// The application: client + router + per-chat ordering + send scheduling, as one service part
export { BotApplication, createBot } from './app/bot-application';
export type { BotApplicationOptions } from './app/bot-application-options';
export { Broadcaster, type AppBroadcastOptions, type AppBroadcastMessage } from './app/broadcaster';
export { runWithPriority } from './app/send-mode';

// Running a bot as a service: configuration from the environment, runtime, application, signals
export { runBot, createBotService, type RunBotOptions, type BotService } from './service/run-bot';
export {
  botClientOptionsFromConfig,
  DIRECT_LOCAL_DC_ID,
  redisSessionPrefix,
} from './service/bot-client-options-from-config';
export { BOT_CONFIG, APP_CONFIG, registerBotConfig } from './runtime/config/config-tokens';
export { fetchLocalDcInfo, type LocalDcInfo } from './service/local-dc-info';
export {
  localDcClientOptions,
  LOCAL_DC_API_HASH,
  LOCAL_DC_API_ID,
  type LocalDcClientInfo,
} from './service/local-dc-client-options';

// Dev mode: the bot on an embedded local DC and a chat with it in the terminal
export { runDevBot, DEFAULT_DEV_DATA_DIR, type DevBotOptions } from './dev/run-dev-bot';
