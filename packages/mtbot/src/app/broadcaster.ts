import { setMaxListeners } from 'node:events';
import { ConfigError } from 'telegram-mtproto-core';
import {
  Broadcast,
  type BroadcastOptions,
  type BroadcastProgress,
  type BroadcastReport,
} from '../broadcast/broadcast';
import type { BroadcastFailure } from '../broadcast/broadcast-failure';
import type { BotClient } from '../client/bot-client';
import type { SendMessageOptions } from '../client/message-options';
import { QueueClosedError } from '../concurrency/queue-closed-error';
import type { ChatId } from '../rate-limit/chat-kind';
import type { SendScheduler } from '../rate-limit/send-scheduler';
import { runWithPriority } from './send-mode';

/** What a broadcast of the application sends to each chat: a function, or a text. */
export type AppBroadcastMessage =
  | {
      /** Sends the message to one chat through the bot's client; it is scheduled once, by the broadcast. */
      readonly send: (chatId: ChatId) => Promise<unknown>;
      readonly text?: never;
    }
  | {
      /** The text sent to every chat. */
      readonly text: string;
      readonly textOptions?: SendMessageOptions;
      readonly send?: never;
    };

/** Options of {@link Broadcaster.broadcast} / `BotApplication.broadcast`. */
export type AppBroadcastOptions = Omit<BroadcastOptions, 'scheduler' | 'send'> &
  AppBroadcastMessage & {
    /** Called after each chat (sent, skipped or failed). */
    readonly onProgress?: (progress: BroadcastProgress) => void;
    /** Called for each chat that failed; the broadcast goes on. */
    readonly onChatFailed?: (failure: BroadcastFailure) => void;
  };

/**
 * Sends one message to many chats through the application's own send scheduler: each message is
 * scheduled exactly once, at `bulk` priority (replies to users go first), FLOOD_WAIT is waited out
 * by the scheduler, and progress is kept in a store so a broadcast with the same id resumes (see
 * {@link Broadcast}). It is registered in the bot's container: inject `Broadcaster` into a service or
 * controller. When the application stops, running broadcasts are stopped (what they did not send
 * stays to be resumed) before the scheduler closes.
 *
 * @example
 * ```ts
 * @injectable()
 * class Announcer {
 *   constructor(private readonly broadcaster: Broadcaster) {}
 *   announce(text: string, chatIds: bigint[]) {
 *     return this.broadcaster.broadcast({ id: `news:${Date.now()}`, chatIds, text, store });
 *   }
 * }
 * ```
 */
export class Broadcaster {
  private readonly stopAll = new AbortController();
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly client: BotClient,
    /** The application's scheduler, which paces the broadcasts along with everything else it sends. */
    readonly scheduler: SendScheduler,
  ) {
    // Each running broadcast listens to it once: many at a time are no leak.
    setMaxListeners(0, this.stopAll.signal);
  }

  /** Broadcasts running now. */
  get active(): number {
    return this.running.size;
  }

  /**
   * Runs a broadcast to the end (or until its signal or the application's stop); resolves with its
   * report. Rejects with `QueueClosedError` once the application is stopping, and as
   * {@link Broadcast.run} does when the store fails.
   */
  broadcast(options: AppBroadcastOptions): Promise<BroadcastReport> {
    if (this.stopAll.signal.aborted) return Promise.reject(new QueueClosedError('broadcasts'));
    let broadcast: Broadcast;
    try {
      broadcast = this.create(options);
    } catch (error) {
      return Promise.reject(error);
    }
    // Everything it sends is bulk, also when it was started from a handler (whose `reply` would leak in).
    const run = runWithPriority('bulk', () => broadcast.run());
    const tracked = run.finally(() => this.running.delete(tracked));
    this.running.add(tracked);
    return run;
  }

  /** Stops the running broadcasts (sends already started finish) and waits for them to settle. */
  async close(): Promise<void> {
    this.stopAll.abort(new QueueClosedError('broadcasts'));
    await Promise.allSettled([...this.running]);
  }

  private create(options: AppBroadcastOptions): Broadcast {
    const { onProgress, onChatFailed, send, text, textOptions, signal, ...rest } =
      options as AppBroadcastOptions & {
        textOptions?: SendMessageOptions;
      };
    let sendOne: (chatId: ChatId) => Promise<unknown>;
    if (typeof send === 'function') sendOne = send;
    else if (typeof text === 'string')
      sendOne = (chatId) => this.client.sendMessage(chatId, text, textOptions);
    else throw new ConfigError(`broadcast ${options.id}: give either send or text`);
    const broadcast = new Broadcast({
      ...rest,
      // The application's scheduler: Broadcast runs each send as its task, so the client's send
      // inside goes straight out (scheduled once, by the broadcast) and its FLOOD_WAIT reaches it.
      scheduler: this.scheduler,
      send: sendOne,
      signal: signal === undefined ? this.stopAll.signal : AbortSignal.any([signal, this.stopAll.signal]),
    });
    if (onProgress !== undefined) broadcast.on('progress', onProgress);
    if (onChatFailed !== undefined) broadcast.on('chatFailed', onChatFailed);
    return broadcast;
  }
}
