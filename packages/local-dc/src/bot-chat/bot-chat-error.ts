import { hasErrorMarker, MtbotError } from 'telegram-mtproto-core';

const MARKER = Symbol.for('mtbot.error.BotChatError');

/** What went wrong in a {@link BotChatError}. */
export type BotChatErrorCode =
  /** No bot message of the chat has buttons (or the one named has none). */
  | 'NO_BUTTONS'
  /** No button has that label or position. */
  | 'UNKNOWN_BUTTON'
  /** The button does nothing a chat can do from code (a URL, a web app, ...). */
  | 'NOT_PRESSABLE'
  /** No message with that id in the chat. */
  | 'UNKNOWN_MESSAGE'
  /** A file to send does not exist or cannot be read. */
  | 'FILE_NOT_FOUND'
  /** A terminal chat line starting with `:` that is no command. */
  | 'UNKNOWN_COMMAND';

/**
 * A chat was asked something it cannot do: press a button that is not there, send a file that does
 * not exist. The chat itself goes on; the terminal chat prints the message as one line.
 */
export class BotChatError extends MtbotError {
  readonly [MARKER] = true;

  constructor(
    readonly code: BotChatErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BotChatError';
  }

  static override isInstance(value: unknown): value is BotChatError {
    return hasErrorMarker(value, MARKER);
  }
}
