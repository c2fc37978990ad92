import { type FloodWaitError, hasErrorMarker, MtbotError } from 'telegram-mtproto-core';
import { floodBudgetLimitBroken, type FloodBudgetLimit, type FloodWaitBudget } from './flood-wait-budget';

const MARKER = Symbol.for('mtbot.error.FloodBudgetExceededError');

const LIMIT_TEXT: Readonly<Record<FloodBudgetLimit, (budget: FloodWaitBudget) => string>> = {
  'single-wait': (budget) => `longer than the ${budget.maxSingleWaitSeconds} s allowed for one wait`,
  'total-wait': (budget) => `over the ${budget.maxTotalWaitSeconds} s allowed in total`,
  retries: (budget) => `after ${budget.maxRetries} retries, the most allowed`,
};

/**
 * Telegram asked to wait (FLOOD_WAIT) longer than the configured {@link FloodWaitBudget} allows, so
 * the request was given up. `cause` is the last {@link FloodWaitError}; the request was not sent.
 *
 * @example
 * ```ts
 * try { await retrier.run(() => client.invoke(request)) } catch (error) {
 *   if (FloodBudgetExceededError.isInstance(error)) log.warn(error.message)
 * }
 * ```
 */
export class FloodBudgetExceededError extends MtbotError {
  readonly [MARKER] = true;

  constructor(
    /** The method that was limited, e.g. `messages.sendMessage`. */
    readonly method: string,
    /** The wait Telegram asked for last, in seconds. */
    readonly seconds: number,
    /** Which limit of the budget it broke. */
    readonly limit: FloodBudgetLimit,
    readonly budget: FloodWaitBudget,
    /** Seconds already waited for this request. */
    readonly waitedSeconds: number,
    cause: FloodWaitError,
  ) {
    super(
      `${method} was flood-limited: Telegram asks to wait ${seconds} s, ${LIMIT_TEXT[limit](budget)} ` +
        `(already waited ${waitedSeconds} s); raise the flood wait budget or send less`,
      { cause },
    );
    this.name = 'FloodBudgetExceededError';
  }

  /**
   * The error for retry number `attempt` of `method` after `cause`, when that retry does not fit
   * `budget` given `waitedSeconds` already waited; undefined when it fits.
   */
  static check(
    budget: FloodWaitBudget,
    cause: FloodWaitError,
    method: string,
    attempt: number,
    waitedSeconds: number,
  ): FloodBudgetExceededError | undefined {
    const broken = floodBudgetLimitBroken(budget, attempt, cause.seconds, waitedSeconds);
    if (broken === undefined) return undefined;
    return new FloodBudgetExceededError(method, cause.seconds, broken, budget, waitedSeconds, cause);
  }

  static override isInstance(value: unknown): value is FloodBudgetExceededError {
    return hasErrorMarker(value, MARKER);
  }
}
