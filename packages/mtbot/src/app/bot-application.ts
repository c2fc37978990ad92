import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { ConfigError, type UpdateAck } from 'telegram-mtproto-core';
import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { BotClient } from '../client/bot-client';
import { silentLogger } from '../client/bot-logger';
import { KeyedSerialExecutor, type DrainReport } from '../concurrency/keyed-serial-executor';
import type { ErrorHandler, Middleware } from '../framework/middleware';
import { Router } from '../framework/routing/router';
import { registerControllers } from '../framework/explorer/register-controllers';
import { FloodWaitRetrier } from '../rate-limit/flood-wait-retrier';
import type { FloodWaitEvent, FloodWaitLogger } from '../rate-limit/flood-wait-event';
import { SendScheduler } from '../rate-limit/send-scheduler';
import type { MinimalLogger } from '../runtime/logging/minimal-logger';
import type { ServicePart } from '../runtime/lifecycle/service-part';
import type { BotMetrics, UpdateOutcome } from '../runtime/metrics/bot-metrics';
import type { BroadcastReport } from '../broadcast/broadcast';
import type { BotUpdate, BotUpdateKind } from '../updates/bot-update';
import type { CallbackQuery } from '../updates/callback-query';
import type { BotApplicationOptions } from './bot-application-options';
import { Broadcaster, type AppBroadcastOptions } from './broadcaster';
import { routeSendsThroughScheduler } from './scheduled-sends';
import { currentSendMode } from './send-mode';

type Phase = 'new' | 'starting' | 'running' | 'stopping' | 'stopped';

/** Metric label of each update kind (snake case, as the metric's help says). */
const KIND_LABEL: Record<BotUpdateKind, string> = {
  message: 'message',
  editedMessage: 'edited_message',
  callbackQuery: 'callback_query',
  inlineQuery: 'inline_query',
  chatMember: 'chat_member',
};

/**
 * A bot put together: the client's updates go to the controllers' router, each through a keyed serial
 * executor keyed by chat (one chat's updates in order, chats in parallel, at most `concurrency`
 * handlers at once); messages sent while handling (`ctx.reply`, `message.reply`, ...) go through a
 * {@link SendScheduler} at `reply` priority, so Telegram's limits are kept and a FLOOD_WAIT within the
 * budget is waited out instead of reaching the handler; edits and answers go through a
 * {@link FloodWaitRetrier}. Messages to many chats go through {@link BotApplication.broadcast} (the
 * injectable {@link Broadcaster}) at `bulk` priority, or `runWithPriority('bulk', ...)`. It is a
 * {@link ServicePart}: add it to a `ServiceRunner`.
 *
 * @example
 * ```ts
 * const app = createBot({ controllers: [Greeter], client: { apiId, apiHash, botToken, storage } });
 * await app.start();
 * // ... at shutdown
 * const report = await app.stop({ timeoutMs: 10_000 });
 * ```
 */
export class BotApplication implements ServicePart {
  /** The client; its bot API methods are usable directly (sends still go through the scheduler). */
  readonly client: BotClient;
  /** The router the controllers were registered on; add global middleware with `router.use()` before start. */
  readonly router: Router;
  /**
   * The bot's container: controllers and their services, the client as `BotClient`, the
   * {@link Broadcaster} and the `SendScheduler`.
   */
  readonly container: DependencyContainer;
  /** Paces every message the client sends; also injectable as `SendScheduler`. */
  readonly scheduler: SendScheduler;
  readonly retrier: FloodWaitRetrier;
  /** Broadcasts through {@link BotApplication.scheduler} at `bulk` priority; injectable as `Broadcaster`. */
  readonly broadcaster: Broadcaster;
  private readonly executor: KeyedSerialExecutor;
  private readonly logger: MinimalLogger;
  private readonly metrics: BotMetrics | undefined;
  private readonly maxPendingUpdates: number;
  private readonly autoAnswerCallbackQueries: boolean;
  private readonly shutdownTimeoutMs: number;
  private readonly trackInFlight: BotApplicationOptions['trackInFlight'];
  private readonly inHandler = new AsyncLocalStorage<true>();
  private readonly errorListeners: ((error: unknown, update: BotUpdate) => void)[] = [];
  private readonly removeSendHook: () => void;
  private phase: Phase = 'new';
  private accepting = false;
  private dropped = 0;
  private stopping: Promise<DrainReport> | undefined;
  private stoppingUpdates: Promise<void> | undefined;
  /** What {@link BotApplication.stop} left running at its timeout (`drained: true` when nothing). */
  shutdownReport: DrainReport | undefined = undefined;

