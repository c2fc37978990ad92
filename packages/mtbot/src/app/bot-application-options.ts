import type { DependencyContainer } from 'tsyringe';
import type { BotClient } from '../client/bot-client';
import type { BotClientOptions } from '../client/bot-client-options';
import type { ControllerClass } from '../framework/explorer/register-controllers';
import type { ErrorHandler, Middleware } from '../framework/middleware';
import type { FloodWaitBudget } from '../rate-limit/flood-wait-budget';
import type { SendLimits } from '../rate-limit/send-limits';
import type { MinimalLogger } from '../runtime/logging/minimal-logger';
import type { BotMetrics } from '../runtime/metrics/bot-metrics';

/** Options of {@link BotApplication} / {@link createBot}. */
export interface BotApplicationOptions {
  /** The `@Controller()` classes whose handlers make up the bot. */
  readonly controllers: readonly ControllerClass[];
  /**
   * Global middleware (Koa-style): runs for every update before routing, in this order, e.g.
   * `sessionMiddleware(...)` then `conversations(...)`, so every handler sees `ctx.session` and a
   * conversation gets its answers before any route does. The same as `app.router.use(...)`.
   */
  // Middleware<never>: middleware typed for a Context subclass (a session type) fits as well.
  readonly middleware?: readonly Middleware<never>[];
  /**
   * Global error handlers: they get what the handlers' and controllers' `@Catch` did not take, and
   * errors thrown by global middleware; rethrowing passes on to the next, then to `onError`. The same
   * as `app.router.catch(...)`.
   */
  readonly errorHandlers?: readonly ErrorHandler<never>[];
  /** A client not yet started, or the options to build one. The application starts and stops it. */
  readonly client: BotClient | BotClientOptions;
  /** Most handlers running at once over all chats (default 32); one chat's updates run one at a time. */
  readonly concurrency?: number;
  /**
   * Updates waiting for a handler slot beyond which the application stops taking updates from the
   * client until one finishes (default 1,000): backpressure instead of unbounded memory.
   */
  readonly maxPendingUpdates?: number;
  /** The send scheduler's rate windows; missing ones are Telegram's published bot limits. */
  readonly sendLimits?: Partial<SendLimits>;
  /** How much FLOOD_WAIT one send or answer may wait out before it fails. */
  readonly floodWaitBudget?: Partial<FloodWaitBudget>;
  /** Gets the application's lines (a runtime logger through `toMinimalLogger` fits). */
  readonly logger?: MinimalLogger;
  /** The bot's container (default: a child of tsyringe's root); the client is registered in it. */
  readonly container?: DependencyContainer;
  /** Where updates handled, handler latency and flood waits are recorded (`registerBotMetrics`). */
  readonly metrics?: BotMetrics;
  /**
   * Counts each handler as work in flight elsewhere: pass `runner.trackInFlight.bind(runner)` so the
   * runner's shutdown and its `mtbot_handlers_in_flight` gauge see the handlers.
   */
  readonly trackInFlight?: <T>(work: Promise<T>) => Promise<T>;
  /** How long {@link BotApplication.stop} waits for handlers when no timeout is given (default 10 s). */
  readonly shutdownTimeoutMs?: number;
  /**
   * Answers a button press with nothing when its handling ended without an answer (no route, a
   * handler that forgot, or one that threw), so the user's button stops spinning. Default true.
   */
  readonly autoAnswerCallbackQueries?: boolean;
}
