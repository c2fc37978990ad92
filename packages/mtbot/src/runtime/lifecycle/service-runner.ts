import { MtbotError } from 'telegram-mtproto-core';
import type { ReadinessChecks } from '../http/readiness-checks';
import type { MinimalLogger } from '../logging/minimal-logger';
import { ExitCode } from './exit-codes';
import { InFlight } from './in-flight';
import { systemScheduleTimeout, type ScheduleTimeout, type ServicePart } from './service-part';

/** A listener of a process event (signal, uncaughtException, unhandledRejection). */
export type ProcessListener = (...args: unknown[]) => void;

/** The bits of `process` the runner uses; tests pass an EventEmitter with an `exit` of their own. */
export interface ProcessLike {
  on(event: string, listener: ProcessListener): unknown;
  off(event: string, listener: ProcessListener): unknown;
  exit(code: number): void;
  exitCode?: number | string | null | undefined;
}

/** Options of {@link ServiceRunner}. */
export interface ServiceRunnerOptions {
  /** How long shutdown waits for work in flight, and for each part's stop (default 10,000 ms). */
  readonly shutdownTimeoutMs?: number;
  readonly logger?: MinimalLogger;
  /** Signals that start a graceful stop; a second one forces the exit (default SIGINT, SIGTERM). */
  readonly signals?: readonly NodeJS.Signals[];
  /** Call `process.exit(code)` once stopped (default true), so a stray timer cannot keep it alive. */
  readonly exitProcess?: boolean;
  /** When given, a `service` check fails unless the runner is running (so /ready says 503 while stopping). */
  readonly readiness?: ReadinessChecks;
  /** Default: the real `process`. */
  readonly process?: ProcessLike;
  /** Default: Node's timers. */
  readonly scheduleTimeout?: ScheduleTimeout;
  /**
   * Hold the event loop open from `run()` until stopped (default: true with the real `process`).
   * Without it, a service whose parts hold no socket yet would exit 0 at once, with work pending.
   */
  readonly keepAlive?: boolean;
}

/** Where a {@link ServiceRunner} is in its life. */
export type ServiceState = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped';

interface PartEntry {
  readonly name: string;
  readonly part: ServicePart;
}

const silentLogger: MinimalLogger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Runs a service: starts its parts in order, and on SIGINT/SIGTERM (or {@link stop}) stops taking
 * new work, waits for work in flight up to the shutdown timeout, then stops the parts in reverse
 * order. The exit code says how it went ({@link ExitCode}); a second signal forces the exit.
 * Uncaught exceptions and unhandled rejections are logged and lead to the same graceful stop, with
 * a non-zero code.
 *
 * @example
 * ```ts
 * const runner = new ServiceRunner({ shutdownTimeoutMs: config.shutdownTimeoutMs, logger })
 * runner.add('http', httpServer).add('bot', bot)
 * bot.onUpdate((update) => runner.trackInFlight(dispatcher.handle(update)))
 * await runner.run() // resolves with the exit code; the process exits with it
 * ```
 */
