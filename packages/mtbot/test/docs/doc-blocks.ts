/**
 * Finds the runnable examples of the docs: a ```ts fence right after a `<!-- runnable -->` comment.
 * Each becomes a module whose imports stay at the top and whose body runs in an async function, so
 * examples may use top-level await as a reader would in an ES module.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One runnable example of a page. */
export interface DocBlock {
  /** The page's file name, e.g. `protocol-api.md`. */
  readonly page: string;
  /** 1-based line of the opening fence, to find the block when it fails. */
  readonly line: number;
  readonly code: string;
  /** The texts of its `// prints: ...` comments, in order: what console.log must print. */
  readonly expectedPrints: readonly string[];
}

const MARKER = /^<!--\s*runnable\s*-->\s*$/;
const PRINTS = /\/\/ prints: (.*)$/;

/** The runnable blocks of every `*.md` page of `docsDir`, in page and line order. */
export function findDocBlocks(docsDir: string): DocBlock[] {
  const pages = readdirSync(docsDir)
    .filter((name) => name.endsWith('.md'))
    .sort();
  return pages.flatMap((page) => blocksOfPage(page, readFileSync(join(docsDir, page), 'utf8')));
}

/** The runnable blocks of one page's markdown. */
export function blocksOfPage(page: string, markdown: string): DocBlock[] {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (!MARKER.test(lines[index]!)) continue;
    let fence = index + 1;
    while (fence < lines.length && lines[fence]!.trim() === '') fence++;
    if (lines[fence]?.trim() !== '```ts') {
      throw new Error(`${page}:${index + 1}: <!-- runnable --> must be followed by a \`\`\`ts fence`);
    }
    const end = lines.findIndex((line, at) => at > fence && line.trim() === '```');
    if (end === -1) throw new Error(`${page}:${fence + 1}: the fence is never closed`);
    const code = lines.slice(fence + 1, end);
    const expectedPrints = code.flatMap((line) => {
      const match = PRINTS.exec(line);
      return match === null ? [] : [match[1]!.trim()];
    });
    blocks.push({ page, line: fence + 1, code: code.join('\n'), expectedPrints });
    index = end;
  }
  return blocks;
}

/**
 * The block as a module: its import statements first, the rest as the body of an exported
 * `run()`. Imports are the leading statements that start with `import`, up to their `from '...';`.
 */
export function toModule(block: DocBlock): string {
  const lines = block.code.split('\n');
  const imports: string[] = [];
  let at = 0;
  while (at < lines.length) {
    const line = lines[at]!;
    if (line.trim() === '' || line.trimStart().startsWith('//')) {
      at++;
      continue;
    }
    if (!line.startsWith('import ')) break;
    while (
      at < lines.length &&
      !/from\s+['"][^'"]+['"];?\s*$|^import\s+['"][^'"]+['"];?\s*$/.test(lines[at]!)
    ) {
      imports.push(lines[at]!);
      at++;
    }
    if (at < lines.length) imports.push(lines[at]!);
    at++;
  }
  const body = lines.slice(at).join('\n');
  return `${imports.join('\n')}\n\nexport async function run(): Promise<void> {\n${body}\n}\n`;
}
