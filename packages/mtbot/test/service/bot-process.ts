// A bot fixture run as a child process through tools/run-ts.js, with its JSON log lines (stderr) and
// its metrics endpoint at hand: for the service tests that signal or kill a real process.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');

/** Test credentials of the local DC's world. */
export const API = { API_ID: '12345', API_HASH: '0123456789abcdef0123456789abcdef' };

export interface BotProcess {
  /** Resolves with the first JSON log line on stderr for which `pick` returns a value. */
  waitForLog<T>(pick: (line: Record<string, unknown>) => T | undefined): Promise<T>;
  readonly exited: Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>;
  kill(signal: NodeJS.Signals): void;
}

/** Starts `fixture` with exactly the variables of `env` (none of the parent's may leak in). */
export function startBotProcess(fixture: string, env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, [join(ROOT, 'tools/run-ts.js'), fixture], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    cwd: mkdtempSync(join(tmpdir(), 'mtbot-bot-process-cwd-')),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const waiter of [...waiters]) waiter();
  });
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  const parsedLines = (): Record<string, unknown>[] =>
    stderr.split('\n').flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  return {
    exited,
    kill: (signal) => child.kill(signal),
    waitForLog: <T>(pick: (line: Record<string, unknown>) => T | undefined) =>
      new Promise<T>((resolve, reject) => {
        const check = () => {
          for (const line of parsedLines()) {
            const value = pick(line);
            if (value !== undefined) return resolve(value);
          }
        };
        waiters.push(check);
        check();
        void exited.then(({ stderr: text }) => reject(new Error(`the bot exited first:\n${text}`)));
      }),
  };
}

/** Waits until the bot's metrics endpoint is up and its application started; returns the port. */
export async function waitUntilStarted(bot: BotProcess): Promise<number> {
  const port = await bot.waitForLog((line) =>
    line['msg'] === 'health and metrics endpoint listening' ? Number(line['port']) : undefined,
  );
  await bot.waitForLog((line) => (line['msg'] === 'bot application started' ? true : undefined));
  return port;
}

/** The `mtbot_handlers_in_flight` gauge of the bot's metrics endpoint. */
export async function handlersInFlight(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith('mtbot_handlers_in_flight '));
  return line === undefined ? 0 : Number(line.split(' ')[1]);
}

/** Polls `condition` every 50 ms until it holds, or fails naming `what`. */
export async function waitFor(
  condition: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