export class ServiceRunner {
  /** The work in flight, drained at shutdown. */
  readonly inFlight = new InFlight();
  private readonly parts: PartEntry[] = [];
  private readonly logger: MinimalLogger;
  private readonly process: ProcessLike;
  private readonly scheduleTimeout: ScheduleTimeout;
  private readonly shutdownTimeoutMs: number;
  private current: ServiceState = 'idle';
  private stopReason: string | undefined;
  private failed = false;
  private requestStop: () => void = () => undefined;
  private readonly stopRequested = new Promise<void>((resolve) => (this.requestStop = resolve));
  private finish: (code: ExitCode) => void = () => undefined;
  private readonly finished = new Promise<ExitCode>((resolve) => (this.finish = resolve));
  private readonly listeners: { readonly event: string; readonly listener: ProcessListener }[] = [];
  private keepAliveTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ServiceRunnerOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.process = options.process ?? process;
    this.scheduleTimeout = options.scheduleTimeout ?? systemScheduleTimeout;
    this.shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;
    options.readiness?.add('service', () => this.current === 'running' || `service ${this.current}`);
  }

  /** Where the runner is in its life. */
  get state(): ServiceState {
    return this.current;
  }

  /** Adds a part; parts start in the order added and stop in reverse. */
  add(name: string, part: ServicePart): this {
    if (this.current !== 'idle')
      throw new MtbotError(`cannot add part ${name}: the service is ${this.current}`);
    this.parts.push({ name, part });
    return this;
  }

  /** Counts `work` as in flight until it settles; shutdown waits for it. Returns `work`. */
  trackInFlight<T>(work: Promise<T>): Promise<T> {
    return this.inFlight.track(work);
  }

  /**
   * Starts the parts, runs until a signal, {@link stop} or a fatal error, then stops gracefully.
   * Resolves with the exit code, which is also set as `process.exitCode`.
   */
  run(): Promise<ExitCode> {
    if (this.current !== 'idle') {
      return Promise.reject(new MtbotError(`ServiceRunner.run called when ${this.current}`));
    }
    this.current = 'starting';
    this.installHandlers();
    if (this.options.keepAlive ?? this.options.process === undefined) {
      this.keepAliveTimer = setInterval(() => undefined, 2 ** 30);
    }
    // A forced exit settles `finished` while the graceful path may still be waiting.
    this.lifecycle().catch((error: unknown) => {
      this.logger.error('service runner failed', { err: error });
      this.end(ExitCode.Failure);
    });
    return this.finished;
  }

  private async lifecycle(): Promise<void> {
    const started = await this.startParts();
    if (started.length === this.parts.length && this.stopReason === undefined) {
      this.current = 'running';
      this.logger.info('service running', { parts: started.map((entry) => entry.name) });
      await this.stopRequested;
    }
    await this.shutdown(started, started.length < this.parts.length && this.stopReason === undefined);
  }

  /** Starts a graceful stop (if not started yet) and resolves with the exit code once stopped. */
  stop(reason = 'stop requested'): Promise<ExitCode> {
    if (this.current === 'idle') {
      // Never started: nothing to stop, and run() must not start it afterwards.
      this.current = 'stopped';
      this.finish(ExitCode.Clean);
      return this.finished;
    }
    this.beginStop(reason);
    return this.finished;
  }

  private beginStop(reason: string): void {
    if (this.stopReason !== undefined) return;
    this.stopReason = reason;
    // Flip at once so /ready fails before the first shutdown step runs.
    if (this.current === 'starting' || this.current === 'running') this.current = 'stopping';
    this.logger.info('stopping', { reason });
    this.requestStop();
  }

  private async startParts(): Promise<PartEntry[]> {
    const started: PartEntry[] = [];
    for (const entry of this.parts) {
      if (this.stopReason !== undefined) break;
      this.logger.info('starting part', { part: entry.name });
      try {
        await entry.part.start();
      } catch (error) {
        // A start-up failure is mostly the environment (a server not answering, a session locked):
        // its message says what to fix; the stack goes to debug only.
        this.logger.error('part failed to start', { part: entry.name, error: describeError(error) });
        this.logger.debug('part failed to start: stack', { part: entry.name, err: error });
        break;
      }
      started.push(entry);
    }
    return started;
  }

  private async shutdown(started: readonly PartEntry[], startupFailed: boolean): Promise<void> {
    this.current = 'stopping';
    this.stopReason ??= 'start-up failed';
    this.inFlight.close();
    for (const { name, part } of [...started].reverse()) {
      if (part.stopAccepting === undefined) continue;
      await this.step(`stop taking work in ${name}`, () => part.stopAccepting!());
    }
    this.logger.info('no longer taking work; waiting for work in flight', { inFlight: this.inFlight.count });
    const drained = await this.withTimeout(this.inFlight.drained());
    const timedOut = !drained;
    if (timedOut) {
      this.logger.warn('shutdown timeout: cutting work still in flight', {
        inFlight: this.inFlight.count,
        timeoutMs: this.shutdownTimeoutMs,
      });
    } else {
      this.logger.info('work in flight finished');
    }
    for (const { name, part } of [...started].reverse()) {
      await this.step(`stop part ${name}`, () => part.stop());
    }
    const code = startupFailed
      ? ExitCode.StartupFailed
      : this.failed
        ? ExitCode.Failure
        : timedOut
          ? ExitCode.ShutdownTimeout
          : ExitCode.Clean;
    this.end(code);
  }

  /** Runs one shutdown step within the timeout; a failure or a hang is logged and marks the run failed. */
  private async step(description: string, action: () => Promise<void> | void): Promise<void> {
    this.logger.info(description);
    let outcome: boolean;
    try {
      outcome = await this.withTimeout(Promise.resolve().then(action));
    } catch (error) {
      this.failed = true;
      this.logger.error(`${description} failed`, { err: error });
      return;
    }
    if (!outcome) {
      this.failed = true;
      this.logger.error(`${description} did not finish within ${this.shutdownTimeoutMs} ms`);
    }
  }

  /** True when `work` settled in time, false on timeout; rejects with its error. */
  private withTimeout(work: Promise<unknown>): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      const cancel = this.scheduleTimeout(() => resolve(false), this.shutdownTimeoutMs);
      work.then(
        () => {
          cancel();
          resolve(true);
        },
        (error: unknown) => {
          cancel();
          reject(error);
        },
      );
    });
  }

  private end(code: ExitCode): void {
    if (this.current === 'stopped') return;
    this.current = 'stopped';
    this.removeHandlers();
    clearInterval(this.keepAliveTimer);
    this.logger.info('stopped', { exitCode: code, reason: this.stopReason });
    this.process.exitCode = code;
    this.finish(code);
    if (this.options.exitProcess ?? true) this.process.exit(code);
  }

  private installHandlers(): void {
    for (const signal of this.options.signals ?? ['SIGINT', 'SIGTERM']) {
      this.listen(signal, () => this.onSignal(signal));
    }
    this.listen('uncaughtException', (error: unknown) => this.onFatal('uncaught exception', error));
    this.listen('unhandledRejection', (reason: unknown) => this.onFatal('unhandled rejection', reason));
  }

  private onSignal(signal: string): void {
    if (this.stopReason === undefined) {
      this.beginStop(`signal ${signal}`);
      return;
    }
    this.logger.warn('second signal: forcing exit', { signal, inFlight: this.inFlight.count });
    this.current = 'stopping';
    this.end(ExitCode.Forced);
    // The forced exit ends the process whatever `exitProcess` says: that is what the second signal asks.
    if (this.options.exitProcess === false) this.process.exit(ExitCode.Forced);
  }

  private onFatal(kind: string, error: unknown): void {
    this.failed = true;
    this.logger.error(kind, { err: error });
    this.beginStop(kind);
  }

  private listen(event: string, listener: ProcessListener): void {
    this.process.on(event, listener);
    this.listeners.push({ event, listener });
  }

  private removeHandlers(): void {
    for (const { event, listener } of this.listeners) this.process.off(event, listener);
    this.listeners.length = 0;
  }
}

/** `Type: message` of a thrown value, with no stack. */
function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
