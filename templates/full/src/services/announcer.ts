import { Broadcaster, injectable, type BroadcastReport } from 'mtbot';
import { dataStore } from '../data-store';
import { Subscribers } from './subscribers';

/**
 * Sends one message to every subscriber through the bot's Broadcaster (injected by mtbot): each
 * message goes through the bot's own send scheduler once, at `bulk` priority, so it keeps within
 * Telegram's limits (sendLimits in src/bot.ts) and replies to users go first; a FLOOD_WAIT is waited
 * out. It is resumable: each chat's progress is marked in the data store, so a broadcast run again
 * with the same id skips the chats already done, and one chat that blocked the bot does not stop it.
 * When the bot stops, a running broadcast stops too, with what it did not send left to resume.
 */
@injectable()
export class Announcer {
  constructor(
    private readonly broadcaster: Broadcaster,
    private readonly subscribers: Subscribers,
  ) {}

  /** How many chats a broadcast would reach now. */
  async audience(): Promise<number> {
    return (await this.subscribers.all()).length;
  }

  async broadcast(id: string, text: string): Promise<BroadcastReport> {
    return this.broadcaster.broadcast({ id, chatIds: await this.subscribers.all(), text, store: dataStore });
  }
}
