/** One FLOOD_WAIT that is being waited out (emitted as `floodWait` before the wait starts). */
export interface FloodWaitEvent {
  /** The method Telegram limited, e.g. `messages.sendMessage`. */
  readonly method: string;
  /** The wait Telegram asked for, in seconds. */
  readonly seconds: number;
  /** The wait actually taken, in milliseconds (`seconds` plus the margin). */
  readonly waitMs: number;
  /** 1 for the first retry of this request, 2 for the second, ... */
  readonly attempt: number;
  /** The chat the request was for, if known. */
  readonly chatKey: string | undefined;
  /** What waits: this call only, every send to the chat, or every send. */
  readonly scope: 'call' | 'chat' | 'global';
}

/**
 * Where flood waits are logged: a pino logger fits as it is (`warn(object, message)`). Flood waits are
 * never silent sleeps: each one is a `floodWait` event and a warning line.
 */
export interface FloodWaitLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

/** Writes the warning line of `event` to `logger`. */
export function logFloodWait(logger: FloodWaitLogger | undefined, event: FloodWaitEvent): void {
  logger?.warn(
    { event: 'floodWait', ...event },
    `FLOOD_WAIT on ${event.method}${event.chatKey === undefined ? '' : ` (chat ${event.chatKey})`}: ` +
      `waiting ${event.seconds} s before retry ${event.attempt} (${event.scope})`,
  );
}
