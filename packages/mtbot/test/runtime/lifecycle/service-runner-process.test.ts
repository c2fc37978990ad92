import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode } from '../../../src/runtime/lifecycle/exit-codes';

const ROOT = join(__dirname, '../../../../..');
const FIXTURE = join(__dirname, 'fixtures/service-with-work.ts');

interface Child {
  readonly outFile: string;
  /** Resolves once stdout said `ready`. */
  readonly ready: Promise<void>;
  /** Resolves once stderr contains `text`. */
  waitForLog(text: string): Promise<void>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  kill(signal: NodeJS.Signals): void;
}

function startService(mode: string, env: Record<string, string> = {}): Child {
  const outFile = join(mkdtempSync(join(tmpdir(), 'mtbot-runner-')), 'out.txt');
  const child = spawn(process.execPath, [join(ROOT, 'tools/run-ts.js'), FIXTURE, mode, outFile], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const logWaiters: Array<{ text: string; resolve: () => void }> = [];
  const ready = new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('ready\n')) resolve();
    });
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const waiter of logWaiters) if (stderr.includes(waiter.text)) waiter.resolve();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return {
    outFile,
    ready,
    exited,
    waitForLog: (text) =>
      new Promise((resolve) => (stderr.includes(text) ? resolve() : logWaiters.push({ text, resolve }))),
    kill: (signal) => child.kill(signal),
  };
}

function outputLines(child: Child): string[] {
  return existsSync(child.outFile) ? readFileSync(child.outFile, 'utf8').trim().split('\n') : [];
}

describe('ServiceRunner in a real process', () => {
  it.concurrent(
    'SIGTERM with 100 handlers in flight: all finish, state persisted after them, exit 0',
    async () => {
      const child = startService('clean');
      await child.ready;
      child.kill('SIGTERM');
      const { code, stderr } = await child.exited;
      expect(code).toBe(ExitCode.Clean);
      const lines = outputLines(child);
      expect(lines[0]).toBe('intake stopped');
      expect(lines.at(-1)).toBe('state persisted');
      const done = lines.slice(1, -1);
      expect(new Set(done)).toEqual(new Set(Array.from({ length: 100 }, (_, job) => `job ${job} done`)));
      expect(done).toHaveLength(100);
      expect(stderr).toContain('"msg":"work in flight finished"');
    },
  );

  it.concurrent('cuts handlers that outlive the shutdown timeout: parts still stop, exit 3', async () => {
    const child = startService('hang', { SHUTDOWN_TIMEOUT_MS: '100', JOBS: '3' });
    await child.ready;
    child.kill('SIGTERM');
    const { code, stderr } = await child.exited;
    expect(code).toBe(ExitCode.ShutdownTimeout);
    expect(outputLines(child)).toEqual(['intake stopped', 'state persisted']);
    expect(stderr).toContain('"inFlight":3');
  });

  it.concurrent('forces the exit on a second signal, exit 4', async () => {
    const child = startService('hang', { JOBS: '3' });
    await child.ready;
    child.kill('SIGTERM');
    await child.waitForLog('waiting for work in flight');
    child.kill('SIGINT');
    const { code, stderr } = await child.exited;
    expect(code).toBe(ExitCode.Forced);
    expect(outputLines(child)).toEqual(['intake stopped']);
    expect(stderr).toContain('second signal: forcing exit');
  });

  it.concurrent('exits 2 when a part fails to start, after stopping those that started', async () => {
    const child = startService('startup-fail');
    const { code, stderr } = await child.exited;
    expect(code).toBe(ExitCode.StartupFailed);
    expect(outputLines(child)).toEqual(['state persisted']);
    expect(stderr).toContain('cannot connect');
  });

  it.concurrent('stops gracefully after an uncaught exception, exit 1, handlers still finish', async () => {
    const child = startService('crash', { JOBS: '5' });
    const { code, stderr } = await child.exited;
    expect(code).toBe(ExitCode.Failure);
    expect(outputLines(child)).toHaveLength(7);
    expect(stderr).toContain('handler bug');
  });
});
