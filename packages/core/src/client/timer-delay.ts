/** setTimeout cannot wait longer than this (a longer delay fires at once). */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** A delay setTimeout honours: not below 0 and not past its 24.8-day limit (deadlines may be days away). */
export function timerDelay(delayMs: number): number {
  return Math.min(MAX_TIMER_DELAY_MS, Math.max(0, delayMs));
}
