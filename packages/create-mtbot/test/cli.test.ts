// The create-mtbot CLI as a person or a script runs it: a child process without a TTY.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listing, runCli, workspace } from './cli-harness';

jest.setTimeout(60_000);

async function setup() {
  const { cwd, templates } = await workspace();
  const env = { CREATE_MTBOT_TEMPLATES_DIR: templates };
  return { cwd, templates, env };
}

describe('create-mtbot', () => {
  it('prints its help and version', async () => {
    const { cwd, env } = await setup();
    const help = await runCli(['--help'], cwd, env);
    expect(help.code).toBe(0);
    for (const flag of [
      '--template',
      '--pm',
      '--no-install',
      '--no-git',
      '--yes',
      '--force',
      '--local-packages',
    ]) {
      expect(help.stdout.replace('--[no-]', '--no-')).toContain(flag.replace('--no-', '--'));
    }
    const version = await runCli(['--version'], cwd, env);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('lists the templates', async () => {
    const { cwd, env } = await setup();
    const run = await runCli(['--list-templates'], cwd, env);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      'alpha\tfirst fixture',
      'beta\tsecond fixture',
      'broken\tbroken package.json',
    ]);
  });

  it('creates a project without questions: dotfiles renamed, placeholders filled, one commit', async () => {
    const { cwd, env } = await setup();
    const run = await runCli(['my-bot', '--template', 'alpha', '--pm', 'pnpm', '--no-install'], cwd, env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const project = join(cwd, 'my-bot');
    const files = (await listing(project)).filter((file) => !file.startsWith('.git/') && file !== '.git');
    expect(files).toEqual(['.env.example', '.gitignore', 'README.md', 'package.json', 'src', 'src/index.ts']);
    expect(await readFile(join(project, 'README.md'), 'utf8')).toBe(
      '# my-bot\n\nA bot called my-bot; {{unknown}} stays.\n',
    );
    expect(await readFile(join(project, 'src', 'index.ts'), 'utf8')).toContain("'my-bot'");
    const manifest = JSON.parse(await readFile(join(project, 'package.json'), 'utf8'));
    expect(manifest.name).toBe('my-bot');
    expect(manifest.dependencies).toEqual({ mtbot: '^0.1.0', 'left-pad': '^1.3.0' });
    const log = execFileSync('git', ['log', '--format=%s'], { cwd: project }).toString().trim().split('\n');
    expect(log).toEqual(['Initial commit from create-mtbot']);
    const status = execFileSync('git', ['status', '--porcelain'], { cwd: project }).toString();
    expect(status).toBe('');
    expect(run.stdout).toContain('pnpm install');
    expect(run.stdout).toContain('pnpm dev');
  });

  it('takes the defaults with --yes and honours --no-git', async () => {
    const { cwd, env } = await setup();
    const run = await runCli(['bots/echo-bot', '--yes', '--no-install', '--no-git'], cwd, env);
    expect(run.code).toBe(0);
    const project = join(cwd, 'bots', 'echo-bot');
    expect(JSON.parse(await readFile(join(project, 'package.json'), 'utf8')).name).toBe('echo-bot');
    expect(await listing(project)).not.toContain('.git');
    expect(run.stdout).toContain('npm run dev');
  });

  it('names the missing flag when there is no terminal to ask', async () => {
    const { cwd, env } = await setup();
    const noName = await runCli(['--template', 'alpha'], cwd, env);
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain('the project name is not given and there is no terminal to ask');
    const noTemplate = await runCli(['my-bot'], cwd, env);
    expect(noTemplate.code).toBe(2);
    expect(noTemplate.stderr).toContain('pass --template (alpha | beta | broken)');
    expect(await listing(cwd)).toEqual([]);
  });

  it.each([
    ['My-Bot', 'uppercase'],
    ['.hidden', 'starts with "."'],
    ['node_modules', 'reserved'],
    ['http', 'Node.js core module'],
    ['bad name!', 'characters npm does not allow'],
    ['x'.repeat(215), 'longer than 214'],
  ])('refuses the name %j (%s) and writes nothing', async (name, reason) => {
    const { cwd, env } = await setup();
    const run = await runCli([name, '--template', 'alpha', '--no-install'], cwd, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(reason);
    expect(await listing(cwd)).toEqual([]);
  });

  it('rejects unknown flags, bad --pm values and extra arguments', async () => {
    const { cwd, env } = await setup();
    for (const args of [
      ['my-bot', '--template', 'alpha', '--colour'],
      ['my-bot', '--template', 'alpha', '--pm', 'bun'],
      ['my-bot', 'other-bot', '--template', 'alpha'],
    ]) {
      const run = await runCli(args, cwd, env);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr).toMatch(/^create-mtbot: /);
    }
    expect(await listing(cwd)).toEqual([]);
  });

  it('refuses an empty name, a file in the way and unreadable folders, and writes nothing', async () => {
    const { cwd, env } = await setup();
    await writeFile(join(cwd, 'taken'), 'a file');
    const cases = [
      { args: ['', '--template', 'alpha'], env, code: 2, message: 'the project name is empty' },
      { args: ['taken', '--template', 'alpha'], env, code: 3, message: 'exists and is not a directory' },
      {
        args: ['my-bot', '--template', 'alpha', '--local-packages', join(cwd, 'nowhere')],
        env,
        code: 5,
        message: 'cannot read the local packages folder',
      },
      {
        args: ['my-bot', '--template', 'alpha'],
        env: { CREATE_MTBOT_TEMPLATES_DIR: join(cwd, 'nowhere') },
        code: 4,
        message: 'cannot read the templates folder',
      },
    ];
    for (const { args, env: caseEnv, code, message } of cases) {
      const run = await runCli([...args, '--no-install', '--no-git'], cwd, caseEnv);
      expect({ args, code: run.code }).toEqual({ args, code });
      expect(run.stderr).toContain(message);
    }
    expect(await listing(cwd)).toEqual(['taken']);
  });

  it('refuses an unknown template and lists the known ones', async () => {
    const { cwd, env } = await setup();
    const run = await runCli(['my-bot', '--template', 'nope', '--no-install'], cwd, env);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('unknown template "nope"');
    expect(run.stderr).toContain('known templates: alpha, beta, broken');
    expect(await listing(cwd)).toEqual([]);
  });

  it('leaves nothing behind when a template cannot be written', async () => {
    const { cwd, env } = await setup();
    const run = await runCli(['deep/inside/my-bot', '--template', 'broken', '--no-install'], cwd, env);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('template "broken" has no valid package.json');
    expect(await listing(cwd)).toEqual([]);
  });

  it('will not write into a non-empty directory without --force, and keeps other files with it', async () => {
    const { cwd, env } = await setup();
    const project = join(cwd, 'my-bot');
    await mkdir(project);
    await writeFile(join(project, 'notes.txt'), 'mine');
    await writeFile(join(project, 'README.md'), 'old readme');
    const refused = await runCli(['my-bot', '--template', 'beta', '--no-install', '--no-git'], cwd, env);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('is not empty');
    expect(refused.stderr).toContain('--force');
    expect(await listing(project)).toEqual(['README.md', 'notes.txt']);

    const forced = await runCli(
      ['my-bot', '--template', 'alpha', '--no-install', '--no-git', '--force'],
      cwd,
      env,
    );
    expect(forced.code).toBe(0);
    expect(await readFile(join(project, 'notes.txt'), 'utf8')).toBe('mine');
    expect(await readFile(join(project, 'README.md'), 'utf8')).toContain('# my-bot');
    expect((await listing(cwd)).filter((entry) => entry.includes('create-mtbot'))).toEqual([]);
  });

  it('points the project at local tarballs with --local-packages or the environment variable', async () => {
    const { cwd, env } = await setup();
    const tarballs = join(cwd, '..', 'tarballs');
    await mkdir(tarballs);
    for (const name of ['mtbot-0.1.0.tgz', 'mtbot-local-dc-0.1.0.tgz', 'telegram-mtproto-core-0.1.0.tgz']) {
      await writeFile(join(tarballs, name), '');
    }
    const byFlag = await runCli(
      [
        'flag-bot',
        '--template',
        'alpha',
        '--pm',
        'npm',
        '--no-install',
        '--no-git',
        '--local-packages',
        tarballs,
      ],
      cwd,
      env,
    );
    expect(byFlag.code).toBe(0);
    const npmManifest = JSON.parse(await readFile(join(cwd, 'flag-bot', 'package.json'), 'utf8'));
    expect(npmManifest.dependencies).toEqual({
      mtbot: `file:${join(tarballs, 'mtbot-0.1.0.tgz')}`,
      'left-pad': '^1.3.0',
    });
    expect(npmManifest.devDependencies['mtbot-local-dc']).toBe(
      `file:${join(tarballs, 'mtbot-local-dc-0.1.0.tgz')}`,
    );
    expect(npmManifest.overrides['telegram-mtproto-core']).toBe(
      `file:${join(tarballs, 'telegram-mtproto-core-0.1.0.tgz')}`,
    );

    const byEnv = await runCli(
      ['env-bot', '--template', 'alpha', '--pm', 'pnpm', '--no-install', '--no-git'],
      cwd,
      {
        ...env,
        CREATE_MTBOT_LOCAL_PACKAGES: tarballs,
      },
    );
    expect(byEnv.code).toBe(0);
    const pnpmManifest = JSON.parse(await readFile(join(cwd, 'env-bot', 'package.json'), 'utf8'));
    expect(Object.keys(pnpmManifest.pnpm.overrides).sort()).toEqual([
      'mtbot',
      'mtbot-local-dc',
      'telegram-mtproto-core',
    ]);

    const empty = join(cwd, '..', 'empty');
    await mkdir(empty);
    const missing = await runCli(
      ['missing-bot', '--template', 'alpha', '--no-install', '--local-packages', empty],
      cwd,
      env,
    );
    expect(missing.code).toBe(5);
    expect(missing.stderr).toContain('has no tarball of mtbot, mtbot-local-dc, telegram-mtproto-core');
    expect(await listing(cwd)).not.toContain('missing-bot');
  });
});
