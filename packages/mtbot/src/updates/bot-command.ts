/** A bot command at the start of a message: `/start@my_bot x y` is `{ name: 'start', botName: 'my_bot', args: 'x y' }`. */
export interface BotCommand {
  readonly name: string;
  /** The bot the command was addressed to (`@name` suffix), without the `@`. */
  readonly botName: string | undefined;
  /** The rest of the text after the command and its first whitespace (a deep-link payload for /start). */
  readonly args: string;
}

// Telegram's command syntax (core.telegram.org/api/bots/commands): 1-32 of [a-z0-9_], optionally
// followed by @botusername; clients accept upper case too.
const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\s+([\s\S]*))?$/;

/**
 * The command at the start of `text`, or undefined when there is none or it is addressed to another
 * bot. `botUsername` is this bot's username (case does not matter); without it, any suffix counts.
 */
export function parseBotCommand(text: string, botUsername: string | undefined): BotCommand | undefined {
  const match = COMMAND.exec(text);
  if (match === null) return undefined;
  const botName = match[2];
  if (
    botName !== undefined &&
    botUsername !== undefined &&
    botName.toLowerCase() !== botUsername.toLowerCase()
  ) {
    return undefined;
  }
  return { name: match[1]!, botName, args: (match[3] ?? '').trim() };
}
