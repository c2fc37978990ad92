// End to end, as a person would: create a project from each template with each package manager here
// (npm, pnpm; yarn when installed), on tarballs packed from this workspace (`pnpm pack:local`), then
// build it, run its own tests, and talk to it with `dev` on the embedded local DC.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const LOCAL_PACKAGES = join(ROOT, '.local-packages');
const CLI = [
  process.execPath,
  join(ROOT, 'tools', 'run-ts.js'),
  join(ROOT, 'packages', 'create-mtbot', 'src', 'cli', 'main.ts'),
];
const TEMPLATES = ['basic', 'full'] as const;
const MANAGERS = (['npm', 'pnpm', 'yarn'] as const).filter(
  (manager) => spawnSync(manager, ['--version'], { stdio: 'ignore' }).status === 0,
);
/** Projects set up at once: installs and compilers take the machine's cores. */
const PARALLEL = 2;
const STEP_TIMEOUT_MS = 5 * 60_000;

jest.setTimeout(15 * 60_000);

interface Step {
  readonly code: number | null;
  readonly output: string;
}

/**
 * The environment a person's shell would give the commands: jest's pnpm and npm variables (a workspace
 * dir, a user agent, ...) left out, no bot credentials (so `dev` uses the local DC), and installs that
 * take what the shared cache has before asking the registry.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM_|INIT_CWD$|API_ID$|API_HASH$|BOT_TOKEN$|LOCAL_DC_)/i.test(name)) continue;
    env[name] = value;
  }
  return {
    ...env,
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    CI: env.CI ?? '',
  };
}

function runStep(argv: readonly string[], cwd: string, input?: string): Promise<Step> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd,
      env: cleanEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), STEP_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
    child.stdin.end(input ?? '');
  });
}

let packing: Promise<void> | undefined;

/** `pnpm pack:local` once for all tests (kept when up to date, except in CI). */
function packOnce(): Promise<void> {
  packing ??= runStep([process.execPath, join(ROOT, 'tools', 'pack-local.js'), '--if-stale'], ROOT).then(
    (step) => {
      if (step.code !== 0) throw new Error(`pack-local failed:\n${step.output}`);
    },
  );
  return packing;
}

/** At most PARALLEL callers run at once; the rest wait their turn. */
let running = 0;
const waiting: (() => void)[] = [];
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

const timings: string[] = [];
afterAll(() => {
  if (timings.length > 0) process.stderr.write(`scaffold e2e timings:\n  ${timings.join('\n  ')}\n`);
});

const cases = TEMPLATES.flatMap((template) => MANAGERS.map((manager) => [template, manager] as const));

describe('a generated project', () => {
  it.concurrent.each(cases)(
    'from "%s" with %s installs, builds, passes its tests and answers /start in dev',
    async (template, manager) => {
      await packOnce();
      await inTurn(async () => {
        const base = await mkdtemp(join(tmpdir(), `create-mtbot-e2e-${template}-${manager}-`));
        const name = `${template}-${manager}-bot`;
        const project = join(base, name);
        const clock = { started: Date.now(), last: Date.now(), parts: [] as string[] };
        const lap = (label: string) => {
          const now = Date.now();
          clock.parts.push(`${label} ${((now - clock.last) / 1000).toFixed(1)} s`);
          clock.last = now;
        };
        const run = (script: string, input?: string) =>
          runStep(manager === 'npm' ? ['npm', 'run', script] : [manager, 'run', script], project, input);
        try {
          const created = await runStep(
            [...CLI, name, '--template', template, '--pm', manager, '--local-packages', LOCAL_PACKAGES],
            base,
          );
          expect({ code: created.code, output: created.output }).toEqual({
            code: 0,
            output: expect.any(String),
          });
          lap('create+install');
          const manifest = JSON.parse(await readFile(join(project, 'package.json'), 'utf8'));
          expect(manifest.name).toBe(name);
          expect(manifest.dependencies.mtbot).toMatch(/^file:.*mtbot-\d.*\.tgz$/);
          for (const file of ['.gitignore', '.env.example', 'Dockerfile', `deploy/${name}.service`]) {
            expect({ file, exists: existsSync(join(project, file)) }).toEqual({ file, exists: true });
          }

          const build = await run('build');
          expect({ code: build.code, output: build.output }).toEqual({ code: 0, output: expect.any(String) });
          expect(existsSync(join(project, 'dist', 'src', 'main.js'))).toBe(true);
          lap('build');

          const test = await run('test');
          expect({ code: test.code, output: test.output }).toEqual({ code: 0, output: expect.any(String) });
          expect(test.output).toMatch(/# fail 0/);
          expect(test.output).not.toMatch(/# pass 0\b/);
          lap('test');

          const dev = await run('dev', '/start\n:quit\n');
          expect({ code: dev.code, output: dev.output }).toEqual({
            code: 0,
            output: expect.stringMatching(new RegExp(`Hello, .*! I am ${name}\\.`)),
          });
          lap('dev');
          timings.push(
            `${template} + ${manager}: ${((Date.now() - clock.started) / 1000).toFixed(1)} s ` +
              `(${clock.parts.join(', ')})`,
          );
        } finally {
          await rm(base, { recursive: true, force: true });
        }
      });
    },
  );
});
