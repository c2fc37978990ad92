/**
 * A user's private chat with a bot, driven from code: send as the user, press the bot's buttons, and
 * get what the bot sent or edited in reply. Tests, the terminal chat and mtbot's dev mode share it.
 */
import type { CallbackAnswer } from '../bots/callback-queries';
import type { LocalDc } from '../local-dc';
import type { StoredMessage } from '../world/records';
import type { NewAccount } from '../world/world';
import { BotChatError } from './bot-chat-error';
import { buttonsOf, findButton, type MessageButton } from './message-buttons';

/** How long to wait for the bot's first message of a reply. */
export const DEFAULT_REPLY_TIMEOUT_MS = 5_000;
/** A reply is over when the bot has been quiet this long. */
export const DEFAULT_SETTLE_MS = 250;

/** A bot message arriving in the chat, or an earlier one the bot edited. */
export interface BotChatEvent {
  readonly kind: 'message' | 'edit';
  /** The user's copy, as it is after the event. */
  readonly message: StoredMessage;
}

export interface BotChatOptions {
  readonly userId: bigint;
  readonly botId: bigint;
  /** A reply is over when the bot has been quiet this long. Default 250 ms. */
  readonly settleMs?: number;
}

export interface BotChatOpenOptions {
  /**
   * The user to chat as. A user with the same username already in the world (e.g. restored from a
   * data dir) is reused. Default: a new user "Tester".
   */
  readonly user?: NewAccount;
  /** Default: the DC's default bot. */
  readonly botId?: bigint;
  readonly settleMs?: number;
}

/** Options of the calls that wait for the bot's reply. */
export interface ReplyOptions {
  /** How long to wait for the bot's first message. Default 5 s. */
  readonly timeoutMs?: number;
}

export interface PressOptions extends ReplyOptions {
  /**
   * When the bot answered the press without a message yet, how long to wait for one (a bot may
   * answer first and send after, later still when its flood limits hold the message back).
   * Default: the settle time.
   */
  readonly followUpMs?: number;
}

export interface SendOptions extends ReplyOptions {
  /** A message of the chat to reply to (its id in the user's box). */
  readonly replyToMessageId?: number;
}

export interface MediaOptions extends ReplyOptions {
  readonly caption?: string;
}

export interface DocumentOptions extends MediaOptions {
  /** Default `file`. */
  readonly fileName?: string;
  /** Default `application/octet-stream`. */
  readonly mimeType?: string;
}

/** What a press got: the bot's callback answer and the messages it sent or edited. */
export interface PressResult {
  readonly answer: CallbackAnswer;
  readonly messages: StoredMessage[];
}

/**
 * @example
 * ```ts
 * const chat = BotChat.open(dc);
 * const [menu] = await chat.send('/start');
 * const { answer, messages } = await chat.press(menu!, 'Help');
 * ```
 */
export class BotChat {
  readonly userId: bigint;
  readonly botId: bigint;
  private readonly settleMs: number;

  constructor(
    private readonly dc: LocalDc,
    options: BotChatOptions,
  ) {
    this.userId = options.userId;
    this.botId = options.botId;
    this.settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
  }

  /** A chat with `botId` (default: the DC's bot) as `user` (reused by username, else created). */
  static open(dc: LocalDc, options: BotChatOpenOptions = {}): BotChat {
    const fields = options.user ?? { firstName: 'Tester' };
    const existing =
      fields.username === undefined
        ? undefined
        : [...dc.world.allAccounts()].find((account) => !account.bot && account.username === fields.username);
    const user = existing ?? dc.createUser(fields);
    return new BotChat(dc, {
      userId: user.id,
      botId: options.botId ?? dc.defaultBot.id,
      ...(options.settleMs === undefined ? {} : { settleMs: options.settleMs }),
    });
  }

  /**
   * Calls `listener` for each bot message that arrives in the chat and each edit of one, as they
   * happen (whichever call caused them, or none). Returns the function that stops it.
   */
  onBotEvent(listener: (event: BotChatEvent) => void): () => void {
    const isBots = (message: StoredMessage): boolean =>
      message.ownerId === this.userId &&
      message.peerId === this.botId &&
      message.chatId === undefined &&
      !message.out;
    const stopAdded = this.dc.world.on('messageAdded', (message) => {
      if (isBots(message)) listener({ kind: 'message', message });
    });
    const stopEdited = this.dc.world.on('messageEdited', (message) => {
      if (isBots(message)) listener({ kind: 'edit', message });
    });
    return () => {
      stopAdded();
      stopEdited();
    };
  }

  /**
   * Sends `text` as the user; resolves with the bot's messages that arrived (or were edited) in
   * reply: it waits for the first up to `timeoutMs`, then until the bot is quiet for the settle
   * time. An empty array means the bot did not answer in time.
   */
  send(text: string, options: SendOptions = {}): Promise<StoredMessage[]> {
    return this.collect(options.timeoutMs, () =>
      this.dc.sendUserMessage({
        fromUserId: this.userId,
        toUserId: this.botId,
        text,
        ...(options.replyToMessageId === undefined ? {} : { replyToMessageId: options.replyToMessageId }),
      }),
    ).then(({ messages }) => messages);
  }

