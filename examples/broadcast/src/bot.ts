// Announcements: users /subscribe and /unsubscribe; the admin (ADMIN_ID) sends `/broadcast <text>`
// and every subscriber gets it once, within Telegram's flood limits, with progress in the admin's
// chat, even across a restart in the middle.
import {
  BotClient,
  Broadcaster as BotBroadcaster,
  Command,
  Controller,
  Ctx,
  FileKeyValueStore,
  type Context,
  type RunBotOptions,
} from 'mtbot';
import { Broadcaster } from './broadcaster';
import { BROADCAST_ENV, Settings } from './settings';
import { Subscribers } from './subscribers';

/**
 * The bot's handlers. The container injects the bot client, its broadcaster and the settings; the
 * services built on them share one store, a directory of small files under DATA_DIR.
 */
@Controller()
export class BroadcastController {
  readonly subscribers: Subscribers;
  readonly broadcaster: Broadcaster;

  constructor(
    client: BotClient,
    bulk: BotBroadcaster,
    private readonly settings: Settings,
  ) {
    const store = new FileKeyValueStore(settings.dataDirectory);
    this.subscribers = new Subscribers(store);
    this.broadcaster = new Broadcaster(client, bulk, store, this.subscribers);
    this.broadcaster.resumeWhenOnline();
  }

  @Command('start')
  start(@Ctx() ctx: Context) {
    return ctx.reply('Send /subscribe to get our announcements, /unsubscribe to stop them.');
  }

  @Command('subscribe')
  async subscribe(@Ctx() ctx: Context) {
    const added = ctx.chat !== undefined && (await this.subscribers.add(ctx.chat.id));
    return ctx.reply(added ? 'Subscribed. /unsubscribe stops it.' : 'You are subscribed already.');
  }

  @Command('unsubscribe')
  async unsubscribe(@Ctx() ctx: Context) {
    const removed = ctx.chat !== undefined && (await this.subscribers.remove(ctx.chat.id));
    return ctx.reply(removed ? 'Unsubscribed. /subscribe brings it back.' : 'You were not subscribed.');
  }

  @Command('broadcast')
  async broadcast(@Ctx() ctx: Context) {
    const { adminId } = this.settings;
    if (adminId === undefined) {
      return ctx.reply(`No admin is set: start the bot with ADMIN_ID=${ctx.from?.id} to make it you.`);
    }
    if (ctx.from?.id !== adminId || ctx.chat === undefined) return ctx.reply('Only the admin can broadcast.');
    const text = ctx.args.trim();
    if (text === '') return ctx.reply('Usage: /broadcast <text>');
    // The broadcast goes on after this handler returns; the status message follows it.
    if (!(await this.broadcaster.start(text, ctx.chat.id))) {
      return ctx.reply('A broadcast is still running; wait for its report.');
    }
  }
}

/** What `runBot` / `runDevBot` need besides the environment; `schema` adds ADMIN_ID and friends. */
export const botOptions = {
  controllers: [BroadcastController],
  schema: BROADCAST_ENV,
  // A little under Telegram's 30 messages a second: the scheduler counts a send when it starts and
  // Telegram when it arrives, and at exactly the limit latency jitter could let one too many in.
  // Broadcasts go at `bulk` priority within it, so replies to users still go first.
  sendLimits: { global: [{ limit: 25, windowMs: 1_000 }] },
} satisfies RunBotOptions<typeof BROADCAST_ENV>;
