import { ConfigError, RpcError, TypedEventEmitter } from 'telegram-mtproto-core';
import { runScheduledBy } from '../app/send-mode';
import { AbortedError } from '../concurrency/aborted-error';
import { chatKeyOf, chatKindOfId, type ChatId, type ChatKind } from '../rate-limit/chat-kind';
import type { SendPriority } from '../rate-limit/send-priority';
import type { SendScheduler } from '../rate-limit/send-scheduler';
import type { BroadcastFailure, BroadcastFailureKind } from './broadcast-failure';
import { classifyBroadcastError } from './classify-broadcast-error';
import type { KeyValueStore } from '../stores/key-value-store';

export { classifyBroadcastError };

/** Options of {@link Broadcast}. */
export interface BroadcastOptions {
  /** Names the broadcast in the store: running again with the same id resumes it. */
  id: string;
  /** The chats to send to, as Bot API style ids; a chat listed twice gets one send. */
  chatIds: Iterable<ChatId>;
  /** Sends the broadcast's message to one chat. */
  send: (chatId: ChatId) => Promise<unknown>;
  /**
   * Keeps the sends within Telegram's limits. In a bot, prefer `app.broadcast` (the application's
   * scheduler); given `app.scheduler` here, `send` may call `app.client.sendMessage`: each message is
   * then scheduled once, by the broadcast.
   */
  scheduler: SendScheduler;
  /** Where progress is kept (one key a chat). */
  store: KeyValueStore;
  /** Chats handed to the scheduler at once (default 100): keeps its queue small and replies quick. */
  window?: number;
  /** Default `bulk`: replies to users go first. */
  priority?: SendPriority;
  /** The kind of a chat whose id does not tell it (e.g. `@channel`). */
  chatKindOf?: (chatId: ChatId) => ChatKind | undefined;
  /**
   * What to do with a chat whose send was started but not confirmed when the process stopped (the
   * crash point): `skip` it (default: at most once, it is reported as uncertain) or `resend` it (at
   * least once: that chat may get the message twice).
   */
  uncertain?: 'skip' | 'resend';
  /** How a failed send is classed (default {@link classifyBroadcastError}). */
  classifyError?: (error: unknown) => BroadcastFailureKind;
  /**
   * Stops handing out new sends; those queued in the scheduler are taken back (they stay for the next
   * run), those started finish.
   */
  signal?: AbortSignal;
}

/** Where a broadcast stands (emitted as `progress` after each chat). */
export interface BroadcastProgress {
  readonly id: string;
  /** Chats in the list (duplicates counted once), known once the list has been read through. */
  readonly seen: number;
  /** Sent in this run. */
  readonly sent: number;
  /** Sent by an earlier run (skipped). */
  readonly alreadySent: number;
  /** Failed in this run (any kind). */
  readonly failed: number;
  /** Skipped: failed for good in an earlier run, or uncertain. */
  readonly skipped: number;
  /**
   * Handed back unsent because the run was interrupted (refused as the client or the scheduler
   * closed, or still queued then): their marks are removed, so the next run sends them. Sends still
   * queued when the signal fires are `retryable` failures instead, as they always were.
   */
  readonly unsent: number;
}

/** Why a run stopped before the end of its list although its signal did not fire. */
export interface BroadcastInterruption {
  /** The error's name, e.g. `SessionError` or `QueueClosedError`. */
  readonly reason: string;
  /** The first error classed `interrupted` (see {@link classifyBroadcastError}). */
  readonly error: unknown;
}

/** The outcome of {@link Broadcast.run}. */
export interface BroadcastReport extends BroadcastProgress {
  /** The chats of this run that failed, with why. */
  readonly failures: readonly BroadcastFailure[];
  /** Chats left unconfirmed by an earlier run and skipped (`uncertain: 'skip'`). */
  readonly uncertain: readonly ChatId[];
  /** True when the signal stopped the run before the end of the list. */
  readonly aborted: boolean;
  /**
   * Set when a send failed in a way no later send could escape (the client closed, the scheduler
   * closed): the run stopped there. The chats not reached and the `unsent` ones stay for a run with
   * the same id.
   */
  readonly interrupted: BroadcastInterruption | undefined;
}

/** Events of {@link Broadcast}. */
export type BroadcastEvents = {
  progress: (progress: BroadcastProgress) => void;
  /** One chat failed; the broadcast goes on. */
  chatFailed: (failure: BroadcastFailure) => void;
};

/** The values of a chat's mark in the store. */
const PENDING = 'pending';
const SENT = 'sent';
const FAILED_PREFIX = 'failed:';

