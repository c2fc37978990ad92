import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyTemplate, projectFileName } from '../src/copy-template';

describe('copyTemplate', () => {
  it('renames dotfiles and fills placeholders in names and contents', async () => {
    const base = await mkdtemp(join(tmpdir(), 'create-mtbot-copy-'));
    const from = join(base, 'template');
    const to = join(base, 'project');
    await mkdir(join(from, 'deploy'), { recursive: true });
    await mkdir(to);
    await writeFile(join(from, 'deploy', '{{projectName}}.service'), 'Description={{projectName}} bot\n');
    await writeFile(join(from, '_gitignore'), 'dist/\n');
    await copyTemplate(from, to, { projectName: 'echo-bot' });
    expect((await readdir(to)).sort()).toEqual(['.gitignore', 'deploy']);
    expect(await readdir(join(to, 'deploy'))).toEqual(['echo-bot.service']);
    expect(await readFile(join(to, 'deploy', 'echo-bot.service'), 'utf8')).toBe('Description=echo-bot bot\n');
  });

  it('keeps unknown placeholders and names without variables as they are', () => {
    expect(projectFileName('{{unknown}}.txt', { projectName: 'x' })).toBe('{{unknown}}.txt');
    expect(projectFileName('_env.example')).toBe('.env.example');
  });
});
