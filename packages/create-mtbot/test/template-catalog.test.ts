// Which templates folder the CLI uses: the workspace's when it runs inside the mtbot workspace (so a
// packed copy left in the package is never used there), the packed copy when installed from npm.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateError } from '../src/create-error';
import { findTemplatesRoot } from '../src/template-catalog';

async function folders(...paths: string[]): Promise<string> {
  const base = await mkdtemp(join(tmpdir(), 'create-mtbot-catalog-'));
  for (const path of paths) await mkdir(join(base, path), { recursive: true });
  return base;
}

describe('findTemplatesRoot', () => {
  it("prefers the workspace's templates over a copy packed into the package", async () => {
    const base = await folders('templates', 'packages/create-mtbot/templates');
    await writeFile(join(base, 'pnpm-workspace.yaml'), 'packages: []\n');
    expect(findTemplatesRoot(join(base, 'packages', 'create-mtbot'), {})).toBe(join(base, 'templates'));
  });

  it('uses the packed copy when installed, even beside a project that has a templates folder', async () => {
    const base = await folders('templates', 'node_modules/create-mtbot/templates');
    await writeFile(join(base, 'pnpm-workspace.yaml'), 'packages: []\n');
    const packageRoot = join(base, 'node_modules', 'create-mtbot');
    expect(findTemplatesRoot(packageRoot, {})).toBe(join(packageRoot, 'templates'));
  });

  it('takes CREATE_MTBOT_TEMPLATES_DIR first, and says where it looked when there is nothing', async () => {
    const base = await folders('node_modules/create-mtbot');
    const packageRoot = join(base, 'node_modules', 'create-mtbot');
    expect(findTemplatesRoot(packageRoot, { CREATE_MTBOT_TEMPLATES_DIR: '/elsewhere' })).toBe('/elsewhere');
    let error: unknown;
    try {
      findTemplatesRoot(packageRoot, {});
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CreateError);
    expect((error as CreateError).reason).toBe('template');
    expect((error as CreateError).message).toContain(join(packageRoot, 'templates'));
  });
});
