import {
  RpcError,
  TypedEventEmitter,
  type Api,
  secureRandomSource,
  systemClock,
  type Clock,
  type RandomSource,
} from 'telegram-mtproto-core';
import { IdAllocator } from './id-allocator';
import { GroupChats, type GroupChatsState } from './group-chats';
import { MessageBox, type MessageBoxState } from './message-box';
import type { MessageMedium } from './media-records';
import type { BoxEvent, ForwardOrigin, StoredMessage, UserRecord } from './records';
import { checkedEntities, sameEntities } from './message-entities';
import { RandomIdLog } from './random-id-log';
import { forwardedCopy, type ForwardOptions } from './forward-copies';

/** Telegram's limit on a text message, in UTF-16 code units (core.telegram.org/api/config). */
export const MESSAGE_LENGTH_MAX = 4096;

/** Telegram's limit on a media caption for accounts without premium (core.telegram.org/api/config). */
export const CAPTION_LENGTH_MAX = 1024;

/** What a private message may carry besides its text. */
export interface PrivateMessageExtras {
  /** A photo or document (its bytes are in the file store); the text is then its caption. */
  readonly media?: MessageMedium;
  /** Buttons under the message or for the receiver's keyboard (checked in bots/reply-markup.ts). */
  readonly replyMarkup?: Api.TypeReplyMarkup;
  /** The bot whose inline result this message is. */
  readonly viaBotId?: bigint;
  /** Styled parts of the text (checked here: ENTITY_BOUNDS_INVALID). */
  readonly entities?: readonly Api.TypeMessageEntity[];
  /** The message replied to, by its id in the sender's box (REPLY_MESSAGE_ID_INVALID if unknown). */
  readonly replyToMessageId?: number;
  /** Who wrote the original, for a forwarded message. */
  readonly forwardedFrom?: ForwardOrigin;
}

/** Events of {@link World}: each names the box that changed, for the update pusher. */
export type WorldEvents = {
  /** A message entered `message.ownerId`'s box. `origin` is what the caller passed (a session). */
  messageAdded: (message: StoredMessage, event: BoxEvent, origin: unknown) => void;
  /** A message of `message.ownerId`'s box was edited. */
  messageEdited: (message: StoredMessage, event: BoxEvent, origin: unknown) => void;
};

/** The world as plain data: `boxes[i]` is the box of `accounts[i]`. */
export interface WorldState {
  readonly ids: ReturnType<IdAllocator['exportState']>;
  readonly accounts: readonly UserRecord[];
  readonly botSecrets: ReadonlyArray<readonly [bigint, string]>;
  readonly boxes: readonly MessageBoxState[];
  readonly groups: GroupChatsState;
  /** Absent in states saved before random ids were kept. */
  readonly randomIds?: ReturnType<RandomIdLog['exportState']>;
}

export interface WorldOptions {
  readonly random?: RandomSource;
  readonly clock?: Clock;
}

/** A message of one box and the pts event that changed it. */
export interface StoredChange {
  readonly message: StoredMessage;
  readonly event: BoxEvent;
}

/** Fields of a new user or bot. */
export interface NewAccount {
  readonly firstName: string;
  readonly lastName?: string;
  readonly username?: string;
}

/**
 * The emulator's in-memory world: accounts, bot tokens, and one message box per account. Operations
 * check their input the way Telegram does and throw core's {@link RpcError} with Telegram's code and
 * text (core.telegram.org/api/errors), so the MTProto handlers and the control API report the same.
 */
export class World extends TypedEventEmitter<WorldEvents> {
  private readonly ids: IdAllocator;
  private readonly clock: Clock;
  private readonly accounts = new Map<bigint, UserRecord>();
  private readonly boxes = new Map<bigint, MessageBox>();
  private readonly botSecrets = new Map<bigint, string>();
  /** Random ids of sent messages, per account (RANDOM_ID_DUPLICATE). */
  readonly randomIds = new RandomIdLog();
  /** Basic groups, supergroups and channels (world/group-chats.ts). */
  readonly groups: GroupChats;

