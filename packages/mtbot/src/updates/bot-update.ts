import type { Api } from 'telegram-mtproto-core';
import type { CallbackQuery } from './callback-query';
import type { ChatMemberUpdate } from './chat-member-update';
import type { InlineQuery } from './inline-query';
import type { Message } from './message';

/** What every {@link BotUpdate} has: the keys per-chat ordering and rate limits use, and the TL update. */
interface BotUpdateBase {
  /** The Bot API id of the chat the update belongs to, when it belongs to one. */
  readonly chatId: bigint | undefined;
  /** The user who caused the update, when there is one. */
  readonly senderId: bigint | undefined;
  readonly raw: Api.TypeUpdate;
}

/** An update a bot handles, typed by `kind`. */
export type BotUpdate =
  | (BotUpdateBase & { readonly kind: 'message'; readonly message: Message })
  | (BotUpdateBase & { readonly kind: 'editedMessage'; readonly message: Message })
  | (BotUpdateBase & { readonly kind: 'callbackQuery'; readonly callbackQuery: CallbackQuery })
  | (BotUpdateBase & { readonly kind: 'inlineQuery'; readonly inlineQuery: InlineQuery })
  | (BotUpdateBase & { readonly kind: 'chatMember'; readonly chatMember: ChatMemberUpdate });

/** The `kind`s of {@link BotUpdate}. */
export type BotUpdateKind = BotUpdate['kind'];
