/** How `BotClient` refuses a call before `start()` (a ConfigError); broadcasts count it as not sent. */
export const BOT_NOT_STARTED = 'the bot is not started (call start() first)';
