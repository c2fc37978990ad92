// `npm run dev`: with API_ID, API_HASH and BOT_TOKEN set (environment or .env) the bot runs on
// Telegram; without them it runs on an embedded local DC, with a chat in this terminal (:help lists
// its commands, :quit or Ctrl+D ends it).
import { runDevBot } from 'mtbot';
import { botOptions } from './bot';

void runDevBot(botOptions).then((code) => {
  process.exitCode = code;
});
