// Public API of mtbot-local-dc: explicit named exports. Internals (handlers, routes) stay unexported.

// the emulator
export { LocalDc, type LocalDcInfo, type LocalDcStartOptions, type UserMessageInput } from './local-dc';
export { WaitTimeoutError, type BotMessageQuery } from './message-waiter';

// the world it serves
export {
  World,
  MESSAGE_LENGTH_MAX,
  type NewAccount,
  type StoredChange,
  type WorldEvents,
} from './world/world';
export type { BoxEvent, StoredMessage, UserRecord } from './world/records';

// media and DCs
export type { UserMediaInput } from './user-media';
export type {
  MessageMedium,
  StoredDocument,
  StoredMedia,
  StoredPhoto,
  StoredWebPage,
} from './world/media-records';
export {
  FileStore,
  STORAGE_FULL_ERROR,
  STREAMED_TOTAL_PARTS,
  UPLOAD_PART_SIZE_MAX,
  UPLOAD_PARTS_MAX,
} from './world/file-store';
export { DcDirectory, type DcAddress } from './mtproto/dc-directory';

// bots: buttons, callback queries, inline mode, commands
export { LocalDcBots, type ButtonPressInput } from './local-dc-bots';
export type { CallbackAnswer, CallbackQuery } from './bots/callback-queries';
export type {
  ChosenInlineResult,
  InlineQuery,
  InlineResults,
  InlineQueryInput,
  InlineResultChoice,
} from './bots/inline-queries';
export type { BotCommandEntry } from './bots/bot-commands';

// groups and channels: members, admins, bans, messages
export { LocalDcGroups, type GroupMessageView, type NewGroupInput } from './local-dc-groups';
export {
  ALL_ADMIN_RIGHTS,
  DEFAULT_ADMIN_RIGHTS,
  type AdminRight,
  type BannedMember,
  type BasicGroupRecord,
  type ChannelMessage,
  type ChannelRecord,
  type GroupMember,
  type GroupRecord,
  type ParticipantEvent,
  type ServiceAction,
} from './world/group-records';

// a user's chat with a bot, from code or a terminal
export {
  BotChat,
  DEFAULT_REPLY_TIMEOUT_MS,
  DEFAULT_SETTLE_MS,
  type BotChatEvent,
  type BotChatOpenOptions,
  type BotChatOptions,
  type DocumentOptions,
  type MediaOptions,
  type PressOptions,
  type PressResult,
  type ReplyOptions,
  type SendOptions,
} from './bot-chat/bot-chat';
export { BotChatError, type BotChatErrorCode } from './bot-chat/bot-chat-error';
export { buttonsOf, type MessageButton } from './bot-chat/message-buttons';
export {
  runTerminalChat,
  TERMINAL_CHAT_HELP,
  type TerminalChatOptions,
  type TerminalChatResult,
} from './bot-chat/terminal-chat';
export type { ChatInput } from './bot-chat/chat-input-lines';

// moderation, migration and inline messages
export { BANNED_RIGHTS, type BannedRight, type Restriction } from './world/member-restrictions';
export { CHAT_SIZE_MAX } from './world/group-checks';
export type { InlineMessage, InlineMessageLocation } from './bots/inline-messages';
