/**
 * A {@link BotChat} on text streams: plain lines are sent to the bot as the user's messages, lines
 * starting with `:` are chat commands, and the bot's messages and edits are printed as they come.
 * mtbot's dev mode runs it on the terminal; the quick start demo runs it on a script.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { BotChatError } from './bot-chat-error';
import { DEFAULT_REPLY_TIMEOUT_MS, type BotChat } from './bot-chat';
import { inputLines, type ChatInput } from './chat-input-lines';
import {
  renderBotEvent,
  renderCallbackAnswer,
  renderError,
  renderNotice,
  renderUserLine,
  type ChatRenderOptions,
} from './chat-renderer';

export interface TerminalChatOptions {
  readonly chat: BotChat;
  /** A text stream (e.g. `process.stdin`) or strings of lines (a script). */
  readonly input: ChatInput;
  readonly output: NodeJS.WritableStream;
  /**
   * Print each input line as `you › …`: the input is a script, not a person typing (who sees their
   * line already). A scripted press also waits up to 3 s for the bot's message when the answer came
   * first, so the transcript keeps the bot's messages before the next line. Default false.
   */
  readonly echoInput?: boolean;
  /** ANSI colors and styles. Default: when `output` is a TTY and NO_COLOR is not set (no-color.org). */
  readonly color?: boolean;
  /** Shown before the bot's lines. Default `bot`. */
  readonly botName?: string;
  /** How long to wait for the bot's first answer to a line. Default 5 s. */
  readonly replyTimeoutMs?: number;
  /** Ends the chat (after the line being handled) as if the input had ended. */
  readonly signal?: AbortSignal;
}

/** How a terminal chat went. */
export interface TerminalChatResult {
  /** Lines sent to the bot (messages, presses, files); chat commands like `:help` are not counted. */
  readonly sent: number;
  /**
   * The lines that got no answer: the bot did not answer in time, or the line failed (an unknown
   * command or button, a missing file, an error); empty when every line was answered.
   */
  readonly unanswered: readonly string[];
  /** The chat ended with `:quit` (or Ctrl-C on a terminal) rather than at the end of the input. */
  readonly quit: boolean;
}

/** With a script (echoInput), how long a press that got no message yet waits for one. */
export const SCRIPTED_PRESS_FOLLOW_UP_MS = 3_000;

export const TERMINAL_CHAT_HELP = [
  'type a message and press Enter to send it to the bot; commands:',
  '  :press <n|label>  press a button of the latest bot message with buttons',
  '  :photo <path> [caption]   send a JPEG or PNG as a photo',
  '  :file <path> [caption]    send any file as a document',
  '  :help             this help',
  '  :quit             end the chat',
];

const MIME_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
};

async function readUserFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BotChatError(
      'FILE_NOT_FOUND',
      code === 'ENOENT' ? `no file at ${path}` : `cannot read ${path}: ${code ?? String(error)}`,
      { cause: error },
    );
  }
}

/** `<path> [caption]`: the first word is the path (a path with spaces in double quotes). */
function pathAndCaption(argument: string): { path: string; caption: string | undefined } {
  const quoted = /^"([^"]+)"\s*(.*)$/.exec(argument);
  const [path, caption] = quoted === null ? splitFirstWord(argument) : [quoted[1]!, quoted[2]!];
  return { path, caption: caption === '' ? undefined : caption };
}

function splitFirstWord(text: string): [string, string] {
  const space = text.search(/\s/);
  return space < 0 ? [text, ''] : [text.slice(0, space), text.slice(space).trim()];
}

/**
 * Runs the chat until the input ends or `:quit`; resolves with what happened. Bad commands, unknown
 * buttons, missing files and the bot's errors print one line and the chat goes on.
 *
 * @example
 * ```ts
 * const chat = BotChat.open(dc, { user: { firstName: 'You' } });
 * await runTerminalChat({ chat, input: process.stdin, output: process.stdout });
 * ```
 */
