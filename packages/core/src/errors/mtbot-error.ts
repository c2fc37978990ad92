const MARKER = Symbol.for('mtbot.error');

/**
 * Base class of every error thrown by mtbot's packages.
 *
 * Each subclass sets `name`, keeps the underlying `cause`, and carries a `Symbol.for` marker so that
 * {@link MtbotError.isInstance} works even when two copies of the package are installed (where a plain
 * `instanceof` would fail).
 *
 * @example
 * ```ts
 * try { await client.invoke(request) } catch (error) {
 *   if (MtbotError.isInstance(error)) console.error(error.name, error.message)
 * }
 * ```
 */
export class MtbotError extends Error {
  /** Marker read by {@link MtbotError.isInstance}; shared across duplicate installs. */
  readonly [MARKER] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MtbotError';
  }

  /** True for any mtbot error, from this copy of the package or another one. */
  static isInstance(value: unknown): value is MtbotError {
    return typeof value === 'object' && value !== null && (value as { [MARKER]?: unknown })[MARKER] === true;
  }
}

/**
 * Builds the `isInstance` check of a subclass: true when `value` carries that subclass's marker.
 * Each subclass has a marker of its own, so `TlDecodeError.isInstance` is false for a `SecurityError`.
 */
export function hasErrorMarker(value: unknown, marker: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
}