  constructor(options: BotApplicationOptions) {
    this.maxPendingUpdates = options.maxPendingUpdates ?? 1_000;
    this.autoAnswerCallbackQueries = options.autoAnswerCallbackQueries ?? true;
    if (!Number.isSafeInteger(this.maxPendingUpdates) || this.maxPendingUpdates < 1) {
      throw new ConfigError(`bot application: maxPendingUpdates must be an integer >= 1`);
    }
    this.shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;
    if (!(this.shutdownTimeoutMs >= 0))
      throw new ConfigError(`bot application: shutdownTimeoutMs must be >= 0`);
    this.logger = options.logger ?? silentLogger;
    this.metrics = options.metrics;
    this.trackInFlight = options.trackInFlight;
    this.executor = new KeyedSerialExecutor({ concurrency: options.concurrency ?? 32 });
    this.client = options.client instanceof BotClient ? options.client : new BotClient(options.client);
    const floodLogger: FloodWaitLogger = { warn: (details, message) => this.logger.warn(message, details) };
    this.scheduler = new SendScheduler({
      limits: options.sendLimits,
      floodWait: options.floodWaitBudget,
      logger: floodLogger,
    });
    this.retrier = new FloodWaitRetrier({ budget: options.floodWaitBudget, logger: floodLogger });
    this.scheduler.on('floodWait', this.countFloodWait);
    this.retrier.on('floodWait', this.countFloodWait);

    this.broadcaster = new Broadcaster(this.client, this.scheduler);

    this.router = new Router();
    this.router.use(...((options.middleware ?? []) as Middleware[]));
    for (const handler of options.errorHandlers ?? []) this.router.catch(handler as ErrorHandler);
    // The client goes in first: singleton controllers are resolved while they are registered, and
    // one that injects BotClient (or the broadcaster) must find it.
    const container = options.container ?? rootContainer.createChildContainer();
    container.registerInstance(BotClient, this.client);
    container.registerInstance(SendScheduler, this.scheduler);
    container.registerInstance(Broadcaster, this.broadcaster);
    this.container = registerControllers(this.router, options.controllers, { container });
    this.removeSendHook = routeSendsThroughScheduler(this.client, {
      scheduler: this.scheduler,
      retrier: this.retrier,
      priority: () =>
        currentSendMode()?.priority ?? (this.inHandler.getStore() === true ? 'reply' : 'normal'),
      direct: () => currentSendMode()?.scheduledBy === this.scheduler,
    });
    this.client.onUpdate(this.intake);
  }

  /** True between a successful {@link BotApplication.start} and {@link BotApplication.stop}. */
  get isRunning(): boolean {
    return this.phase === 'running';
  }

  /** Handlers running and waiting, updates turned away during shutdown, and the scheduler's counters. */
  get stats(): { running: number; queued: number; completed: number; dropped: number } {
    const { running, queued, completed } = this.executor.stats;
    return { running, queued, completed, dropped: this.dropped };
  }

  /** Called with every error that got past the handlers' own error handlers (it is logged as well). */
  onError(listener: (error: unknown, update: BotUpdate) => void): this {
    this.errorListeners.push(listener);
    return this;
  }

  /**
   * Sends one message to many chats, each scheduled once at `bulk` priority in this application's
   * scheduler (replies to users go first), FLOOD_WAIT waited out, resumable by id from its store; see
   * {@link Broadcaster}. Safe to start from a handler without awaiting it: it does not hold the chat.
   *
   * @example
   * ```ts
   * const report = await app.broadcast({ id: 'news-1', chatIds, text: 'News!', store });
   * ```
   */
  broadcast(options: AppBroadcastOptions): Promise<BroadcastReport> {
    return this.broadcaster.broadcast(options);
  }

  /** Starts the client (log-in, catch-up) and takes updates from then on. Once per application. */
  async start(): Promise<void> {
    if (this.phase !== 'new')
      throw new ConfigError('a BotApplication starts once; make a new one to start again');
    this.phase = 'starting';
    this.accepting = true;
    try {
      await this.client.start();
      const me = await this.client.getMe();
      this.router.botUsername = me.username;
    } catch (error) {
      await this.stop({ timeoutMs: 0 });
      throw error;
    }
    if (this.phase === 'starting') this.phase = 'running';
    this.logger.info('bot application started');
  }

  /**
   * Stops taking updates; handlers already taken keep running (the runner's first shutdown step). The
   * client stops delivering first: an update it is delivering meanwhile is still taken, since the
   * state it stores covers it, and turning it away would lose it. Running broadcasts are told to stop
   * now too (they resume from their store), so their sends leave the handlers' replies the room.
   */
  stopAccepting(): Promise<void> {
    // Never rejects; the shutdown waits for it.
    void this.broadcaster.close();
    this.stoppingUpdates ??= this.client.stopUpdates().finally(() => {
      this.accepting = false;
      this.executor.close();
    });
    return this.stoppingUpdates;
  }

