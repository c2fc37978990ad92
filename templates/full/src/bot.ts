// The bot: its controllers and the options runBot (src/main.ts), runDevBot (src/dev.ts) and the tests
// (test/bot.test.ts) share.
import type { RunBotOptions } from 'mtbot';
import { BroadcastController } from './controllers/broadcast.controller';
import { ProfileController } from './controllers/profile.controller';
import { StartController } from './controllers/start.controller';
import { userSessions } from './sessions';
import { appSchema } from './settings';
import { dialogs } from './signup';

/** What runBot and runDevBot take besides the environment. */
export const botOptions = {
  controllers: [StartController, BroadcastController, ProfileController],
  // Run for every update before routing, in this order: the user's session is loaded (and stored
  // after), then a user inside a conversation has the message handled by its current step.
  middleware: [userSessions, dialogs],
  // ADMIN_ID and DATA_STORE are checked at start-up with mtbot's own variables.
  schema: appSchema,
  // Every message the bot sends goes through mtbot's send scheduler, which keeps it within Telegram's
  // limits (DEFAULT_SEND_LIMITS): 30 messages a second in all, 3 in any 3 seconds per private chat, 20
  // a minute per group or channel. Replies to users go before other sends (broadcasts are `bulk`, see
  // src/services/announcer.ts), and a FLOOD_WAIT Telegram still asks for is waited out (up to
  // floodWaitBudget) instead of failing the handler. Change them here, e.g.
  // sendLimits: { private: [{ limit: 1, windowMs: 1_000 }] }.
  sendLimits: {},
  // Handlers running at once over all chats; one chat's updates are always handled one at a time.
  concurrency: 32,
} satisfies RunBotOptions<typeof appSchema>;
