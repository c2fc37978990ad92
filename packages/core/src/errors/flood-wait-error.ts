import { hasErrorMarker } from './mtbot-error';
import { RpcError, type RpcErrorContext } from './rpc-error';

const MARKER = Symbol.for('mtbot.error.FloodWaitError');

/**
 * `420 FLOOD_WAIT_X` (and its relatives `FLOOD_PREMIUM_WAIT_X`, `SLOWMODE_WAIT_X`): the account must
 * wait `seconds` before the same kind of request is accepted again.
 */
export class FloodWaitError extends RpcError {
  readonly [MARKER] = true;

  constructor(
    code: number,
    text: string,
    /** How long Telegram asks to wait, in seconds. */
    readonly seconds: number,
    context: RpcErrorContext = {},
  ) {
    super(code, text, context);
    this.name = 'FloodWaitError';
  }

  static override isInstance(value: unknown): value is FloodWaitError {
    return hasErrorMarker(value, MARKER);
  }
}
