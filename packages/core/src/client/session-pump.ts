/**
 * The timers that drive the client's sans-IO sessions: `ClientSession` decides what to send and when
 * its next deadline is (acks, keepalive pings, call timeouts); this pump turns those decisions into a
 * flush on the next turn of the event loop and one timer at the next deadline, and on the HTTP
 * transport it keeps a long poll open (core.telegram.org/mtproto/transports#http).
 */
import type { Clock } from '../crypto/clock';
import type { ClientSession } from '../session/client-session';
import type { MtprotoConnection } from '../transport/payload-connection';
import { HttpLongPoll, type HttpWaitParameters } from './http-long-poll';
import { timerDelay } from './timer-delay';

/** What the pump reads from the client each time it runs (the client swaps sessions and connections). */
export interface SessionPumpSource {
  /** The session calls go to; its deadlines drive the timer and it carries http_wait. */
  currentSession(): ClientSession | undefined;
  /** Sessions beside the current one with output for the same connection (PFS binding and draining). */
  sideSessions(): Iterable<ClientSession>;
  /** The connection to send on; undefined unless the client is connected. */
  connectedConnection(): MtprotoConnection | undefined;
  isClosed(): boolean;
}

export class SessionPump {
  private flushScheduled = false;
  private tickTimer: ReturnType<typeof setTimeout> | undefined;
  private tickAt: number | undefined;
  private httpLongPoll: HttpLongPoll | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly httpWait: Partial<HttpWaitParameters> | undefined,
    private readonly source: SessionPumpSource,
  ) {}

  /** A connection was attached: HTTP gets a long poll, since answers only come back on requests. */
  connectionAttached(connection: MtprotoConnection): void {
    this.httpLongPoll?.stop();
    this.httpLongPoll = connection.description.startsWith('http ')
      ? new HttpLongPoll(this.httpWait, () => this.scheduleFlush())
      : undefined;
  }

  /** Something arrived: on HTTP the held poll was answered, and a new one is due while calls wait. */
  payloadReceived(): void {
    if (this.httpLongPoll === undefined) return;
    this.httpLongPoll.answered();
    if ((this.source.currentSession()?.pendingCallCount ?? 0) > 0) this.scheduleFlush();
  }

  /** The connection went away: no poll to keep open until the next one. */
  connectionLost(): void {
    this.httpLongPoll?.stop();
  }

  /** Many calls made in one turn of the event loop leave together (in one container when they fit). */
  scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /** Runs the current session's next deadline on a timer (one timer, moved as the deadline moves). */
  sessionChanged(): void {
    const session = this.source.currentSession();
    if (session === undefined || this.source.isClosed()) return;
    const deadline = session.nextDeadline();
    if (deadline === this.tickAt) return;
    this.clearTick();
    this.tickAt = deadline;
    if (deadline === undefined) return;
    this.tickTimer = setTimeout(
      () => {
        this.tickTimer = undefined;
        this.tickAt = undefined;
        this.source.currentSession()?.tick();
        this.sessionChanged();
      },
      timerDelay(deadline - this.clock.now()),
    );
  }

  /** The client closed: no more ticks or polls. */
  stop(): void {
    this.clearTick();
    this.tickAt = undefined;
    this.httpLongPoll?.stop();
  }

  private flush(): void {
    const session = this.source.currentSession();
    const connection = this.source.connectedConnection();
    if (session === undefined || connection === undefined) return;
    const longPoll = this.httpLongPoll;
    const now = this.clock.now();
    if (longPoll !== undefined && longPoll.shouldWait(session.pendingCallCount, now)) {
      session.httpWait(longPoll.parameters);
      longPoll.polled(now);
    }
    for (const current of [session, ...this.source.sideSessions()]) {
      for (const payload of current.flush()) {
        connection.send(payload).catch(() => {
          // A failed send means the connection is going; its close event starts the reconnection.
        });
      }
    }
    this.sessionChanged();
  }

  private clearTick(): void {
    if (this.tickTimer !== undefined) clearTimeout(this.tickTimer);
    this.tickTimer = undefined;
  }
}
