// The test side of storage-child-process.ts: starts it (through tools/run-ts.js), sends commands and
// reads its JSON answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { CrashStep } from './crash-steps';

const root = join(__dirname, '..', '..', '..', '..', '..');
/** A child that does not answer within this is stuck: the test fails instead of hanging. */
const ANSWER_LIMIT_MS = 15_000;

/** One answer line of the child. */
export type ChildAnswer = {
  readonly ready?: boolean;
  readonly opened?: boolean;
  readonly pid?: number;
  readonly error?: string;
  readonly message?: string;
  readonly set?: number;
  readonly closed?: boolean;
};

/** A FileStorage in another process. */
export class StorageChild {
  private readonly answers: ChildAnswer[] = [];
  private waiter: (() => void) | undefined;
  private readonly process: ChildProcess;
  /** Resolves with the exit code and signal once the process is gone (and reaped). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(sessionPath: string, crashStep?: CrashStep) {
    const args = [join(root, 'tools', 'run-ts.js'), join(__dirname, 'storage-child-process.ts'), sessionPath];
    if (crashStep !== undefined) args.push(crashStep);
    this.process = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    this.exited = new Promise((resolve) =>
      this.process.once('exit', (code, signal) => {
        resolve({ code, signal });
        this.waiter?.();
      }),
    );
    createInterface({ input: this.process.stdout! }).on('line', (line) => {
      this.answers.push(JSON.parse(line) as ChildAnswer);
      this.waiter?.();
    });
  }

  /** Starts a child for `sessionPath` (dying at `crashStep` of its first write, if given). */
  static async start(sessionPath: string, crashStep?: CrashStep): Promise<StorageChild> {
    const child = new StorageChild(sessionPath, crashStep);
    await child.next();
    return child;
  }

  get pid(): number {
    return this.process.pid!;
  }

  /** Sends one command line without waiting. */
  send(command: string): void {
    this.process.stdin!.write(`${command}\n`);
  }

  /** Sends a command and waits for its answer. */
  async command(command: string): Promise<ChildAnswer> {
    this.send(command);
    return this.next();
  }

  /** The next answer (rejects if the process exits first or stays silent too long). */
  async next(): Promise<ChildAnswer> {
    const deadline = Date.now() + ANSWER_LIMIT_MS;
    for (;;) {
      const answer = this.answers.shift();
      if (answer !== undefined) return answer;
      if (this.process.exitCode !== null || this.process.signalCode !== null) {
        throw new Error(`child ${this.pid} exited (${this.process.exitCode ?? this.process.signalCode})`);
      }
      if (Date.now() > deadline) throw new Error(`child ${this.pid} did not answer`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Ends the process (closing stdin makes it exit) and waits until it is gone. */
  async stop(): Promise<void> {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.stdin!.end();
    await this.exited;
  }
}

/** The pid of a process that has come and gone: a lock naming it is stale. */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}
