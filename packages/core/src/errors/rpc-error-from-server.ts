import { FloodWaitError } from './flood-wait-error';
import { MigrateError } from './migrate-error';
import { RpcError, parseRpcErrorText, type RpcErrorContext } from './rpc-error';

/** Error types whose numeric argument is a number of seconds to wait. */
const WAIT_TYPES = new Set(['FLOOD_WAIT', 'FLOOD_PREMIUM_WAIT', 'SLOWMODE_WAIT', 'FLOOD_TEST_PHONE_WAIT']);

/**
 * Turns an `rpc_error` (code and text) into the most specific error class: {@link FloodWaitError}
 * for waits, {@link MigrateError} for `*_MIGRATE_X`, else {@link RpcError}.
 */
export function rpcErrorFromServer(code: number, text: string, context: RpcErrorContext = {}): RpcError {
  const { type, argument } = parseRpcErrorText(text);
  if (argument !== undefined && WAIT_TYPES.has(type))
    return new FloodWaitError(code, text, argument, context);
  if (argument !== undefined && type.endsWith('_MIGRATE'))
    return new MigrateError(code, text, argument, context);
  return new RpcError(code, text, context);
}
