/**
 * Type-checks the runnable examples of docs/*.md with the workspace's tsc settings. The jest test runs
 * them through SWC, which strips types without checking them; this catches an example that runs but
 * would not compile in a reader's strict project. Slow (it checks core's generated types too), so it
 * is a script, not a test: `node tools/run-ts.js packages/mtbot/test/docs/typecheck-examples.ts`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findDocBlocks, toModule } from './doc-blocks';

const root = resolve(__dirname, '../../../..');
// Inside the mtbot package, so imports of mtbot's dependencies (tsyringe, ...) resolve.
const workDir = mkdtempSync(join(root, 'packages/mtbot/.docs-examples-tsc-'));
try {
  const files = findDocBlocks(join(root, 'docs')).map((block) => {
    const file = join(workDir, `${block.page.replace(/\W/g, '-')}-${block.line}.ts`);
    writeFileSync(file, toModule(block));
    return file;
  });
  const config = {
    extends: join(root, 'tsconfig.json'),
    compilerOptions: { rootDir: '/', typeRoots: [join(root, 'node_modules/@types')], types: ['node'] },
    include: files,
  };
  writeFileSync(join(workDir, 'tsconfig.json'), JSON.stringify(config));
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', workDir], {
    stdio: 'inherit',
  });
  console.log(`${files.length} examples type-checked: ${tsc.status === 0 ? 'ok' : 'errors above'}`);
  process.exitCode = tsc.status ?? 1;
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
