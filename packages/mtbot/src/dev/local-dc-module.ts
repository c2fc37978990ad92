/**
 * mtbot-local-dc, loaded at run time: it is an optional peer dependency, needed by the dev mode
 * only, so mtbot's code and types never import it. These structural types cover what the dev mode uses.
 */
import { ConfigError } from 'telegram-mtproto-core';

/** What the dev mode uses of a running `LocalDc`. */
export interface DevLocalDc {
  readonly info: {
    readonly host: string;
    readonly port: number;
    readonly controlUrl: string;
  };
  readonly defaultBot: { readonly firstName: string };
  stop(): Promise<void>;
}

/** An opaque `BotChat`: only handed from `BotChat.open` to `runTerminalChat`. */
export interface DevBotChat {
  readonly userId: bigint;
}

/** What the dev mode uses of `runTerminalChat`'s result. */
export interface DevChatResult {
  readonly sent: number;
  readonly unanswered: readonly string[];
  readonly quit: boolean;
}

/** The part of mtbot-local-dc's exports the dev mode calls. */
export interface LocalDcModule {
  readonly LocalDc: {
    start(options: { port?: number; dataDir?: string }): Promise<DevLocalDc>;
  };
  readonly BotChat: {
    open(dc: DevLocalDc, options: { user: { firstName: string; username?: string } }): DevBotChat;
  };
  runTerminalChat(options: {
    chat: DevBotChat;
    input: NodeJS.ReadableStream | AsyncIterable<string> | Iterable<string>;
    output: NodeJS.WritableStream;
    echoInput?: boolean;
    botName?: string;
    replyTimeoutMs?: number;
    signal?: AbortSignal;
  }): Promise<DevChatResult>;
}

export const LOCAL_DC_PACKAGE = 'mtbot-local-dc';

/** Node's `require`, injected in tests to stand for a project without the package. */
export type RequireFunction = (id: string) => unknown;

/**
 * Loads mtbot-local-dc; throws a ConfigError telling how to install it when it is not installed.
 * Another failure while loading it (a broken install) is rethrown as it is.
 */
export function loadLocalDcModule(load: RequireFunction = require): LocalDcModule {
  try {
    return load(LOCAL_DC_PACKAGE) as LocalDcModule;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code !== 'MODULE_NOT_FOUND' || !message.includes(`'${LOCAL_DC_PACKAGE}'`)) throw error;
    throw new ConfigError(
      'the dev mode runs the bot on an embedded local DC, which needs mtbot-local-dc: ' +
        'npm install --save-dev mtbot-local-dc (or put API_ID, API_HASH and BOT_TOKEN in .env to use Telegram)',
      { cause: error },
    );
  }
}
