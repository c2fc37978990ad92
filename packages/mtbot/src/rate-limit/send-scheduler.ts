import {
  ConfigError,
  FloodWaitError,
  TypedEventEmitter,
  systemClock,
  type Clock,
} from 'telegram-mtproto-core';
import { AbortedError } from '../concurrency/aborted-error';
import { QueueClosedError } from '../concurrency/queue-closed-error';
import { QueueFullError } from '../concurrency/queue-full-error';
import { callSafely } from '../concurrency/call-safely';
import { systemTimers, type Timers } from '../concurrency/timers';
import { chatKeyOf, chatKindOfId, type ChatId, type ChatKind } from './chat-kind';
import { ChatLane, type QueuedSend } from './chat-lane';
import { FloodBudgetExceededError } from './flood-budget-exceeded-error';
import { resolveFloodWaitBudget, type FloodWaitBudget } from './flood-wait-budget';
import { logFloodWait, type FloodWaitEvent, type FloodWaitLogger } from './flood-wait-event';
import { resolveSendLimits, type SendLimits } from './send-limits';
import { SEND_PRIORITIES, type SendPriority } from './send-priority';
import { SlidingWindows } from './sliding-window';

/** Options of {@link SendScheduler}. */
export interface SendSchedulerOptions {
  /** Rate windows, global and per chat kind; missing ones take {@link DEFAULT_SEND_LIMITS}'. */
  limits?: Partial<SendLimits>;
  /** Most sends awaiting their answer at once (default 64). */
  maxInFlight?: number;
  /** Most sends queued over all chats (default 10,000); more are refused with {@link QueueFullError}. */
  maxQueued?: number;
  /** Most sends queued for one chat (default 1,000). */
  maxQueuedPerChat?: number;
  /** A send queued this long is served as if it were a `reply` (default 10 s): bulk never starves. */
  starvationMs?: number;
  /** How much FLOOD_WAIT a send may wait out before it fails with {@link FloodBudgetExceededError}. */
  floodWait?: Partial<FloodWaitBudget>;
  /**
   * What a FLOOD_WAIT pauses: the chat of the send (default for sends with a chat) or every send
   * (default for sends without one).
   */
  floodWaitScope?: (error: FloodWaitError, chat: { key: string; kind: ChatKind }) => 'chat' | 'global';
  /** Gets a warning line for every flood wait (a pino logger fits). */
  logger?: FloodWaitLogger;
  clock?: Clock;
  timers?: Timers;
}

/** Options of one send. */
export interface ScheduleOptions {
  /** The chat, as a Bot API style id (or any string with `chatKind`); none: only the global limit applies. */
  chatId?: ChatId;
  /** The chat's kind; by default read from the id (positive: private, -100…: supergroup, negative: group). */
  chatKind?: ChatKind;
  /** Default `normal`. */
  priority?: SendPriority;
  /**
   * How many messages the send puts into the chat (default 1), e.g. the ids of a forwardMessages: it
   * waits until the windows have room for all of them, and takes that room. More than a window's limit
   * waits for an empty window.
   */
  count?: number;
  /** The method, for flood events and errors (default: the error's, else `send`). */
  method?: string;
  /** Removes the send from the queue (rejecting with {@link AbortedError}) if it has not started. */
  signal?: AbortSignal;
}

/** Counters for metrics. */
export interface SendSchedulerStats {
  readonly queued: number;
  readonly inFlight: number;
  readonly sent: number;
  /** Sends that failed for good (including budget exceeded); flood-waited retries are not failures. */
  readonly failed: number;
  readonly floodWaits: number;
  readonly budgetExceeded: number;
  /** Chats the scheduler remembers (queued sends or recent sends). */
  readonly chats: number;
  /** Chats paused by a FLOOD_WAIT right now. */
  readonly pausedChats: number;
  /** True while a global FLOOD_WAIT lasts. */
  readonly globalPaused: boolean;
}

/** Events of {@link SendScheduler}. */
export type SendSchedulerEvents = {
  /** A send hit FLOOD_WAIT; its chat (or everything) is paused and the send retried after the wait. */
  floodWait: (event: FloodWaitEvent) => void;
  /** A send hit a FLOOD_WAIT over the budget and fails with this error. */
  budgetExceeded: (error: FloodBudgetExceededError) => void;
};