/**
 * Sends one message to many chats through a {@link SendScheduler} (at `bulk` priority by default, so
 * it keeps within the limits and replies go first), reports progress, collects per-chat failures
 * without stopping, and resumes after a restart.
 *
 * Progress is kept in a {@link KeyValueStore}, one mark a chat: `pending` is written before the send
 * starts, `sent` right after it succeeds, `failed:<reason>` when Telegram refuses the chat for good.
 * A run with the same id skips `sent` and `failed` chats. A crash between the send and its `sent` mark
 * leaves `pending`: the message may or may not have arrived, and nothing can tell which. By default
 * such chats are skipped and reported as `uncertain` (at most once: no chat ever gets the message
 * twice, a few may miss it); `uncertain: 'resend'` sends them again (at least once). A store write that
 * fails stops the broadcast (its promise rejects), since without the mark it could not keep that
 * promise.
 *
 * A send that certainly did not leave and that no later send could escape either (the client or the
 * scheduler is closed, e.g. the bot is stopping) ends the run early: its chat stays for the next run,
 * the sends still queued are taken back, and the report says `interrupted`. The run takes one listener
 * on `signal` however many sends are queued.
 *
 * @example
 * ```ts
 * const broadcast = new Broadcast({
 *   id: 'news-2026-11-25', chatIds: subscribers, scheduler, store: new FileKeyValueStore('./data'),
 *   send: (chatId) => bot.sendMessage(chatId, 'Our news'),
 * });
 * broadcast.on('progress', (p) => log.info(p, 'broadcast progress'));
 * const report = await broadcast.run();
 * ```
 */
export class Broadcast extends TypedEventEmitter<BroadcastEvents> {
  private readonly options: BroadcastOptions;
  private readonly window: number;
  private readonly failures: BroadcastFailure[] = [];
  private readonly uncertain: ChatId[] = [];
  private seen = 0;
  private sent = 0;
  private alreadySent = 0;
  private skipped = 0;
  private unsent = 0;
  /** Sends the signal took back from the scheduler's queue. */
  private abortedSends = 0;
  private interruption: BroadcastInterruption | undefined;
  /** One per send still queued in the scheduler: the run's stop takes them back. */
  private readonly queuedSends = new Set<AbortController>();
  private fatal: { error: unknown } | undefined;
  private started = false;

  constructor(options: BroadcastOptions) {
    super();
    if (options.id.length === 0) throw new ConfigError('a broadcast needs a non-empty id');
    this.window = options.window ?? 100;
    if (!Number.isInteger(this.window) || this.window < 1) {
      throw new ConfigError(`broadcast window must be a positive integer, got ${options.window}`);
    }
    this.options = options;
  }

  /**
   * Sends to every chat not done by an earlier run. Resolves with the report once every send has
   * settled; rejects only when the store fails (or the chat list throws).
   */
  async run(): Promise<BroadcastReport> {
    if (this.started)
      throw new ConfigError(
        `broadcast ${this.options.id} was run already: create a new Broadcast to resume it`,
      );
    this.started = true;
    const inFlight = new Set<Promise<void>>();
    const keys = new Set<string>();
    const signal = this.options.signal;
    // One listener for the whole run, not one per queued send (those would pass Node's limit of 10).
    const onAbort = () => this.takeBackQueued();
    signal?.addEventListener('abort', onAbort, { once: true });
    let cutShort = false;
    try {
      for (const chatId of this.options.chatIds) {
        if ((cutShort = this.stopping())) break;
        const key = this.keyOf(chatId);
        if (key === undefined || keys.has(key)) continue;
        keys.add(key);
        this.seen++;
        if (!(await this.needsSend(chatId, key))) continue;
        while (inFlight.size >= this.window) await Promise.race(inFlight);
        if ((cutShort = this.stopping())) break;
        // Written before the send starts: a crash from here on leaves a trace (see the class comment).
        await this.options.store.set(this.markKey(key), PENDING);
        const delivery: Promise<void> = this.deliver(chatId, key).finally(() => inFlight.delete(delivery));
        inFlight.add(delivery);
      }
    } catch (error) {
      this.fatal ??= { error };
    }
    await Promise.all(inFlight);
    signal?.removeEventListener('abort', onAbort);
    if (this.fatal !== undefined) throw this.fatal.error;
    return {
      ...this.progress(),
      failures: [...this.failures],
      uncertain: [...this.uncertain],
      aborted: signal?.aborted === true && (cutShort || this.abortedSends > 0),
      interrupted: this.interruption,
    };
  }

