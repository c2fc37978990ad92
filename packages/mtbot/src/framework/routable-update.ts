import type { FormattedText } from '../format/formatted-text';
/**
 * The shape of an incoming update as the framework sees it: a structural subset of the update objects
 * of `src/updates` (see the shared contract), with the same field names, so those classes satisfy it
 * without an adapter and tests can drive the router with small fakes.
 */

import type { ChatType } from '../updates/chat';
import type { MemberStatus } from '../updates/chat-member-update';
import type { MediaKind } from '../updates/media-kind';

/** Kind of chat, as in the Bot API. */
export type RoutableChatType = ChatType;

/** What a message carries; `text` is a plain text message. */
export type RoutableMediaKind = MediaKind;

/** A member's status in a chat, before or after a chat member update. */
export type RoutableMemberStatus = MemberStatus;

export interface RoutableUser {
  readonly id: bigint;
  readonly isBot: boolean;
  readonly firstName: string;
  readonly username?: string;
}

export interface RoutableChat {
  readonly id: bigint;
  readonly type: RoutableChatType;
  readonly title?: string;
  readonly username?: string;
}

/** A bot command parsed from a message's first entity: `/start@my_bot x y`. */
export interface RoutableCommand {
  readonly name: string;
  readonly botName: string | undefined;
  readonly args: string;
}

export interface RoutableMessage {
  readonly id: number;
  readonly chat: RoutableChat;
  readonly sender: RoutableUser | undefined;
  /** Text or caption; `''` when there is none. */
  readonly text: string;
  readonly mediaKind: RoutableMediaKind;
  readonly command: RoutableCommand | undefined;
  /** Sends a message to this message's chat. */
  reply(text: string | FormattedText, options?: object): Promise<unknown>;
  /** Edits this message. */
  edit(text: string | FormattedText, options?: object): Promise<unknown>;
}

export interface RoutableCallbackQuery {
  readonly id: bigint;
  readonly from: RoutableUser;
  readonly data: string | undefined;
  readonly message: RoutableMessage | undefined;
  readonly chat: RoutableChat | undefined;
  answer(options?: {
    text?: string;
    alert?: boolean;
    url?: string;
    cacheTimeSeconds?: number;
  }): Promise<void>;
}

export interface RoutableInlineQuery {
  readonly id: bigint;
  readonly from: RoutableUser;
  readonly query: string;
  readonly offset: string;
  answer(results: readonly unknown[], options?: object): Promise<void>;
}

export interface RoutableChatMemberUpdate {
  readonly chat: RoutableChat;
  readonly from: RoutableUser;
  readonly user: RoutableUser;
  readonly oldStatus: RoutableMemberStatus;
  readonly newStatus: RoutableMemberStatus;
}

interface UpdateKeys {
  /** The chat the update belongs to, if any (what per-chat ordering and sessions key on). */
  readonly chatId: bigint | undefined;
  /** The user who caused it, if any. */
  readonly senderId: bigint | undefined;
}

/** One incoming update, discriminated by `kind`, as the bot client delivers it. */
export type RoutableUpdate =
  | (UpdateKeys & { readonly kind: 'message'; readonly message: RoutableMessage })
  | (UpdateKeys & { readonly kind: 'editedMessage'; readonly message: RoutableMessage })
  | (UpdateKeys & { readonly kind: 'callbackQuery'; readonly callbackQuery: RoutableCallbackQuery })
  | (UpdateKeys & { readonly kind: 'inlineQuery'; readonly inlineQuery: RoutableInlineQuery })
  | (UpdateKeys & { readonly kind: 'chatMember'; readonly chatMember: RoutableChatMemberUpdate });

/** The `kind` of an update. */
export type RoutableUpdateKind = RoutableUpdate['kind'];

/** Every media kind, for validating `@On(...)` at start-up. */
export const routableMediaKinds: ReadonlySet<string> = new Set<RoutableMediaKind>([
  'text',
  'photo',
  'document',
  'video',
  'audio',
  'voice',
  'videoNote',
  'animation',
  'sticker',
  'location',
  'contact',
  'poll',
  'other',
]);

/** Every chat type, for validating `chatType` filters at start-up. */
export const routableChatTypes: readonly RoutableChatType[] = ['private', 'group', 'supergroup', 'channel'];

/** Every member status, for validating `@ChatMember(...)` filters at start-up. */
export const routableMemberStatuses: ReadonlySet<string> = new Set<RoutableMemberStatus>([
  'creator',
  'administrator',
  'member',
  'restricted',
  'left',
  'kicked',
]);
