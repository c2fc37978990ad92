import { RpcError, rpcErrorFromServer } from 'telegram-mtproto-core';

/** Where a failed call went: its TL method and, when it had one, the peer (`user 123`, `channel 5`). */
export interface CallContext {
  readonly method: string;
  readonly peer?: string;
}

/**
 * The error of a failed call with the method and peer in its message. An RpcError comes back as the
 * same class (FloodWaitError, MigrateError, ...) rebuilt with the context, the original as `cause`,
 * so `instanceof`/`isInstance` checks and `seconds`/`dcId` keep working; other errors pass through.
 */
export function withCallContext(error: unknown, context: CallContext): unknown {
  if (!RpcError.isInstance(error) || (error.method === context.method && error.peer === context.peer)) {
    return error;
  }
  return rpcErrorFromServer(error.code, error.text, {
    method: context.method,
    ...(context.peer !== undefined && { peer: context.peer }),
    cause: error,
  });
}
