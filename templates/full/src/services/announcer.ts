import { injectable } from 'tsyringe';
import { BotClient, Broadcast, SendScheduler, type BroadcastReport } from 'mtbot';
import { dataStore } from '../data-store';
import { Subscribers } from './subscribers';

/**
 * Sends one message to every subscriber with mtbot's Broadcast: paced by a send scheduler with
 * Telegram's limits (DEFAULT_SEND_LIMITS), resumable (each chat's progress is marked in the data store,
 * so a restarted broadcast with the same id skips the chats already done), and never stopped by one
 * chat that blocked the bot. The client's sends also pass the application's own scheduler, so the two
 * together never go past the limits either.
 */
@injectable()
export class Announcer {
  constructor(
    private readonly client: BotClient,
    private readonly subscribers: Subscribers,
  ) {}

  /** How many chats a broadcast would reach now. */
  async audience(): Promise<number> {
    return (await this.subscribers.all()).length;
  }

  async broadcast(id: string, text: string): Promise<BroadcastReport> {
    const scheduler = new SendScheduler();
    try {
      const broadcast = new Broadcast({
        id,
        chatIds: await this.subscribers.all(),
        send: (chatId) => this.client.sendMessage(chatId, text),
        scheduler,
        store: dataStore,
      });
      return await broadcast.run();
    } finally {
      await scheduler.close({ drain: true });
    }
  }
}
