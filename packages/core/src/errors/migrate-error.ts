import { hasErrorMarker } from './mtbot-error';
import { RpcError, type RpcErrorContext } from './rpc-error';

const MARKER = Symbol.for('mtbot.error.MigrateError');

/**
 * `303 *_MIGRATE_X` (PHONE_MIGRATE, NETWORK_MIGRATE, USER_MIGRATE, FILE_MIGRATE, STATS_MIGRATE): the
 * request must be repeated on DC `dcId` (core.telegram.org/api/errors#303-see-other).
 */
export class MigrateError extends RpcError {
  readonly [MARKER] = true;

  constructor(
    code: number,
    text: string,
    /** The DC the request must be sent to. */
    readonly dcId: number,
    context: RpcErrorContext = {},
  ) {
    super(code, text, context);
    this.name = 'MigrateError';
  }

  static override isInstance(value: unknown): value is MigrateError {
    return hasErrorMarker(value, MARKER);
  }
}