interface Entry extends QueuedSend {
  readonly lane: ChatLane<Entry>;
  readonly count: number;
  readonly method: string | undefined;
  readonly send: () => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  retries: number;
  waitedSeconds: number;
}

const QUEUE_NAME = 'send scheduler';

/**
 * Keeps outgoing sends within Telegram's bot limits before the server has to enforce them: a global
 * rate, a rate per private chat and per group/supergroup/channel (all configurable), each kept on an
 * exact sliding window (see {@link SlidingWindow} for why not a token bucket). A chat's windows count
 * each send from its answer (the server counted it on arrival, somewhere before), so latency jitter
 * never squeezes one send too many into the server's window; the global window counts sends as they
 * start (several are in flight at once), and its limit should leave room for that jitter.
 *
 * - Sends of one chat run one at a time, in order within each priority; a `reply` may overtake queued
 *   `bulk` sends of the same chat. Across chats the most urgent send that fits the limits goes first,
 *   the oldest on a tie; a send queued `starvationMs` counts as most urgent.
 * - A FLOOD_WAIT pauses the chat (or everything) for the time asked, and the send is retried first in
 *   its chat, within the flood-wait budget; each wait is a `floodWait` event and a log line.
 * - Queues are bounded ({@link QueueFullError}); {@link SendScheduler.drain} and
 *   {@link SendScheduler.close} are for shutdown.
 *
 * @example
 * ```ts
 * const scheduler = new SendScheduler({ logger });
 * await scheduler.schedule(() => bot.sendMessage(chatId, 'hi'), { chatId, priority: 'reply' });
 * ```
 */
export class SendScheduler extends TypedEventEmitter<SendSchedulerEvents> {
  private readonly limits: SendLimits;
  private readonly maxInFlight: number;
  private readonly maxQueued: number;
  private readonly maxQueuedPerChat: number;
  private readonly starvationMs: number;
  private readonly budget: FloodWaitBudget;
  private readonly floodWaitScope: NonNullable<SendSchedulerOptions['floodWaitScope']>;
  private readonly logger: FloodWaitLogger | undefined;
  private readonly clock: Clock;
  private readonly timers: Timers;

  private readonly globalWindows: SlidingWindows;
  private globalPausedUntil = 0;
  private readonly lanes = new Map<string, ChatLane<Entry>>();
  private readonly chatlessLane: ChatLane<Entry>;
  /** Lanes with queued sends (the only ones looked at when choosing the next send). */
  private readonly activeLanes = new Set<ChatLane<Entry>>();
  private sweepAt = 1024;
  private wake: { at: number; cancel: () => void } | undefined;
  private readonly drainWaiters: (() => void)[] = [];
  private sequence = 0;
  private queued = 0;
  private inFlight = 0;
  private sent = 0;
  private failed = 0;
  private floodWaits = 0;
  private budgetExceeded = 0;
  private closed = false;
  private rejectRetries = false;
  private pumping = false;
  private pumpAgain = false;

  constructor(options: SendSchedulerOptions = {}) {
    super();
    this.limits = resolveSendLimits(options.limits);
    this.maxInFlight = positiveInteger(options.maxInFlight ?? 64, 'maxInFlight');
    this.maxQueued = positiveInteger(options.maxQueued ?? 10_000, 'maxQueued');
    this.maxQueuedPerChat = positiveInteger(options.maxQueuedPerChat ?? 1_000, 'maxQueuedPerChat');
    this.starvationMs = options.starvationMs ?? 10_000;
    if (!(this.starvationMs >= 0)) throw new ConfigError(`send scheduler: starvationMs must be >= 0`);
    this.budget = resolveFloodWaitBudget(options.floodWait);
    this.floodWaitScope = options.floodWaitScope ?? (() => 'chat');
    this.logger = options.logger;
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemTimers;
    this.globalWindows = new SlidingWindows(this.limits.global);
    this.chatlessLane = new ChatLane<Entry>(undefined, undefined, [], false);
  }