  /**
   * Stops taking updates, waits up to `timeoutMs` for the handlers taken so far (and their sends) to
   * finish, then stops the client, which stores how far the updates got. What was still running at
   * the timeout (nothing, normally) is logged and kept in {@link BotApplication.shutdownReport}.
   * Calling it again waits for the same shutdown.
   */
  async stop(options: { timeoutMs?: number } = {}): Promise<void> {
    this.stopping ??= this.shutdown(options.timeoutMs ?? this.shutdownTimeoutMs);
    this.shutdownReport = await this.stopping;
  }

  private async shutdown(timeoutMs: number): Promise<DrainReport> {
    this.phase = 'stopping';
    await this.stopAccepting().catch((error: unknown) =>
      this.logger.error('stopping the updates failed', {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
    // Broadcasts stop first (they resume from their store): their queued sends must not hold up the
    // handlers' replies nor the shutdown.
    await this.broadcaster.close();
    const report = await this.executor.drain(timeoutMs);
    if (!report.drained) {
      this.logger.warn('handlers still running at the shutdown timeout', {
        running: report.inFlight.map((task) => task.label ?? task.key),
        waiting: report.queued,
      });
    }
    // Sends of finished handlers still go out; after a timeout, queued ones are given up.
    await this.scheduler.close({ drain: report.drained });
    await this.client.stop();
    this.removeSendHook();
    this.phase = 'stopped';
    this.logger.info('bot application stopped', { dropped: this.dropped });
    return report;
  }

  /**
   * The client's update handler: hands the update to the executor and returns, unless too many wait.
   * The update stays unfinished (the stored updates state before it) until its handler is done, so a
   * crash meanwhile makes the next start deliver it again; one turned away is never finished.
   */
  private readonly intake = async (update: BotUpdate, ack: UpdateAck): Promise<void> => {
    if (!this.accepting) {
      this.drop(update, 'the application is stopping');
      return;
    }
    const finished = ack.defer();
    const key = update.chatId ?? update.senderId;
    const task = this.executor.run(key, () => this.handle(update), {
      label: `${update.kind}${key === undefined ? '' : ` of ${key}`}`,
    });
    void this.trackInFlight?.(task).catch(() => undefined);
    const settled = task.then(finished, (error: unknown) => this.drop(update, String(error)));
    if (this.executor.stats.queued >= this.maxPendingUpdates) await settled;
  };

  private async handle(update: BotUpdate): Promise<void> {
    const started = performance.now();
    const kind = KIND_LABEL[update.kind];
    let outcome: UpdateOutcome = 'handled';
    try {
      const ctx = await this.inHandler.run(true, () => this.router.handle(update));
      if (ctx.route === undefined) outcome = 'unhandled';
    } catch (error) {
      outcome = 'error';
      this.logger.error('update handler failed', {
        kind: update.kind,
        chatId: update.chatId?.toString(),
        error: error instanceof Error ? error.message : String(error),
      });
      for (const listener of this.errorListeners) {
        try {
          listener(error, update);
        } catch {
          // A failing listener must not hide the error from the others.
        }
      }
    } finally {
      if (update.kind === 'callbackQuery') await this.answerIfUnanswered(update.callbackQuery);
      this.metrics?.handlerLatency.observe({ kind }, (performance.now() - started) / 1000);
      this.metrics?.updatesHandled.inc({ kind, outcome });
    }
  }

  /** An unanswered press keeps the user's button spinning for Telegram's whole timeout. */
  private async answerIfUnanswered(query: CallbackQuery): Promise<void> {
    if (!this.autoAnswerCallbackQueries || query.answered) return;
    try {
      await query.answer();
    } catch (error) {
      // Too late (QUERY_ID_INVALID) or answered another way: nothing the user can be shown.
      this.logger.debug('automatic answer of a button press failed', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private drop(update: BotUpdate, reason: string): void {
    this.dropped++;
    this.metrics?.updatesHandled.inc({ kind: KIND_LABEL[update.kind], outcome: 'dropped' });
    this.logger.warn('update not handled', { kind: update.kind, chatId: update.chatId?.toString(), reason });
  }

  private readonly countFloodWait = (event: FloodWaitEvent): void => {
    this.metrics?.floodWaits.inc({ method: event.method });
    this.metrics?.floodWaitSeconds.inc({ method: event.method }, event.seconds);
  };
}

/** Builds a {@link BotApplication}; see its options. */
export function createBot(options: BotApplicationOptions): BotApplication {
  return new BotApplication(options);
}
