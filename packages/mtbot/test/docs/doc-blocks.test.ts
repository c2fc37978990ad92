import { blocksOfPage, toModule } from './doc-blocks';

const page = [
  '# Title',
  '```ts',
  "console.log('not runnable');",
  '```',
  '<!-- runnable -->',
  '',
  '```ts',
  'import {',
  '  a,',
  "} from 'x';",
  "import type { B } from 'y';",
  'const value = await a(); // prints: 1',
  "console.log('import this'); // prints: import this",
  '```',
].join('\n');

describe('blocksOfPage', () => {
  it('takes only the fences marked runnable, with their line and expected prints', () => {
    const blocks = blocksOfPage('page.md', page);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.line).toBe(7);
    expect(blocks[0]!.expectedPrints).toEqual(['1', 'import this']);
  });

  it('refuses a marker without a ts fence after it', () => {
    expect(() => blocksOfPage('page.md', '<!-- runnable -->\n```sh\nls\n```')).toThrow('page.md:1');
  });

  it('refuses a fence that is never closed', () => {
    expect(() => blocksOfPage('page.md', '<!-- runnable -->\n```ts\nconst a = 1;')).toThrow('never closed');
  });
});

describe('toModule', () => {
  it('keeps the imports on top and wraps the rest in an async run()', () => {
    const module = toModule(blocksOfPage('page.md', page)[0]!);
    expect(module).toBe(
      [
        'import {',
        '  a,',
        "} from 'x';",
        "import type { B } from 'y';",
        '',
        'export async function run(): Promise<void> {',
        'const value = await a(); // prints: 1',
        "console.log('import this'); // prints: import this",
        '}',
        '',
      ].join('\n'),
    );
  });
});
