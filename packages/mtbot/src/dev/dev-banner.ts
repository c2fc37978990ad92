/** The lines the dev mode prints before the chat: where the bot runs and how to go online. */
export function devBanner(options: {
  readonly address: string;
  /** The data dir as given (relative paths stay relative), or undefined for memory only. */
  readonly dataDir: string | undefined;
  readonly botName: string;
  readonly userName: string;
}): string {
  const kept = options.dataDir === undefined ? 'kept in memory only' : `kept in ${options.dataDir}`;
  return [
    `mtbot dev mode: the bot runs offline on an embedded local DC (${options.address}); its world is ${kept}.`,
    'To run it on Telegram, put API_ID, API_HASH (my.telegram.org) and BOT_TOKEN (@BotFather) in .env.',
    `Chatting with ${options.botName} as ${options.userName}: type a message, :help for commands, :quit to stop.`,
    '',
  ].join('\n');
}
