import { hasErrorMarker, MtbotError } from 'telegram-mtproto-core';

const MARKER = Symbol.for('mtbot.error.HandlerError');

/**
 * A handler, guard or middleware failed and no error handler (handler, controller or global level)
 * took the error. `cause` is what was thrown; `route` names the handler when routing had found one.
 */
export class HandlerError extends MtbotError {
  readonly [MARKER] = true;

  constructor(
    /** The kind of the update being handled. */
    readonly updateKind: string,
    /** The route that failed (`Greeter.start`, `router.command('start')`), or undefined before routing. */
    readonly route: string | undefined,
    cause: unknown,
  ) {
    const where = route === undefined ? 'global middleware' : route;
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${where} failed on a ${updateKind} update: ${reason}`, { cause });
    this.name = 'HandlerError';
  }

  static override isInstance(value: unknown): value is HandlerError {
    return hasErrorMarker(value, MARKER);
  }
}
