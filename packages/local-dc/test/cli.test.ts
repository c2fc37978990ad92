import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { LocalDc } from '../src/local-dc';
import { RSA_KEY_FILE } from '../src/rsa-key-store';
import { parseCliArgs } from '../src/cli/parse-args';

const root = join(__dirname, '..', '..', '..');
const runTs = join(root, 'tools', 'run-ts.js');
const main = join(__dirname, '..', 'src', 'cli', 'main.ts');

function startCli(args: string[]): ChildProcess {
  return spawn(process.execPath, [runTs, main, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

describe('the mtbot-local-dc CLI', () => {
  it('prints one JSON ready line, serves the control API, and exits 0 on SIGTERM', async () => {
    const child = startCli(['--port', '0']);
    const exited = exitOf(child);
    const lines = createInterface({ input: child.stdout! });
    const readyLine = await new Promise<string>((resolve) => lines.once('line', resolve));
    const ready = JSON.parse(readyLine) as Record<string, unknown>;
    expect(Object.keys(ready)).toEqual(
      expect.arrayContaining([
        'host',
        'port',
        'dcId',
        'publicKeyPem',
        'fingerprint',
        'controlUrl',
        'botToken',
      ]),
    );
    expect(ready.host).toBe('127.0.0.1');
    expect(ready.port).toEqual(expect.any(Number));
    expect(ready.port).not.toBe(0);
    expect(ready.publicKeyPem).toMatch(/^-----BEGIN RSA PUBLIC KEY-----/);
    expect(ready.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(ready.botToken).toMatch(/^\d+:[A-Za-z0-9_-]{35}$/);
    const info = await fetch(`${ready.controlUrl as string}/info`);
    expect(await info.json()).toEqual(ready);

    child.kill('SIGTERM');
    const { code, stderr } = await exited;
    expect(code).toBe(0);
    expect(stderr).toContain('SIGTERM');
    // Secrets stay out of the log.
    expect(stderr).not.toContain(ready.botToken as string);
  });

  it('rejects bad flags with a message and exit code 2', async () => {
    // Through the real process: one case of each kind (each process costs seconds on a busy machine).
    const cases: Array<[string[], string]> = [
      [['--port', 'abc'], '--port must be an integer from 0 to 65535, got "abc"'],
      [['stray'], 'stray'],
      [['--dc-count', '0'], '--dc-count must be an integer from 1 to 5, got "0"'],
      [['--flood-limits', '{"perbot":false}'], 'unknown limit "perbot"'],
    ];
    await Promise.all(
      cases.map(async ([args, message]) => {
        const { code, stderr } = await exitOf(startCli(args));
        expect({ args, code }).toEqual({ args, code: 2 });
        expect(stderr).toContain(message);
        expect(stderr).toContain('usage: mtbot-local-dc');
      }),
    );
  }, 60_000);

  it('explains every other bad flag (parseCliArgs, as the process uses it)', () => {
    const cases: Array<[string[], string]> = [
      [['--port', '70000'], '--port must be an integer'],
      [['--bogus'], "Unknown option '--bogus'"],
      [['--dc-count', '6'], '--dc-count must be an integer from 1 to 5, got "6"'],
      [['--dc-count', 'two'], '--dc-count must be an integer from 1 to 5, got "two"'],
      [['--dc-count'], "Option '--dc-count <value>' argument missing"],
      [['--no-flood-limits', '--flood-limits', '{}'], 'not both'],
      [['--flood-limits', '{oops'], '--flood-limits must be a JSON object'],
      [['--flood-limits', '[]'], '--flood-limits must be a JSON object'],
      [
        ['--flood-limits', '{"perBot":{"limit":0,"windowMs":1000}}'],
        '"perBot.limit" must be a positive number',
      ],
    ];
    for (const [args, message] of cases) {
      expect(() => parseCliArgs(args)).toThrow(
        expect.objectContaining({ name: 'CliUsageError', message: expect.stringContaining(message) }),
      );
    }
    expect(parseCliArgs(['--dc-count', '3', '--no-flood-limits'])).toMatchObject({
      dcCount: 3,
      floodLimits: false,
    });
  });

  it('prints usage for --help', async () => {
    const child = startCli(['--help']);
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const { code } = await exitOf(child);
    expect(code).toBe(0);
    expect(stdout).toContain('--data-dir DIR');
    expect(stdout).toContain('--dc-count N');
    expect(stdout).toContain('--no-flood-limits');
    expect(stdout).toContain('--flood-limits JSON');
  });

  it('runs --dc-count 3 DCs with --no-flood-limits, and --flood-limits tunes them', async () => {
    const readyOf = async (args: string[]) => {
      const child = startCli(args);
      const exited = exitOf(child);
      const lines = createInterface({ input: child.stdout! });
      const ready = JSON.parse(await new Promise<string>((resolve) => lines.once('line', resolve))) as {
        controlUrl: string;
        dcId: number;
        port: number;
        dcs: Array<{ dcId: number; port: number }>;
      };
      return { child, exited, ready };
    };
    const [many, tuned] = await Promise.all([
      readyOf(['--dc-count', '3', '--no-flood-limits']),
      readyOf(['--flood-limits', '{"perBot":{"limit":60,"windowMs":1000},"group":false}']),
    ]);
    try {
      expect(many.ready.dcId).toBe(2);
      expect(many.ready.dcs.map((dc) => dc.dcId)).toEqual([1, 2, 3]);
      expect(new Set(many.ready.dcs.map((dc) => dc.port)).size).toBe(3);
      expect(many.ready.dcs.find((dc) => dc.dcId === 2)!.port).toBe(many.ready.port);
      const off = (await (await fetch(`${many.ready.controlUrl}/flood-limits`)).json()) as unknown;
      expect(off).toEqual({ limits: false });
      const limits = (await (await fetch(`${tuned.ready.controlUrl}/flood-limits`)).json()) as {
        limits: Record<string, unknown>;
      };
      expect(limits.limits.perBot).toEqual({ limit: 60, windowMs: 1000 });
      expect(limits.limits.group).toBe(false);
      expect(limits.limits.privateChat).toEqual({ burst: 3, perSecond: 1 });
      expect(tuned.ready.dcs).toHaveLength(1);
    } finally {
      many.child.kill('SIGTERM');
      tuned.child.kill('SIGTERM');
      expect((await many.exited).code).toBe(0);
      expect((await tuned.exited).code).toBe(0);
    }
  }, 60_000);
});

describe('the data dir', () => {
  it('keeps the RSA key (mode 0600) so the DC has the same key after a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'mtbot-local-dc-'));
    try {
      const first = await LocalDc.start({ dataDir });
      const fingerprint = first.info.fingerprint;
      await first.stop();
      expect((await stat(join(dataDir, RSA_KEY_FILE))).mode & 0o777).toBe(0o600);
      const second = await LocalDc.start({ dataDir });
      expect(second.info.fingerprint).toBe(fingerprint);
      expect(second.info.publicKeyPem).toBe(first.info.publicKeyPem);
      await second.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
