/** Runs the real create-mtbot CLI in a child process (no TTY), as CI and scripts do. */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const MAIN = join(ROOT, 'packages', 'create-mtbot', 'src', 'cli', 'main.ts');
export const FIXTURE_TEMPLATES = join(__dirname, 'fixtures', 'templates');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'tools', 'run-ts.js'), MAIN, ...args], {
      cwd,
      env: { ...process.env, npm_config_user_agent: '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.end();
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A fresh working folder, and a copy of the fixture templates plus a broken one. */
export async function workspace(): Promise<{ cwd: string; templates: string }> {
  const base = await mkdtemp(join(tmpdir(), 'create-mtbot-test-'));
  const cwd = join(base, 'work');
  const templates = join(base, 'templates');
  await mkdir(cwd);
  await cp(FIXTURE_TEMPLATES, templates, { recursive: true });
  await mkdir(join(templates, 'broken'));
  await writeFile(
    join(templates, 'broken', 'template.json'),
    '{ "description": "broken package.json", "order": 3 }',
  );
  await writeFile(join(templates, 'broken', 'package.json'), '{ not json');
  return { cwd, templates };
}

/** Everything in `directory`, sorted, including dotfiles. */
export async function listing(directory: string): Promise<string[]> {
  return (await readdir(directory, { recursive: true })).map(String).sort();
}
