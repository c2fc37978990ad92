import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const runTs = join(__dirname, '..', '..', '..', 'tools', 'run-ts.js');

/**
 * Starts a bench's server (a TypeScript file, through tools/run-ts.js) in a child process and waits
 * for its ready line, one JSON object on stdout. The node options go along, so `node --cpu-prof` on
 * the bench profiles the server too. The child exits when its stdin closes, that is when this process
 * ends; `lines` reads the rest of its stdout.
 */
export async function startReadyChild<Ready>(
  script: string,
  what: string,
): Promise<{ child: ChildProcess; ready: Ready; lines: AsyncIterator<string> }> {
  const child = spawn(process.execPath, [...process.execArgv, runTs, script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.unref();
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done === true) {
    throw new Error(`${what} exited with code ${child.exitCode} before it was ready`);
  }
  return { child, ready: JSON.parse(first.value) as Ready, lines };
}
