import { EventEmitter } from 'node:events';
import { ReadinessChecks } from '../../../src/runtime/http/readiness-checks';
import type { MinimalLogger } from '../../../src/runtime/logging/minimal-logger';
import { ExitCode } from '../../../src/runtime/lifecycle/exit-codes';
import { InFlight } from '../../../src/runtime/lifecycle/in-flight';
import type { ScheduleTimeout, ServicePart } from '../../../src/runtime/lifecycle/service-part';
import { ServiceRunner } from '../../../src/runtime/lifecycle/service-runner';
import { ServiceStoppingError } from '../../../src/runtime/lifecycle/service-stopping-error';

class FakeProcess extends EventEmitter {
  exitCode: number | undefined;
  readonly exits: number[] = [];
  exit(code: number): void {
    this.exits.push(code);
  }
}

/** Timeouts that fire only when the test says so. */
class ManualTimeouts {
  private pending: Array<{ callback: () => void; delayMs: number; cancelled: boolean }> = [];
  readonly schedule: ScheduleTimeout = (callback, delayMs) => {
    const entry = { callback, delayMs, cancelled: false };
    this.pending.push(entry);
    return () => (entry.cancelled = true);
  };
  get active(): number {
    return this.pending.filter((entry) => !entry.cancelled).length;
  }
  fireAll(): void {
    const due = this.pending.filter((entry) => !entry.cancelled);
    this.pending = [];
    for (const entry of due) entry.callback();
  }
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

function setup(options: { readiness?: ReadinessChecks } = {}) {
  const events: string[] = [];
  const logs: string[] = [];
  const record =
    (level: string) =>
    (message: string): void => {
      logs.push(`${level} ${message}`);
    };
  const logger: MinimalLogger = {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
  const fakeProcess = new FakeProcess();
  const timeouts = new ManualTimeouts();
  const runner = new ServiceRunner({
    shutdownTimeoutMs: 1000,
    logger,
    process: fakeProcess,
    scheduleTimeout: timeouts.schedule,
    ...options,
  });
  const part = (name: string, overrides: Partial<ServicePart> = {}): ServicePart => ({
    start: () => void events.push(`start ${name}`),
    stopAccepting: () => void events.push(`stopAccepting ${name}`),
    stop: () => void events.push(`stop ${name}`),
    ...overrides,
  });
  return { runner, events, logs, fakeProcess, timeouts, part };
}

describe('InFlight', () => {
  it('counts tracked work, drains, and refuses new runs once closed', async () => {
    const inFlight = new InFlight();
    await inFlight.drained();
    const first = deferred();
    const second = deferred();
    void inFlight.track(first.promise);
    const failing = inFlight.track(second.promise).catch((error: Error) => error.message);
    expect(inFlight.count).toBe(2);
    let drained = false;
    void inFlight.drained().then(() => (drained = true));
    first.resolve();
    second.reject(new Error('handler failed'));
    expect(await failing).toBe('handler failed');
    await flush();
    expect(inFlight.count).toBe(0);
    expect(drained).toBe(true);
    inFlight.close();
    expect(inFlight.accepting).toBe(false);
    await expect(inFlight.run(async () => 1)).rejects.toBeInstanceOf(ServiceStoppingError);
    const late = deferred<number>();
    void inFlight.track(late.promise);
    expect(inFlight.count).toBe(1);
  });
});

describe('ServiceRunner', () => {
  it('starts in order, stops on SIGTERM after in-flight work, in reverse order, exit 0', async () => {
    const { runner, events, fakeProcess, part, logs } = setup();
    runner.add('store', part('store')).add('client', part('client')).add('updates', part('updates'));
    const done = runner.run();
    await flush();
    expect(runner.state).toBe('running');
    const work = deferred();
    void runner.trackInFlight(work.promise.then(() => void events.push('work done')));
    fakeProcess.emit('SIGTERM');
    await flush();
    expect(events).toEqual([
      'start store',
      'start client',
      'start updates',
      'stopAccepting updates',
      'stopAccepting client',
      'stopAccepting store',
    ]);
    expect(runner.inFlight.accepting).toBe(false);
    work.resolve();
    expect(await done).toBe(ExitCode.Clean);
    expect(events.slice(6)).toEqual(['work done', 'stop updates', 'stop client', 'stop store']);
    expect(fakeProcess.exitCode).toBe(0);
    expect(fakeProcess.exits).toEqual([0]);
    expect(fakeProcess.listenerCount('SIGTERM')).toBe(0);
    expect(logs).toContain('info stopping');
    expect(logs).toContain('info work in flight finished');
  });

  it('cuts in-flight work at the timeout, still stops the parts, exit 3', async () => {
    const { runner, events, fakeProcess, part, timeouts, logs } = setup();
    runner.add('client', part('client'));
    const done = runner.run();
    await flush();
    void runner.trackInFlight(new Promise(() => undefined));
    fakeProcess.emit('SIGINT');
    await flush();
    expect(timeouts.active).toBe(1);
    timeouts.fireAll();
    expect(await done).toBe(ExitCode.ShutdownTimeout);
    expect(events).toEqual(['start client', 'stopAccepting client', 'stop client']);
    expect(logs).toContain('warn shutdown timeout: cutting work still in flight');
    expect(fakeProcess.exits).toEqual([3]);
  });

  it('forces the exit on a second signal, exit 4', async () => {
    const { runner, fakeProcess, part } = setup();
    runner.add('client', part('client'));
    const done = runner.run();
    await flush();
    void runner.trackInFlight(new Promise(() => undefined));
    fakeProcess.emit('SIGTERM');
    await flush();
    fakeProcess.emit('SIGTERM');
    expect(await done).toBe(ExitCode.Forced);
    expect(fakeProcess.exits).toEqual([4]);
  });

  it('stops what started when a part fails to start, exit 2', async () => {
    const { runner, events, fakeProcess, part, logs } = setup();
    runner
      .add('store', part('store'))
      .add('client', part('client', { start: () => Promise.reject(new Error('connection refused')) }))
      .add('updates', part('updates'));
    expect(await runner.run()).toBe(ExitCode.StartupFailed);
    expect(events).toEqual(['start store', 'stopAccepting store', 'stop store']);
    expect(logs).toContain('error part failed to start');
    expect(fakeProcess.exits).toEqual([2]);
  });

  it('turns an uncaught exception into a graceful stop, exit 1', async () => {
    const { runner, events, fakeProcess, part, logs } = setup();
    runner.add('client', part('client'));
    const done = runner.run();
    await flush();
    fakeProcess.emit('uncaughtException', new Error('boom'));
    expect(await done).toBe(ExitCode.Failure);
    expect(events).toEqual(['start client', 'stopAccepting client', 'stop client']);
    expect(logs).toContain('error uncaught exception');
  });

  it('turns an unhandled rejection into a graceful stop, exit 1', async () => {
    const { runner, fakeProcess, part } = setup();
    runner.add('client', part('client'));
    const done = runner.run();
    await flush();
    fakeProcess.emit('unhandledRejection', new Error('lost promise'));
    expect(await done).toBe(ExitCode.Failure);
  });

  it('reports a part that fails or hangs on stop, and still stops the others, exit 1', async () => {
    const { runner, events, part, timeouts, logs } = setup();
    runner
      .add('store', part('store'))
      .add('hangs', part('hangs', { stop: () => new Promise(() => undefined) }))
      .add('fails', part('fails', { stop: () => Promise.reject(new Error('flush failed')) }));
    const done = runner.run();
    await flush();
    const stopped = runner.stop('test');
    await flush();
    timeouts.fireAll();
    expect(await stopped).toBe(ExitCode.Failure);
    expect(await done).toBe(ExitCode.Failure);
    expect(events.slice(-1)).toEqual(['stop store']);
    expect(logs).toContain('error stop part fails failed');
    expect(logs).toContain('error stop part hangs did not finish within 1000 ms');
  });

  it('makes /ready fail while not running', async () => {
    const readiness = new ReadinessChecks();
    const { runner, part } = setup({ readiness });
    runner.add('client', part('client'));
    expect(await readiness.evaluate()).toEqual({
      ready: false,
      reasons: [{ check: 'service', reason: 'service idle' }],
    });
    const done = runner.run();
    await flush();
    expect((await readiness.evaluate()).ready).toBe(true);
    await runner.stop();
    await done;
    expect((await readiness.evaluate()).reasons).toEqual([{ check: 'service', reason: 'service stopped' }]);
  });

  it('refuses a second run and late parts', async () => {
    const { runner, part } = setup();
    const done = runner.run();
    expect(() => runner.add('late', part('late'))).toThrow(/cannot add part late/);
    await expect(runner.run()).rejects.toThrow(/run called when/);
    await runner.stop();
    await done;
  });
});

describe('ServiceRunner.stop before run', () => {
  it('resolves at once and the runner cannot run afterwards', async () => {
    const { runner, events, part, fakeProcess } = setup();
    runner.add('client', part('client'));
    expect(await runner.stop()).toBe(ExitCode.Clean);
    await expect(runner.run()).rejects.toThrow(/run called when stopped/);
    expect(events).toEqual([]);
    expect(fakeProcess.exits).toEqual([]);
  });
});