  /**
   * Queues `send` and runs it when the limits allow; settles with its result. Rejects with
   * {@link QueueFullError} at once when the queue is full, {@link QueueClosedError} after
   * {@link SendScheduler.close}, {@link FloodBudgetExceededError} when a FLOOD_WAIT does not fit the
   * budget, {@link AbortedError} when aborted before it started, or with `send`'s own error.
   */
  schedule<T>(send: () => Promise<T>, options: ScheduleOptions = {}): Promise<T> {
    if (this.closed) return Promise.reject(new QueueClosedError(QUEUE_NAME));
    const signal = options.signal;
    if (signal?.aborted) return Promise.reject(new AbortedError('the send', { cause: signal.reason }));
    const rank = SEND_PRIORITIES.indexOf(options.priority ?? 'normal');
    if (rank < 0) return Promise.reject(new ConfigError(`unknown send priority ${String(options.priority)}`));
    const count = options.count ?? 1;
    if (!Number.isSafeInteger(count) || count < 1) {
      return Promise.reject(new ConfigError(`send count must be a positive integer, got ${String(count)}`));
    }
    let lane: ChatLane<Entry>;
    try {
      lane = options.chatId === undefined ? this.chatlessLane : this.laneOf(options.chatId, options.chatKind);
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.queued >= this.maxQueued) return Promise.reject(new QueueFullError(QUEUE_NAME, this.maxQueued));
    if (lane.queued >= this.maxQueuedPerChat) {
      return Promise.reject(new QueueFullError(`${QUEUE_NAME} (chat ${lane.key})`, this.maxQueuedPerChat));
    }
    return new Promise<T>((resolve, reject) => {
      const entry: Entry = {
        lane,
        count,
        rank,
        sequence: this.sequence++,
        enqueuedAt: this.clock.now(),
        method: options.method,
        send,
        resolve: resolve as (value: unknown) => void,
        reject,
        signal,
        onAbort: undefined,
        retries: 0,
        waitedSeconds: 0,
      };
      this.enqueue(entry, 'back');
      this.pump();
    });
  }

  /** Pauses the sends to one chat for `milliseconds` (e.g. on a flood wait learnt elsewhere). */
  pauseChat(chatId: ChatId, milliseconds: number, chatKind?: ChatKind): void {
    const lane = this.laneOf(chatId, chatKind);
    lane.pausedUntil = Math.max(lane.pausedUntil, this.clock.now() + milliseconds);
    this.pump();
  }

  /** Pauses every send for `milliseconds`. */
  pauseAll(milliseconds: number): void {
    this.globalPausedUntil = Math.max(this.globalPausedUntil, this.clock.now() + milliseconds);
    this.pump();
  }

