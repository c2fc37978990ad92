import { spawn } from 'node:child_process';
import { CreateError } from './create-error';

/** Output of a command run with {@link runCommand} and `capture`. */
export interface CommandOutput {
  readonly stdout: string;
}

/**
 * Runs `argv` in `cwd`; the person sees its output unless `capture` is set. Rejects with
 * CreateError('command-failed') naming the command and its exit status.
 */
export function runCommand(
  argv: readonly string[],
  cwd: string,
  options: { capture?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<CommandOutput> {
  const [command, ...args] = argv;
  const shown = argv.join(' ');
  return new Promise((resolve, reject) => {
    // Windows runs npm, pnpm and yarn through .cmd shims, which need a shell.
    const child = spawn(command!, args, {
      cwd,
      env: options.env ?? process.env,
      stdio: options.capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
      shell: process.platform === 'win32',
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) =>
      reject(
        new CreateError('command-failed', `could not run \`${shown}\`: ${error.message}`, undefined, {
          cause: error,
        }),
      ),
    );
    child.on('close', (code, signal) => {
      if (code === 0) return resolve({ stdout });
      const status = signal === null ? `exit code ${code}` : `signal ${signal}`;
      const detail = stderr.trim().split('\n').slice(-5).join('\n');
      reject(
        new CreateError(
          'command-failed',
          `\`${shown}\` failed with ${status}${detail ? `:\n${detail}` : ''}`,
        ),
      );
    });
  });
}
