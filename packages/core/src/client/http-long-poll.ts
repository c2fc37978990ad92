/** http_wait's fields (core.telegram.org/mtproto/service_messages, "Long Poll"), in milliseconds. */
export interface HttpWaitParameters {
  /** Longest the server may wait after the first message it could send before answering. */
  readonly maxDelayMs: number;
  /** How long the server waits after the last message it received before answering. */
  readonly waitAfterMs: number;
  /** Longest the server may hold the request with nothing to send. */
  readonly maxWaitMs: number;
}

const DEFAULT_PARAMETERS: HttpWaitParameters = { maxDelayMs: 0, waitAfterMs: 0, maxWaitMs: 5_000 };
/** Time allowed past max_wait for the held answer to travel back before polling again. */
const ANSWER_MARGIN_MS = 1_000;

/**
 * When a client on the HTTP transport sends http_wait. HTTP has no server push: answers travel only
 * in responses to the client's POSTs, so while calls wait the client keeps one POST held open by the
 * server (core.telegram.org/mtproto/transports#http). A poll counts as open until any answer comes
 * back or until max_wait (plus a margin) has passed; then, if calls still wait, the next one is due.
 */
export class HttpLongPoll {
  readonly parameters: HttpWaitParameters;
  private openUntil = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    parameters: Partial<HttpWaitParameters> | undefined,
    /** Called when a poll ran out with calls maybe still waiting (the client flushes then). */
    private readonly onDue: () => void,
  ) {
    this.parameters = { ...DEFAULT_PARAMETERS, ...parameters };
  }

  /** Whether a flush now should carry an http_wait. */
  shouldWait(pendingCalls: number, now: number): boolean {
    return pendingCalls > 0 && now >= this.openUntil;
  }

  /** An http_wait went out at `now`. */
  polled(now: number): void {
    this.openUntil = now + this.parameters.maxWaitMs + ANSWER_MARGIN_MS;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.onDue();
    }, this.openUntil - now);
  }

  /** An answer came back: the held poll (or another POST) was answered. */
  answered(): void {
    this.openUntil = 0;
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
