import { ConfigError } from 'telegram-mtproto-core';

/**
 * How much FLOOD_WAIT waiting is acceptable for one request before giving up with
 * {@link FloodBudgetExceededError}.
 */
export interface FloodWaitBudget {
  /** Longest single wait accepted, in seconds (default 60): a longer FLOOD_WAIT fails at once. */
  readonly maxSingleWaitSeconds: number;
  /** Most seconds of waiting over all retries of one request (default 300). */
  readonly maxTotalWaitSeconds: number;
  /** Most retries of one request (default 5). */
  readonly maxRetries: number;
  /** Added to every wait, in milliseconds (default 500): the server's clock and ours are not one clock. */
  readonly marginMs: number;
}

export const DEFAULT_FLOOD_WAIT_BUDGET: FloodWaitBudget = {
  maxSingleWaitSeconds: 60,
  maxTotalWaitSeconds: 300,
  maxRetries: 5,
  marginMs: 500,
};

/** Why a budget refused a wait. */
export type FloodBudgetLimit = 'single-wait' | 'total-wait' | 'retries';

/** The defaults completed with `overrides`, checked. */
export function resolveFloodWaitBudget(overrides: Partial<FloodWaitBudget> = {}): FloodWaitBudget {
  const budget = { ...DEFAULT_FLOOD_WAIT_BUDGET, ...overrides };
  for (const [name, value] of Object.entries(budget)) {
    if (!(value >= 0) || !Number.isFinite(value)) {
      throw new ConfigError(`flood wait budget: ${name} must be a number >= 0, got ${String(value)}`);
    }
  }
  if (!Number.isInteger(budget.maxRetries)) {
    throw new ConfigError(`flood wait budget: maxRetries must be an integer, got ${budget.maxRetries}`);
  }
  return budget;
}

/**
 * Whether retry number `attempt` (1 for the first retry) after a wait of `seconds` fits the budget,
 * given `waitedSeconds` already waited for the same request; returns the limit it breaks, if any.
 */
export function floodBudgetLimitBroken(
  budget: FloodWaitBudget,
  attempt: number,
  seconds: number,
  waitedSeconds: number,
): FloodBudgetLimit | undefined {
  if (attempt > budget.maxRetries) return 'retries';
  if (seconds > budget.maxSingleWaitSeconds) return 'single-wait';
  if (waitedSeconds + seconds > budget.maxTotalWaitSeconds) return 'total-wait';
  return undefined;
}