  /** Resolves once nothing is queued or in flight. New sends may still be scheduled meanwhile. */
  drain(): Promise<void> {
    if (this.queued === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /**
   * Refuses new sends, then either sends what is queued (`drain: true`, the default) or rejects it
   * with {@link QueueClosedError}; resolves when nothing is left in flight.
   */
  async close(options: { drain?: boolean } = {}): Promise<void> {
    this.closed = true;
    if (options.drain === false) {
      this.rejectRetries = true;
      for (const lane of [...this.activeLanes]) {
        for (const queue of lane.queues) {
          for (const entry of queue.clear()) {
            if (entry.onAbort !== undefined) entry.signal?.removeEventListener('abort', entry.onAbort);
            this.reject(entry, new QueueClosedError(QUEUE_NAME));
          }
        }
        this.queued -= lane.queued;
        lane.queued = 0;
        this.activeLanes.delete(lane);
      }
    }
    await this.drain();
    this.wake?.cancel();
    this.wake = undefined;
  }

  get stats(): SendSchedulerStats {
    const now = this.clock.now();
    let pausedChats = 0;
    for (const lane of this.lanes.values()) if (lane.pausedUntil > now) pausedChats++;
    return {
      queued: this.queued,
      inFlight: this.inFlight,
      sent: this.sent,
      failed: this.failed,
      floodWaits: this.floodWaits,
      budgetExceeded: this.budgetExceeded,
      chats: this.lanes.size,
      pausedChats,
      globalPaused: this.globalPausedUntil > now,
    };
  }

  private laneOf(chatId: ChatId, chatKind: ChatKind | undefined): ChatLane<Entry> {
    const key = chatKeyOf(chatId);
    let lane = this.lanes.get(key);
    if (lane === undefined) {
      if (this.lanes.size >= this.sweepAt) this.sweep();
      const kind = chatKind ?? chatKindOfId(chatId);
      const rules = this.limits[kind];
      if (rules === undefined) throw new ConfigError(`unknown chat kind ${String(kind)}`);
      lane = new ChatLane<Entry>(key, kind, rules, true);
      this.lanes.set(key, lane);
    }
    return lane;
  }

  /** Forgets lanes that hold nothing (no queue, no pause, windows empty): keeps memory bounded. */
  private sweep(): void {
    const now = this.clock.now();
    for (const [key, lane] of this.lanes) if (lane.isIdle(now)) this.lanes.delete(key);
    this.sweepAt = Math.max(1024, this.lanes.size * 2);
  }

  private enqueue(entry: Entry, where: 'front' | 'back'): void {
    const lane = entry.lane;
    if (where === 'front') lane.queues[entry.rank]!.unshift(entry);
    else lane.queues[entry.rank]!.push(entry);
    lane.queued++;
    this.queued++;
    this.activeLanes.add(lane);
    if (entry.signal !== undefined) {
      entry.onAbort = () => this.abortQueued(entry);
      entry.signal.addEventListener('abort', entry.onAbort, { once: true });
    }
  }

  private abortQueued(entry: Entry): void {
    const lane = entry.lane;
    if (!lane.queues[entry.rank]!.remove(entry)) return;
    entry.onAbort = undefined;
    this.dequeued(lane);
    entry.reject(new AbortedError('the send', { cause: entry.signal?.reason }));
    this.settled();
  }

  private dequeued(lane: ChatLane<Entry>): void {
    lane.queued--;
    this.queued--;
    if (lane.queued === 0) this.activeLanes.delete(lane);
  }

  /** Starts every send the limits allow now, and sets a timer for the next one that must wait. */
  private pump(): void {
    // A send may schedule another synchronously; the outer pump then goes round once more instead.
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        this.pumpOnce();
      } while (this.pumpAgain);
    } finally {
      this.pumping = false;
    }
  }

  /**
   * One pass: every ready lane offers its next send, the offers are sorted by urgency, and they start
   * while the global window and the in-flight cap allow. One scan serves many starts, so a pass costs
   * O(lanes log lanes) however many sends it starts.
   */
  private pumpOnce(): void {
    const now = this.clock.now();
    while (this.queued > 0 && this.inFlight < this.maxInFlight) {
      const globalReady = Math.max(this.globalPausedUntil, this.globalWindows.nextAllowedAt(now));
      if (globalReady > now) return this.wakeAt(globalReady);
      const offers: Entry[] = [];
      let earliest = Number.POSITIVE_INFINITY;
      for (const lane of this.activeLanes) {
        if (lane.serial && lane.inFlight > 0) continue; // resumes when its send settles
        const readyAt = lane.readyAt(now);
        if (readyAt > now) earliest = Math.min(earliest, readyAt);
        else {
          const offer = lane.next(now, this.starvationMs)?.send;
          if (offer === undefined) continue;
          // A send of several messages needs room for all of them (rare: checked only then).
          const fitsAt = offer.count === 1 ? now : lane.readyAt(now, offer.count);
          if (fitsAt > now) earliest = Math.min(earliest, fitsAt);
          else offers.push(offer);
        }
      }
      if (offers.length === 0) {
        if (earliest !== Number.POSITIVE_INFINITY) this.wakeAt(earliest);
        return;
      }
      const rank = (send: Entry) => (now - send.enqueuedAt >= this.starvationMs ? 0 : send.rank);
      const order = (a: Entry, b: Entry) => rank(a) - rank(b) || a.sequence - b.sequence;
      // Usually one slot has just freed: then the most urgent offer is enough, no need to sort them all.
      if (this.maxInFlight - this.inFlight === 1) {
        offers[0] = offers.reduce((best, offer) => (order(offer, best) < 0 ? offer : best));
        offers.length = 1;
      } else {
        offers.sort(order);
      }
      for (const send of offers) {
        const globalReady = Math.max(
          this.globalPausedUntil,
          this.globalWindows.nextAllowedAt(now, send.count),
        );
        if (globalReady > now) return this.wakeAt(globalReady);
        if (this.inFlight >= this.maxInFlight) return;
        // A send started in this pass may have aborted another synchronously: offer only what is still queued.
        if (send.lane.queues[send.rank]!.peek() !== send) continue;
        this.start(send, now);
      }
    }
  }

