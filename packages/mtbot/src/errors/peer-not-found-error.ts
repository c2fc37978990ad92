import { MtbotError } from 'telegram-mtproto-core';

const MARKER = Symbol.for('mtbot.error.PeerNotFoundError');

/**
 * A peer the bot cannot address: a username nobody has, or an id whose access hash the bot has never
 * seen (Telegram only lets a bot write to users and chats it has met: a message, a resolve, a join).
 *
 * @example
 * ```ts
 * try { await bot.sendMessage(123456789, 'hi') } catch (error) {
 *   if (PeerNotFoundError.isInstance(error)) console.log(`unknown: ${error.peer}`);
 * }
 * ```
 */
export class PeerNotFoundError extends MtbotError {
  readonly [MARKER] = true;

  constructor(
    /** The peer as the caller named it (`@name`, `user 123`, ...). */
    readonly peer: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot address ${peer}: ${reason}`, options);
    this.name = 'PeerNotFoundError';
  }

  static override isInstance(value: unknown): value is PeerNotFoundError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }
}
