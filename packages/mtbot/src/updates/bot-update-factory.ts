import {
  toBotApiId,
  type Api,
  type PeerCache,
  type PeerRef,
  type UpdateContext,
} from 'telegram-mtproto-core';
import type { BotActions } from './bot-actions';
import type { BotUpdate } from './bot-update';
import { CallbackQuery } from './callback-query';
import { peerRefOf } from './chat';
import { channelParticipantStatus, chatParticipantStatus, type ChatMemberUpdate } from './chat-member-update';
import { InlineQuery } from './inline-query';
import { Message } from './message';
import { UpdatePeers } from './update-peers';

/** A message fetched by id, with the users and chats that came with it. */
export interface FetchedMessage {
  readonly message: Api.TypeMessage;
  readonly users: readonly Api.TypeUser[];
  readonly chats: readonly Api.TypeChat[];
}

/** What the factory needs of the bot client. */
export interface BotUpdateFactoryOptions {
  /** The peer cache as it is now (the driver replaces it when it loads the stored one). */
  readonly peers: () => PeerCache;
  /** The bot's own user id and username, once known. */
  readonly self: () => { readonly id: bigint; readonly username: string | undefined } | undefined;
  readonly actions: BotActions;
  /** Fetches a message (the one a callback button is on); undefined when it cannot be had. */
  readonly fetchMessage: (chat: PeerRef, id: number) => Promise<FetchedMessage | undefined>;
}

/**
 * Turns the updates core delivers into {@link BotUpdate}s. Returns undefined for anything that is
 * none of the union's kinds, the bot's own outgoing messages included (the Bot API never shows a bot
 * its own messages); the client hands those to its raw-update hooks instead.
 */
export class BotUpdateFactory {
  constructor(private readonly options: BotUpdateFactoryOptions) {}

  async create(
    update: Api.TypeUpdate,
    context: Pick<UpdateContext, 'users' | 'chats'>,
  ): Promise<BotUpdate | undefined> {
    const peers = new UpdatePeers(context, this.options.peers());
    switch (update._) {
      case 'updateNewMessage':
      case 'updateNewChannelMessage':
      case 'updateEditMessage':
      case 'updateEditChannelMessage': {
        if (update.message._ !== 'message' || update.message.out) return undefined;
        const message = this.message(update.message, peers);
        const kind =
          update._ === 'updateNewMessage' || update._ === 'updateNewChannelMessage'
            ? 'message'
            : 'editedMessage';
        return { kind, message, chatId: message.chat.id, senderId: message.sender?.id, raw: update };
      }
      case 'updateBotCallbackQuery': {
        const chatRef = peerRefOf(update.peer);
        const fetched = await this.options.fetchMessage(chatRef, update.msg_id);
        const message =
          fetched?.message._ === 'message'
            ? this.message(fetched.message, new UpdatePeers(fetched, this.options.peers()))
            : undefined;
        const chat = peers.chat(chatRef);
        const callbackQuery = new CallbackQuery(update, {
          from: peers.user(update.user_id),
          chat,
          message,
          actions: this.options.actions,
        });
        return {
          kind: 'callbackQuery',
          callbackQuery,
          chatId: chat.id,
          senderId: update.user_id,
          raw: update,
        };
      }
      case 'updateBotInlineQuery': {
        const inlineQuery = new InlineQuery(update, peers.user(update.user_id), this.options.actions);
        return { kind: 'inlineQuery', inlineQuery, chatId: undefined, senderId: update.user_id, raw: update };
      }
      case 'updateChatParticipant':
      case 'updateChannelParticipant': {
        const chatMember = this.memberUpdate(update, peers);
        return {
          kind: 'chatMember',
          chatMember,
          chatId: chatMember.chat.id,
          senderId: update.actor_id,
          raw: update,
        };
      }
      default:
        return undefined;
    }
  }

  /** A {@link Message} built from a TL message and the peers around it. */
  message(raw: Api.Message, peers: UpdatePeers): Message {
    const self = this.options.self();
    const chat = peers.chat(raw.peer_id);
    return new Message(raw, {
      chat,
      sender: this.senderOf(raw, peers, self?.id),
      botUsername: self?.username,
      actions: this.options.actions,
    });
  }

  /** A message built from the bot's own peers (results of its calls). */
  ownMessage(raw: Api.Message, context: Pick<UpdateContext, 'users' | 'chats'>): Message {
    return this.message(raw, new UpdatePeers(context, this.options.peers()));
  }

  /**
   * Who wrote a message: `from_id` when it names a user; in a private chat without it, the other side
   * (incoming) or the bot (outgoing); nobody for channel posts and anonymous admins.
   */
  private senderOf(raw: Api.Message, peers: UpdatePeers, selfId: bigint | undefined) {
    if (raw.from_id?._ === 'peerUser') return peers.user(raw.from_id.user_id);
    if (raw.from_id !== undefined || raw.peer_id._ !== 'peerUser') return undefined;
    if (!raw.out) return peers.user(raw.peer_id.user_id);
    return selfId === undefined ? undefined : peers.user(selfId);
  }

  private memberUpdate(
    update: Api.UpdateChatParticipant | Api.UpdateChannelParticipant,
    peers: UpdatePeers,
  ): ChatMemberUpdate {
    const isChannel = update._ === 'updateChannelParticipant';
    const chatRef: PeerRef = isChannel
      ? { kind: 'channel', id: update.channel_id }
      : { kind: 'chat', id: update.chat_id };
    return {
      chat: peers.chat(chatRef),
      from: peers.user(update.actor_id),
      user: peers.user(update.user_id),
      oldStatus: isChannel
        ? channelParticipantStatus(update.prev_participant)
        : chatParticipantStatus(update.prev_participant),
      newStatus: isChannel
        ? channelParticipantStatus(update.new_participant)
        : chatParticipantStatus(update.new_participant),
      date: new Date(update.date * 1000),
    };
  }
}

/** The Bot API id of a TL peer. */
export function botApiIdOf(peer: Api.TypePeer): bigint {
  return toBotApiId(peerRefOf(peer));
}
