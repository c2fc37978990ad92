/**
 * True when `value` carries `marker` (a `Symbol.for` key): the `isInstance` checks of the runtime's
 * error classes use it so they hold across duplicate installs, as core's errors do.
 */
export function hasErrorMarker(value: unknown, marker: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
}
