import { ConfigError, hasErrorMarker } from 'telegram-mtproto-core';

const MARKER = Symbol.for('mtbot.error.RouteDefinitionError');

/**
 * A handler registration that cannot work: two handlers for one command, a bad pattern, a parameter
 * decorator on a method that handles nothing, a controller class without `@Controller()`. Thrown while
 * the routes are built (at start-up), never at the first update.
 *
 * @example
 * ```ts
 * try { registerControllers(router, [Greeter]) } catch (error) {
 *   if (RouteDefinitionError.isInstance(error)) console.error(error.source, error.message)
 * }
 * ```
 */
export class RouteDefinitionError extends ConfigError {
  readonly [MARKER] = true;

  constructor(
    /** Where the registration comes from: `Greeter.start` for a decorated method, `router.command('start')` otherwise. */
    readonly source: string,
    problem: string,
  ) {
    super(`${source}: ${problem}`);
    this.name = 'RouteDefinitionError';
  }

  static override isInstance(value: unknown): value is RouteDefinitionError {
    return hasErrorMarker(value, MARKER);
  }
}