  private wakeAt(at: number): void {
    if (this.wake !== undefined && this.wake.at <= at) return;
    this.wake?.cancel();
    const cancel = this.timers.setTimeout(() => {
      this.wake = undefined;
      this.pump();
    }, at - this.clock.now());
    this.wake = { at, cancel };
  }

  private start(entry: Entry, now: number): void {
    const lane = entry.lane;
    lane.queues[entry.rank]!.shift();
    this.dequeued(lane);
    if (entry.onAbort !== undefined) entry.signal?.removeEventListener('abort', entry.onAbort);
    entry.onAbort = undefined;
    this.globalWindows.record(now, entry.count);
    lane.windows.record(now, entry.count);
    lane.inFlight++;
    this.inFlight++;
    callSafely(entry.send).then(
      (value) => {
        this.sent++;
        this.finished(entry);
        entry.resolve(value);
        this.settled();
      },
      (error: unknown) => {
        this.finished(entry);
        if (FloodWaitError.isInstance(error)) this.floodWaited(entry, error);
        else this.reject(entry, error);
        this.settled();
      },
    );
  }

  private finished(entry: Entry): void {
    const lane = entry.lane;
    lane.inFlight--;
    this.inFlight--;
    // The server counted the send when it arrived, somewhere between its start and now; counting it
    // from now on keeps a chat's window right whatever the latency's jitter, at the price of one
    // latency per full window. (A chat has one send in flight, so its newest events are this one's.)
    if (lane.serial) lane.windows.settleNewest(this.clock.now(), entry.count);
  }

  private floodWaited(entry: Entry, error: FloodWaitError): void {
    const lane = entry.lane;
    const now = this.clock.now();
    const method = entry.method ?? error.method ?? 'send';
    const scope =
      lane.key === undefined ? 'global' : this.floodWaitScope(error, { key: lane.key, kind: lane.kind! });
    const waitMs = error.seconds * 1000 + this.budget.marginMs;
    // The server's word holds whether or not this send is retried: nothing else goes there meanwhile.
    if (scope === 'global') this.globalPausedUntil = Math.max(this.globalPausedUntil, now + waitMs);
    else lane.pausedUntil = Math.max(lane.pausedUntil, now + waitMs);
    this.floodWaits++;
    const attempt = entry.retries + 1;
    const exceeded = FloodBudgetExceededError.check(this.budget, error, method, attempt, entry.waitedSeconds);
    if (exceeded !== undefined) {
      this.budgetExceeded++;
      this.emit('budgetExceeded', exceeded);
      this.reject(entry, exceeded);
      return;
    }
    if (this.rejectRetries) {
      this.reject(entry, new QueueClosedError(QUEUE_NAME));
      return;
    }
    const event: FloodWaitEvent = {
      method,
      seconds: error.seconds,
      waitMs,
      attempt,
      chatKey: lane.key,
      scope,
    };
    this.emit('floodWait', event);
    logFloodWait(this.logger, event);
    entry.retries = attempt;
    entry.waitedSeconds += error.seconds;
    this.enqueue(entry, 'front');
  }

  private reject(entry: Entry, error: unknown): void {
    this.failed++;
    entry.reject(error);
  }

  private settled(): void {
    this.pump();
    if (this.queued === 0 && this.inFlight === 0) {
      for (const resolve of this.drainWaiters.splice(0)) resolve();
    }
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigError(`send scheduler: ${name} must be a positive integer, got ${value}`);
  }
  return value;
}
