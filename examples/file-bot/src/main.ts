// `pnpm --filter @mtbot-examples/file-bot dev`: with API_ID, API_HASH and BOT_TOKEN (environment or .env)
// the bot runs on Telegram; without them it runs on an embedded local DC and you chat with it here.
import { runDevBot } from 'mtbot';
import { botOptions } from './bot';

void runDevBot(botOptions);
