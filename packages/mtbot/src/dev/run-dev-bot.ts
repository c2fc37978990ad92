import { resolve } from 'node:path';
import { ConfigError } from 'telegram-mtproto-core';
import { loadEnvironment } from '../runtime/config/load-environment';
import type { EnvSchema, EnvSource } from '../runtime/config/parse-env';
import { ExitCode } from '../runtime/lifecycle/exit-codes';
import { createLogger } from '../runtime/logging/create-logger';
import { LOCAL_DC_API_HASH, LOCAL_DC_API_ID } from '../service/local-dc-client-options';
import { createBotService, runBot, type BotService, type RunBotOptions } from '../service/run-bot';
import { devBanner } from './dev-banner';
import {
  loadLocalDcModule,
  type DevChatResult,
  type DevLocalDc,
  type LocalDcModule,
  type RequireFunction,
} from './local-dc-module';

/** Where the embedded local DC keeps its world when {@link DevBotOptions.devDataDir} is not given. */
export const DEFAULT_DEV_DATA_DIR = '.mtbot-dev';

/** The dev user the chat runs as; found again by username in a kept world. */
const DEV_USER = { firstName: 'You', username: 'mtbot_dev_user' } as const;

/** Any of these set means a real (or external) server is meant: the dev mode is then {@link runBot}. */
const ONLINE_VARIABLES = ['API_ID', 'API_HASH', 'BOT_TOKEN', 'LOCAL_DC_URL'] as const;

/** Options of {@link runDevBot} besides {@link RunBotOptions}. */
export interface DevBotOptions {
  /**
   * Where the embedded local DC keeps its world (users, chats, the bot's session) between runs,
   * relative to the working directory. Default `.mtbot-dev`; `false`: memory only.
   */
  readonly devDataDir?: string | false;
  /** The chat's input: a text stream, or lines (a script). Default `process.stdin`. */
  readonly chatInput?: NodeJS.ReadableStream | AsyncIterable<string> | Iterable<string>;
  /** Where the banner and the chat go. Default `process.stdout`. */
  readonly chatOutput?: NodeJS.WritableStream;
  /** Print each input line as `you › …`. Default: when the input is not a terminal. */
  readonly echoInput?: boolean;
  /** How long the chat waits for the bot's answer to a line. Default 5 s. */
  readonly replyTimeoutMs?: number;
  /**
   * End with ExitCode.Failure (after the usual graceful stop) when the bot left a line of the chat
   * unanswered: for scripted chats such as demos and smoke tests. Default false.
   */
  readonly failOnUnanswered?: boolean;
  /** Stands in for Node's `require` when loading mtbot-local-dc (tests). */
  readonly requireModule?: RequireFunction;
}

const isOnline = (source: EnvSource): boolean =>
  ONLINE_VARIABLES.some((name) => (source[name] ?? '').trim() !== '');

/** As runBot does for a bad configuration: one fatal log line, exit code 2. */
function startupFailed(options: RunBotOptions<EnvSchema>, error: ConfigError): ExitCode {
  const logger = createLogger({
    level: 'info',
    pretty: options.prettyLogs ?? true,
    destination: options.logDestination ?? process.stderr,
  });
  logger.fatal(error.message);
  logger.flush();
  return exitWith(options, ExitCode.StartupFailed);
}

function exitWith(options: RunBotOptions<EnvSchema>, code: ExitCode): ExitCode {
  const proc = options.runnerOptions?.process ?? process;
  proc.exitCode = code;
  if (options.runnerOptions?.exitProcess ?? true) proc.exit(code);
  return code;
}

/**
 * `npm run dev`. With API_ID, API_HASH and BOT_TOKEN (or LOCAL_DC_URL) in the environment or `.env`
 * it is {@link runBot} with pretty logs. Without them it starts an embedded local DC (mtbot-local-dc,
 * an optional peer dependency loaded only here: a ConfigError says how to install it when missing),
 * runs the bot on it as runBot would, and opens a chat with the bot as the user "You" on
 * `chatInput`/`chatOutput`; the bot's logs go to stderr at warn level (LOG_LEVEL still wins). The end
 * of the input, `:quit` or Ctrl-C stops the bot gracefully and then the local DC; it resolves with the
 * runner's {@link ExitCode} (and exits with it unless `runnerOptions.exitProcess` is false).
 *
 * @example
 * ```ts
 * // src/dev.ts
 * void runDevBot({ controllers: [Greeter] });
 * ```
 */