export async function runTerminalChat(options: TerminalChatOptions): Promise<TerminalChatResult> {
  const { chat, output } = options;
  const isTty = (stream: unknown): boolean => (stream as { isTTY?: boolean }).isTTY === true;
  const render: ChatRenderOptions = {
    color: options.color ?? (isTty(output) && (process.env['NO_COLOR'] ?? '') === ''),
    botName: options.botName ?? 'bot',
  };
  const timeoutMs = options.replyTimeoutMs;
  // A script's next line must wait for what a press makes the bot send, even when the bot's flood
  // limits delay it (Telegram's: a burst of 3, then about 1 a second per chat); a person need not.
  const followUpMs = options.echoInput === true ? SCRIPTED_PRESS_FOLLOW_UP_MS : undefined;
  const interactive = isTty(options.input);
  const { lines, readline } = inputLines(
    options.input,
    interactive ? { output, prompt: render.color ? '\u001b[1;32myou › \u001b[0m' : 'you › ' } : undefined,
  );
  let busy = false;
  const write = (text: string): void => {
    if (text === '') return;
    // On a terminal, a message arriving while the user types goes above the prompt line.
    if (readline !== undefined && interactive && !busy) {
      output.write(`\r\u001b[K${text}`);
      readline.prompt(true);
    } else {
      output.write(text);
    }
  };
  const stopEvents = chat.onBotEvent((event) => write(renderBotEvent(event, render)));
  const unanswered: string[] = [];
  let sent = 0;
  let quit = false;

  /** Runs one line; returns false for `:quit`. */
  const handle = async (line: string): Promise<boolean> => {
    if (!line.startsWith(':')) {
      sent++;
      return (await chat.send(line, { timeoutMs })).length > 0;
    }
    const [command, argument] = splitFirstWord(line.slice(1));
    switch (command.toLowerCase()) {
      case 'quit':
      case 'q':
      case 'exit':
        quit = true;
        return true;
      case 'help':
        for (const helpLine of TERMINAL_CHAT_HELP) write(renderNotice(helpLine, render));
        return true;
      case 'press': {
        if (argument === '') throw new BotChatError('UNKNOWN_BUTTON', 'usage: :press <number or label>');
        const message = chat.latestWithButtons();
        const button = chat.buttonOf(message, argument);
        sent++;
        // A reply keyboard button sends its label, as in Telegram's apps.
        if (button.kind === 'reply') return (await chat.send(button.label, { timeoutMs })).length > 0;
        const { answer } = await chat.press(message, button.number, { timeoutMs, followUpMs });
        write(renderCallbackAnswer(answer, render));
        return true;
      }
      case 'photo':
      case 'file': {
        if (argument === '') throw new BotChatError('FILE_NOT_FOUND', `usage: :${command} <path> [caption]`);
        const { path, caption } = pathAndCaption(argument);
        const bytes = await readUserFile(path);
        sent++;
        const replies =
          command === 'photo'
            ? await chat.sendPhoto(bytes, { caption, timeoutMs })
            : await chat.sendDocument(bytes, {
                caption,
                timeoutMs,
                fileName: basename(path),
                mimeType: MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
              });
        return replies.length > 0;
      }
      default:
        throw new BotChatError('UNKNOWN_COMMAND', `unknown command :${command}; :help lists the commands`);
    }
  };

  const iterator = lines[Symbol.asyncIterator]();
  // A pending read cannot be cancelled, so the abort races it.
  const aborted = new Promise<IteratorResult<string>>((resolve) => {
    const end = (): void => resolve({ done: true, value: undefined });
    if (options.signal?.aborted === true) end();
    else options.signal?.addEventListener('abort', end, { once: true });
  });
  try {
    readline?.prompt();
    for (;;) {
      const next = await Promise.race([iterator.next(), aborted]);
      if (next.done === true) break;
      const rawLine = next.value;
      const line = rawLine.trim();
      if (line === '') {
        readline?.prompt();
        continue;
      }
      if (options.echoInput === true) write(renderUserLine(line, render));
      busy = true;
      try {
        if (!(await handle(line))) {
          unanswered.push(line);
          write(
            renderNotice(
              `no answer from the bot within ${(timeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS) / 1000} s`,
              render,
            ),
          );
        }
      } catch (error) {
        // Mistakes (unknown button, missing file) and failures (a press the bot never answered)
        // alike: one line, and the chat goes on.
        unanswered.push(line);
        write(renderError(error instanceof Error ? error.message : String(error), render));
      } finally {
        busy = false;
      }
      if (quit) break;
      readline?.prompt();
    }
  } finally {
    stopEvents();
    void iterator.return?.().catch(() => undefined);
    readline?.close();
  }
  return { sent, unanswered, quit };
}