  /** The store key of a chat's mark. */
  markKey(chatKey: string): string {
    return `mtbot:broadcast:${this.options.id}:${chatKey}`;
  }

  /** The chat's key, or undefined (reported as a failure) when the id is malformed. */
  private keyOf(chatId: ChatId): string | undefined {
    try {
      const key = chatKeyOf(chatId);
      // Checked before a pending mark is written: an id that names no chat is no send at all.
      if (this.options.chatKindOf?.(chatId) === undefined) chatKindOfId(chatId);
      return key;
    } catch (error) {
      this.seen++;
      this.fail({ chatId, kind: 'failed', reason: reasonOf(error), error });
      this.emit('progress', this.progress());
      return undefined;
    }
  }

  private fail(failure: BroadcastFailure): void {
    this.failures.push(failure);
    this.emit('chatFailed', failure);
  }

  private async needsSend(chatId: ChatId, key: string): Promise<boolean> {
    const mark = await this.options.store.get(this.markKey(key));
    if (mark === undefined) return true;
    if (mark === SENT) this.alreadySent++;
    else if (mark === PENDING && this.options.uncertain === 'resend') return true;
    else {
      if (mark === PENDING) this.uncertain.push(chatId);
      this.skipped++;
    }
    this.emit('progress', this.progress());
    return false;
  }

  /** True once the run must hand out no more sends: its signal fired, a send was interrupted, the store failed. */
  private stopping(): boolean {
    return (
      this.options.signal?.aborted === true || this.interruption !== undefined || this.fatal !== undefined
    );
  }

  /** Aborts the sends still queued in the scheduler: they come back unsent, their chats left for the next run. */
  private takeBackQueued(): void {
    for (const queued of this.queuedSends) queued.abort();
    this.queuedSends.clear();
  }

  /** Sends to one chat and writes its mark; never rejects (a store failure becomes `fatal`). */
  private async deliver(chatId: ChatId, key: string): Promise<void> {
    let failure: BroadcastFailure | undefined;
    // A signal of its own (one listener each), aborted by the run's stop while the send is queued.
    const queued = new AbortController();
    this.queuedSends.add(queued);
    try {
      await this.options.scheduler.schedule(
        () => {
          this.queuedSends.delete(queued);
          // Marked as the scheduler's own task: a BotApplication's client, given the application's
          // scheduler here, then sends straight out instead of queueing behind the chat turn this holds.
          return runScheduledBy(this.options.scheduler, () => this.options.send(chatId));
        },
        {
          chatId,
          chatKind: this.options.chatKindOf?.(chatId),
          priority: this.options.priority ?? 'bulk',
          signal: queued.signal,
        },
      );
    } catch (error) {
      // Taken back by the run's own stop, whatever a custom classifier would say: unsent when the run
      // was interrupted, a retryable failure when its signal fired.
      const takenBack = queued.signal.aborted && AbortedError.isInstance(error);
      let kind: BroadcastFailureKind;
      if (!takenBack) kind = (this.options.classifyError ?? classifyBroadcastError)(error);
      else if (this.interruption !== undefined) kind = 'interrupted';
      else {
        kind = 'retryable';
        this.abortedSends++;
      }
      failure = { chatId, kind, reason: reasonOf(error), error };
      if (kind === 'interrupted' && !takenBack && this.interruption === undefined) {
        this.interruption = { reason: failure.reason, error };
        this.takeBackQueued();
      }
    } finally {
      this.queuedSends.delete(queued);
    }
    try {
      if (failure === undefined) {
        await this.options.store.set(this.markKey(key), SENT);
        this.sent++;
      } else if (failure.kind === 'interrupted') {
        await this.options.store.delete(this.markKey(key));
        this.unsent++;
      } else {
        if (failure.kind === 'failed')
          await this.options.store.set(this.markKey(key), FAILED_PREFIX + failure.reason);
        else if (failure.kind === 'retryable') await this.options.store.delete(this.markKey(key));
        this.fail(failure);
      }
      this.emit('progress', this.progress());
    } catch (error) {
      this.fatal ??= { error };
    }
  }

  private progress(): BroadcastProgress {
    return {
      id: this.options.id,
      seen: this.seen,
      sent: this.sent,
      alreadySent: this.alreadySent,
      failed: this.failures.length,
      skipped: this.skipped,
      unsent: this.unsent,
    };
  }
}

function reasonOf(error: unknown): string {
  if (RpcError.isInstance(error)) return error.type;
  return error instanceof Error ? error.name : 'unknown error';
}
