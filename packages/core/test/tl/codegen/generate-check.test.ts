import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { diffGeneratedFiles, generateTlFiles } from '../../../src/tl/codegen/generate-tl-files';

const packageRoot = path.join(__dirname, '../../..');
const generatedFolder = path.join(packageRoot, 'src/tl/generated');
const sources = {
  api: readFileSync(path.join(packageRoot, 'schema/api.tl'), 'utf8'),
  mtproto: readFileSync(path.join(packageRoot, 'schema/mtproto.tl'), 'utf8'),
};

function runGenerate(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['../../tools/run-ts.js', 'scripts/generate.ts', ...args], {
    cwd: packageRoot,
    encoding: 'utf8',
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('generated TL files', () => {
  const fresh = generateTlFiles(sources);

  it('are deterministic: two runs give the same text', () => {
    expect(generateTlFiles(sources)).toEqual(fresh);
  });

  it('are committed as a fresh run produces them', () => {
    const problems = diffGeneratedFiles(
      fresh,
      (name) => readFileSync(path.join(generatedFolder, name), 'utf8'),
      readdirSync(generatedFolder),
    );
    expect(problems).toEqual([]);
  });

  it('report a hand edit, a missing file and a stray one', () => {
    const edited = new Map(fresh);
    const problems = diffGeneratedFiles(
      fresh,
      (name) =>
        name === 'api-types.ts'
          ? fresh.get(name)!.replace('user_id: bigint;', 'user_id: number;')
          : edited.get(name),
      [...fresh.keys(), 'notes.ts'],
    );
    expect(problems).toEqual([
      expect.stringMatching(/^api-types\.ts differs from a fresh run, first at line \d+$/),
      'notes.ts is not produced by the generator',
    ]);
    expect(diffGeneratedFiles(fresh, () => undefined, [])).toContain('api-codec.ts is missing');
  });

  it('make `generate --check` fail with a clear message after a hand edit', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'mtbot-generated-'));
    try {
      expect(runGenerate('--out-dir', folder).status).toBe(0);
      expect(runGenerate('--check', '--out-dir', folder).status).toBe(0);
      const file = path.join(folder, 'mtproto-codec.ts');
      writeFileSync(file, readFileSync(file, 'utf8').replace('readInt64()', 'readInt32()'));
      const check = runGenerate('--check', '--out-dir', folder);
      expect(check.status).toBe(1);
      expect(check.output).toMatch(/out of date/);
      expect(check.output).toMatch(/mtproto-codec\.ts differs from a fresh run/);
      expect(check.output).toMatch(/pnpm generate/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