export async function runDevBot<S extends EnvSchema = Record<never, never>>(
  options: RunBotOptions<S> & DevBotOptions,
): Promise<ExitCode> {
  const {
    devDataDir,
    chatInput,
    chatOutput,
    echoInput,
    replyTimeoutMs,
    failOnUnanswered,
    requireModule,
    ...botOptions
  } = options;
  let source: EnvSource;
  let localDc: LocalDcModule;
  try {
    source = loadEnvironment({ env: botOptions.env, envFile: botOptions.envFile });
    if (isOnline(source)) return await runBot({ ...botOptions, prettyLogs: botOptions.prettyLogs ?? true });
    localDc = loadLocalDcModule(requireModule);
  } catch (error) {
    if (!ConfigError.isInstance(error)) throw error;
    return startupFailed(botOptions, error);
  }

  const dataDir = devDataDir === false ? undefined : (devDataDir ?? DEFAULT_DEV_DATA_DIR);
  let dc: DevLocalDc;
  try {
    dc = await localDc.LocalDc.start({
      port: 0,
      ...(dataDir === undefined ? {} : { dataDir: resolve(dataDir) }),
    });
  } catch (error) {
    const where = dataDir === undefined ? '' : ` (data dir ${dataDir}; delete it to start afresh)`;
    const reason = error instanceof Error ? error.message : String(error);
    return startupFailed(
      botOptions,
      new ConfigError(`the embedded local DC did not start${where}: ${reason}`, { cause: error }),
    );
  }
  let service: BotService<S>;
  try {
    service = await createBotService<S>({
      ...botOptions,
      env: {
        ...source,
        API_ID: String(LOCAL_DC_API_ID),
        API_HASH: LOCAL_DC_API_HASH,
        LOCAL_DC_URL: dc.info.controlUrl,
        SESSION_STORE: dataDir === undefined ? 'memory' : `file:${resolve(dataDir, 'bot.session.json')}`,
        LOG_LEVEL: source['LOG_LEVEL'] ?? 'warn',
      },
      envFile: false,
      prettyLogs: botOptions.prettyLogs ?? true,
      logDestination: botOptions.logDestination ?? process.stderr,
      // The local DC must stop (and save its world) after the bot: the exit is ours to make.
      runnerOptions: { ...botOptions.runnerOptions, exitProcess: false },
    });
  } catch (error) {
    await dc.stop();
    if (!ConfigError.isInstance(error)) throw error;
    return startupFailed(botOptions, error);
  }

  const { runner } = service;
  const output = chatOutput ?? process.stdout;
  const input = chatInput ?? process.stdin;
  const endChat = new AbortController();
  let chatResult: DevChatResult | undefined;
  // Added after the bot, the chat opens once the bot has started and closes before it stops.
  runner.add('dev chat', {
    start: () => {
      const chat = localDc.BotChat.open(dc, { user: DEV_USER });
      const botName = dc.defaultBot.firstName;
      output.write(
        devBanner({
          address: `${dc.info.host}:${dc.info.port}`,
          dataDir,
          botName,
          userName: DEV_USER.firstName,
        }),
      );
      localDc
        .runTerminalChat({
          chat,
          input,
          output,
          echoInput: echoInput ?? (input as { isTTY?: boolean }).isTTY !== true,
          botName,
          signal: endChat.signal,
          ...(replyTimeoutMs === undefined ? {} : { replyTimeoutMs }),
        })
        .then(
          (result) => {
            chatResult = result;
            void runner.stop(result.quit ? 'the chat was quit' : 'the chat input ended');
          },
          (error: unknown) => {
            service.runtime.logger.error({ err: error }, 'the dev chat failed');
            void runner.stop('the dev chat failed');
          },
        );
    },
    stop: () => endChat.abort(),
  });
  let code: ExitCode;
  try {
    code = await runner.run();
  } finally {
    await dc.stop();
  }
  const unanswered = chatResult?.unanswered.length ?? 0;
  return exitWith(
    botOptions,
    code === ExitCode.Clean && failOnUnanswered === true && unanswered > 0 ? ExitCode.Failure : code,
  );
}
