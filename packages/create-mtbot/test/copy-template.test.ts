import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyTemplate, isTemplateFile, projectFileName } from '../src/copy-template';

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

  it('leaves out what building or running the template in place left there: secrets never travel', async () => {
    const base = await mkdtemp(join(tmpdir(), 'create-mtbot-copy-'));
    const from = join(base, 'template');
    const to = join(base, 'project');
    await mkdir(join(from, '.mtbot-dev'), { recursive: true });
    await mkdir(join(from, 'node_modules', 'x'), { recursive: true });
    await mkdir(join(from, 'src'), { recursive: true });
    await mkdir(to);
    await writeFile(join(from, '.mtbot-dev', 'world.json'), '{}');
    await writeFile(join(from, '.env'), 'BOT_TOKEN=123:secret\n');
    await writeFile(join(from, 'bot.session.json'), '{}');
    await writeFile(join(from, 'bot.session.json.lock'), '1');
    await writeFile(join(from, 'tsconfig.tsbuildinfo'), '{}');
    await writeFile(join(from, '_env.example'), 'BOT_TOKEN=\n');
    await writeFile(join(from, 'src', 'bot.ts'), 'export {};\n');
    await copyTemplate(from, to, { projectName: 'echo-bot' });
    expect((await readdir(to)).sort()).toEqual(['.env.example', 'src']);
    expect(isTemplateFile('.env')).toBe(false);
    expect(isTemplateFile('_gitignore')).toBe(true);
  });

  it('keeps unknown placeholders and names without variables as they are', () => {
    expect(projectFileName('{{unknown}}.txt', { projectName: 'x' })).toBe('{{unknown}}.txt');
    expect(projectFileName('_env.example')).toBe('.env.example');
  });
});