  /** Sends a photo (JPEG or PNG bytes) as the user; resolves like {@link BotChat.send}. */
  sendPhoto(bytes: Uint8Array, options: MediaOptions = {}): Promise<StoredMessage[]> {
    return this.collect(options.timeoutMs, () =>
      this.dc.sendUserPhoto({
        fromUserId: this.userId,
        toUserId: this.botId,
        bytes,
        caption: options.caption,
      }),
    ).then(({ messages }) => messages);
  }

  /** Sends a document as the user; resolves like {@link BotChat.send}. */
  sendDocument(bytes: Uint8Array, options: DocumentOptions = {}): Promise<StoredMessage[]> {
    return this.collect(options.timeoutMs, () =>
      this.dc.sendUserDocument({
        fromUserId: this.userId,
        toUserId: this.botId,
        bytes,
        caption: options.caption,
        fileName: options.fileName,
        mimeType: options.mimeType,
      }),
    ).then(({ messages }) => messages);
  }

  /**
   * Presses an inline button of a bot message (the message or its id) by its label, its number (from
   * 1, row by row) or its [row, column] (from 0); resolves with the bot's callback answer and the
   * messages it sent or edited meanwhile and until it was quiet for the settle time. Throws
   * {@link BotChatError} for a message or button that is not there, and core's RpcError
   * BOT_RESPONSE_TIMEOUT when the bot does not answer within `timeoutMs`.
   */
  async press(
    message: StoredMessage | number,
    button: string | number | readonly [number, number],
    options: PressOptions = {},
  ): Promise<PressResult> {
    const target = this.botMessage(message);
    const pressed = this.buttonOf(target, button);
    if (pressed.kind !== 'callback') {
      throw new BotChatError(
        'NOT_PRESSABLE',
        pressed.kind === 'reply'
          ? `"${pressed.label}" is a reply keyboard button: send its label as a message`
          : `"${pressed.label}" is a ${pressed.kind === 'url' ? 'link' : 'kind of button'} a chat cannot press`,
      );
    }
    const { result, messages } = await this.collect(
      options.timeoutMs,
      () =>
        this.dc.bots.pressButton({
          userId: this.userId,
          botId: this.botId,
          messageId: target.id,
          row: pressed.row,
          column: pressed.column,
          timeoutMs: options.timeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS,
        }),
      options.followUpMs,
    );
    return { answer: result, messages };
  }

  /** The chat as the user sees it, oldest first. */
  history(): StoredMessage[] {
    return this.dc.history(this.userId, this.botId);
  }

  /** The latest bot message with an inline or reply keyboard; throws NO_BUTTONS when there is none. */
  latestWithButtons(): StoredMessage {
    const history = this.history();
    for (let index = history.length - 1; index >= 0; index--) {
      const message = history[index]!;
      if (!message.out && buttonsOf(message).length > 0) return message;
    }
    throw new BotChatError('NO_BUTTONS', 'no bot message in this chat has buttons');
  }

  /** The button `choice` names on `message`; throws {@link BotChatError} when there is none. */
  buttonOf(message: StoredMessage, choice: string | number | readonly [number, number]): MessageButton {
    const buttons = buttonsOf(message);
    if (buttons.length === 0) throw new BotChatError('NO_BUTTONS', `message ${message.id} has no buttons`);
    const found = findButton(buttons, choice);
    if (found === undefined) {
      const shown = Array.isArray(choice) ? `[${choice.join(', ')}]` : `"${String(choice)}"`;
      const labels = buttons.map((button) => `${button.number} ${button.label}`).join(', ');
      throw new BotChatError(
        'UNKNOWN_BUTTON',
        `no button ${shown} on message ${message.id} (buttons: ${labels})`,
      );
    }
    return found;
  }

  private botMessage(message: StoredMessage | number): StoredMessage {
    const id = typeof message === 'number' ? message : message.id;
    const found = this.history().find((candidate) => candidate.id === id && !candidate.out);
    if (found === undefined) throw new BotChatError('UNKNOWN_MESSAGE', `no bot message ${id} in this chat`);
    return found;
  }

  /**
   * Runs `action` and gathers the bot's messages and edits it causes: the first awaited up to
   * `timeoutMs` (for a press, `followUpMs` once it is answered), then more until a quiet settle time.
   * A message edited several times is listed once, in its latest state.
   */
  private async collect<T>(
    timeoutMs: number | undefined,
    action: () => T | Promise<T>,
    followUpMs?: number,
  ): Promise<{ result: T; messages: StoredMessage[] }> {
    const seen = new Map<number, StoredMessage>();
    let wake: (() => void) | undefined;
    const stop = this.onBotEvent(({ message }) => {
      seen.delete(message.id);
      seen.set(message.id, message);
      wake?.();
    });
    // Resolves on the next event or after `ms`, whichever comes first: true when an event came.
    const nextEvent = (ms: number): Promise<boolean> =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          wake = undefined;
          resolve(false);
        }, ms);
        wake = () => {
          clearTimeout(timer);
          wake = undefined;
          resolve(true);
        };
      });
    try {
      const pending = action();
      const isPress = pending instanceof Promise;
      const result = await pending;
      // A press resolves once the bot answered: its messages usually came just before or come
      // right after, so only `followUpMs` is waited for a first one. A message waits for the reply.
      if (seen.size === 0) {
        const firstWaitMs = isPress ? (followUpMs ?? this.settleMs) : (timeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS);
        if (!(await nextEvent(firstWaitMs))) return { result, messages: [] };
      }
      while (await nextEvent(this.settleMs));
      return { result, messages: [...seen.values()] };
    } finally {
      stop();
    }
  }
}
