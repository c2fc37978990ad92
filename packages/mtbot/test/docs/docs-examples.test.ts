// Runs every `<!-- runnable -->` example of docs/*.md, so a page whose example breaks fails CI. Each
// example is written to a temporary .ts file and required, so jest's SWC transform and the workspace
// package mapping apply as they do to tests; `// prints: X` comments are checked against console.log.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { findDocBlocks, toModule, type DocBlock } from './doc-blocks';

const docsDir = resolve(__dirname, '../../../../docs');
const blocks = findDocBlocks(docsDir);
let workDir: string;

beforeAll(() => {
  // Inside the mtbot package, so an example's imports of mtbot's dependencies (tsyringe, ...) resolve
  // as they do in a project that depends on mtbot.
  workDir = mkdtempSync(join(__dirname, '../../.docs-examples-'));
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

it('finds runnable examples in the docs', () => {
  expect(blocks.length).toBeGreaterThan(0);
});

describe.each(blocks.map((block) => [`${block.page}:${block.line}`, block] as const))(
  '%s',
  (_name, block) => {
    it('runs and prints what its comments say', async () => {
      const printed = await runBlock(block);
      if (block.expectedPrints.length > 0) expect(printed).toEqual(block.expectedPrints);
    });
  },
);

async function runBlock(block: DocBlock): Promise<string[]> {
  const file = join(workDir, `${block.page.replace(/\W/g, '-')}-${block.line}.ts`);
  writeFileSync(file, toModule(block));
  const printed: string[] = [];
  const spy = jest.spyOn(console, 'log').mockImplementation((...values: unknown[]) => {
    printed.push(format(...values));
  });
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(file) as { run: () => Promise<void> };
    await module.run();
  } finally {
    spy.mockRestore();
  }
  return printed;
}