  constructor(options: WorldOptions = {}) {
    super();
    this.ids = new IdAllocator(options.random ?? secureRandomSource);
    this.clock = options.clock ?? systemClock;
    this.groups = new GroupChats(this, options.random ?? secureRandomSource);
  }

  /** Current time in Unix seconds, as Telegram's `date` fields. */
  now(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  createUser(fields: NewAccount): UserRecord {
    return this.addAccount(this.ids.userId(), fields, false);
  }

  /** Creates a bot and its token `<id>:<secret>` (core.telegram.org/api/bots). */
  createBot(fields: NewAccount): { user: UserRecord; token: string } {
    const user = this.addAccount(this.ids.botId(), fields, true);
    const secret = this.ids.botSecret();
    this.botSecrets.set(user.id, secret);
    return { user, token: `${user.id}:${secret}` };
  }

  /** The bot a token belongs to; undefined for a malformed or wrong token. */
  botByToken(token: string): UserRecord | undefined {
    const match = /^(\d{1,19}):([A-Za-z0-9_-]+)$/.exec(token);
    if (match === null) return undefined;
    const id = BigInt(match[1]!);
    return this.botSecrets.get(id) === match[2] ? this.accounts.get(id) : undefined;
  }

  /** A bot's token, undefined for other accounts. */
  tokenOf(botId: bigint): string | undefined {
    const secret = this.botSecrets.get(botId);
    return secret === undefined ? undefined : `${botId}:${secret}`;
  }

  /** Every account (contacts.resolveUsername looks usernames up among them). */
  allAccounts(): Iterable<UserRecord> {
    return this.accounts.values();
  }

  account(id: bigint): UserRecord | undefined {
    return this.accounts.get(id);
  }

  /** The account's message box; throws USER_ID_INVALID for an unknown account. */
  box(accountId: bigint): MessageBox {
    const box = this.boxes.get(accountId);
    if (box === undefined) throw new RpcError(400, 'USER_ID_INVALID');
    return box;
  }

  /**
   * `fromId` sends `text` to `toId` in their private chat: one copy in each box, each with its own id
   * and pts. Returns the sender's copy and its box event. With a medium in `extras`, `text` is its
   * caption: it may be empty and has the caption limit.
   */
  sendPrivateMessage(
    fromId: bigint,
    toId: bigint,
    text: string,
    origin?: unknown,
    extras: PrivateMessageExtras = {},
  ): StoredChange {
    if (extras.media === undefined) checkText(text);
    else checkCaption(text, extras.media);
    const sender = this.accounts.get(fromId);
    const receiver = this.accounts.get(toId);
    if (sender === undefined) throw new RpcError(400, 'USER_ID_INVALID');
    if (receiver === undefined || receiver.id === sender.id) throw new RpcError(400, 'PEER_ID_INVALID');
    if (sender.bot && receiver.bot) throw new RpcError(400, 'USER_IS_BOT');
    const entities = checkedEntities(text, extras.entities);
    const date = this.now();
    const senderBox = this.box(fromId);
    const receiverBox = this.box(toId);
    const replied = replyTarget(senderBox, toId, extras.replyToMessageId);
    const sent = senderBox.addMessage({
      peerId: toId,
      out: true,
      fromId,
      text,
      date,
      editDate: undefined,
      counterpart: { ownerId: toId, messageId: receiverBox.peekNextMessageId() },
      media: extras.media,
      replyMarkup: extras.replyMarkup,
      viaBotId: extras.viaBotId,
      entities,
      replyToMessageId: replied?.id,
      forwardedFrom: extras.forwardedFrom,
    });
    const received = receiverBox.addMessage({
      peerId: fromId,
      out: false,
      fromId,
      text,
      date,
      editDate: undefined,
      counterpart: { ownerId: fromId, messageId: sent.message.id },
      media: extras.media,
      replyMarkup: extras.replyMarkup,
      viaBotId: extras.viaBotId,
      entities: entities === undefined ? undefined : [...entities],
      // The receiver's copy of the replied message has its own id in the receiver's box.
      replyToMessageId: replied?.counterpart.ownerId === toId ? replied.counterpart.messageId : undefined,
      forwardedFrom: extras.forwardedFrom,
    });
    this.emit('messageAdded', sent.message, sent.event, origin);
    this.emit('messageAdded', received.message, received.event, undefined);
    return sent;
  }

  /**
   * `accountId` forwards messages `messageIds` of its chat with `fromPeerId` to `toPeerId`
   * (core.telegram.org/method/messages.forwardMessages): each becomes a new message of both boxes of
   * the target chat, with new ids, the same text, entities and media, and a forward header naming the
   * original author and date (a forward of a forward keeps the first one's). Everything is checked
   * before anything is sent: `400 MESSAGE_ID_INVALID` for an id not in that chat, `400
   * RANDOM_ID_INVALID` unless there is one random id per message, `500 RANDOM_ID_DUPLICATE` for a
   * random id the account used before or twice (random-id-log.ts). Returns the sender's new copies.
   */
  forwardPrivateMessages(
    accountId: bigint,
    fromPeerId: bigint,
    messageIds: readonly number[],
    randomIds: readonly bigint[],
    toPeerId: bigint,
    origin?: unknown,
    options: ForwardOptions = {},
  ): StoredChange[] {
    const box = this.box(accountId);
    if (messageIds.length === 0) throw new RpcError(400, 'MESSAGE_ID_INVALID');
    const originals = messageIds.map((id) => {
      const message = box.message(id);
      if (message === undefined || message.peerId !== fromPeerId || message.chatId !== undefined) {
        throw new RpcError(400, 'MESSAGE_ID_INVALID');
      }
      return message;
    });
    if (randomIds.length !== messageIds.length) throw new RpcError(400, 'RANDOM_ID_INVALID');
    this.randomIds.check(accountId, randomIds);
    const sent = originals.map((original) => {
      const forwardOrigin = original.forwardedFrom ?? { fromId: original.fromId, date: original.date };
      const copy = forwardedCopy({ ...original, origin: forwardOrigin }, options);
      return this.sendPrivateMessage(accountId, toPeerId, copy.text, origin, copy.extras);
    });
    this.randomIds.record(accountId, randomIds);
    return sent;
  }

  /**
   * The author edits message `messageId` of their box (and the other side's copy with it). Throws
   * MESSAGE_ID_INVALID for an unknown id, MESSAGE_AUTHOR_REQUIRED for someone else's message and
   * MESSAGE_NOT_MODIFIED when neither the text nor the markup changes. `text` undefined keeps the text;
   * `markup` (already checked) replaces the message's buttons, and leaving it out removes them, as on
   * Telegram.
   */
  editPrivateMessage(
    accountId: bigint,
    peerId: bigint,
    messageId: number,
    text: string | undefined,
    origin?: unknown,
    markup?: { readonly replyMarkup: Api.TypeReplyMarkup | undefined; readonly changed: boolean },
    entities?: readonly Api.TypeMessageEntity[],
  ): StoredChange {
    const box = this.box(accountId);
    const message = box.message(messageId);
    if (message === undefined || message.peerId !== peerId) throw new RpcError(400, 'MESSAGE_ID_INVALID');
    if (!message.out) throw new RpcError(403, 'MESSAGE_AUTHOR_REQUIRED');
    if (text !== undefined) checkText(text);
    const newText = text ?? message.text;
    // A new text comes with its own entities (none when left out); without a text they stay.
    const newEntities = text === undefined ? message.entities : checkedEntities(newText, entities);
    const entitiesChanged = !sameEntities(message.entities, newEntities);
    if (message.text === newText && !entitiesChanged && markup?.changed !== true) {
      throw new RpcError(400, 'MESSAGE_NOT_MODIFIED');
    }
    const date = this.now();
    if (markup !== undefined) message.replyMarkup = markup.replyMarkup;
    message.entities = newEntities;
    const event = box.editMessage(message, newText, date);
    this.emit('messageEdited', message, event, origin);
    const otherBox = this.boxes.get(message.counterpart.ownerId);
    const copy = otherBox?.message(message.counterpart.messageId);
    if (otherBox !== undefined && copy !== undefined) {
      if (markup !== undefined) copy.replyMarkup = markup.replyMarkup;
      copy.entities = newEntities === undefined ? undefined : [...newEntities];
      this.emit('messageEdited', copy, otherBox.editMessage(copy, newText, date), undefined);
    }
    return { message, event };
  }

  /** Accounts, tokens and boxes as plain data, for persistence (persistence/world-snapshot.ts). */
  exportState(): WorldState {
    return {
      ids: this.ids.exportState(),
      accounts: [...this.accounts.values()],
      botSecrets: [...this.botSecrets],
      boxes: [...this.boxes.values()].map((box) => box.exportState()),
      groups: this.groups.exportState(),
      randomIds: this.randomIds.exportState(),
    };
  }

  /** Replaces everything with what {@link exportState} saw (at start, before any client). */
  importState(state: WorldState): void {
    this.ids.importState(state.ids);
    this.accounts.clear();
    this.boxes.clear();
    for (const account of state.accounts) this.accounts.set(account.id, account);
    this.botSecrets.clear();
    for (const [botId, secret] of state.botSecrets) this.botSecrets.set(botId, secret);
    state.accounts.forEach((account, index) => {
      this.boxes.set(account.id, MessageBox.fromState(account.id, state.boxes[index]!));
    });
    this.groups.importState(state.groups);
    this.randomIds.importState(state.randomIds);
  }

  private addAccount(id: bigint, fields: NewAccount, bot: boolean): UserRecord {
    if (fields.firstName.trim() === '') throw new RpcError(400, 'FIRSTNAME_INVALID');
    if (fields.username !== undefined) {
      if (!/^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(fields.username)) throw new RpcError(400, 'USERNAME_INVALID');
      const taken = [...this.accounts.values()].some(
        (account) => account.username?.toLowerCase() === fields.username!.toLowerCase(),
      );
      if (taken) throw new RpcError(400, 'USERNAME_OCCUPIED');
    }
    const user: UserRecord = {
      id,
      accessHash: this.ids.accessHash(),
      firstName: fields.firstName,
      lastName: fields.lastName,
      username: fields.username,
      bot,
    };
    this.accounts.set(id, user);
    this.boxes.set(id, new MessageBox(id));
    return user;
  }
}

/**
 * The message of `box` that a new message to `peerId` replies to: it must be in the same chat
 * (core.telegram.org/constructor/inputReplyToMessage; else `400 REPLY_MESSAGE_ID_INVALID`).
 */
function replyTarget(
  box: MessageBox,
  peerId: bigint,
  messageId: number | undefined,
): StoredMessage | undefined {
  if (messageId === undefined) return undefined;
  const message = box.message(messageId);
  if (message === undefined || message.peerId !== peerId || message.chatId !== undefined) {
    throw new RpcError(400, 'REPLY_MESSAGE_ID_INVALID');
  }
  return message;
}

/**
 * The text beside a medium: MEDIA_CAPTION_TOO_LONG past 1024 characters for a file's caption; a link
 * preview's text is a message text (MESSAGE_TOO_LONG past 4096). Empty is fine for both.
 */
export function checkCaption(caption: string, media?: MessageMedium): void {
  if (media?.kind === 'webpage') {
    if (caption.length > MESSAGE_LENGTH_MAX) throw new RpcError(400, 'MESSAGE_TOO_LONG');
  } else if (caption.length > CAPTION_LENGTH_MAX) throw new RpcError(400, 'MEDIA_CAPTION_TOO_LONG');
}

function checkText(text: string): void {
  if (text.trim() === '') throw new RpcError(400, 'MESSAGE_EMPTY');
  if (text.length > MESSAGE_LENGTH_MAX) throw new RpcError(400, 'MESSAGE_TOO_LONG');
}
