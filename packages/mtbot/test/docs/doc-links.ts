/**
 * Checks the relative links of the docs: the file must exist and, for a `#fragment` into a markdown
 * file, a heading with that GitHub-style anchor must be there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A link that leads nowhere, with the page and line it is on. */
export interface BrokenLink {
  readonly page: string;
  readonly line: number;
  readonly target: string;
  readonly reason: string;
}

const LINK = /\]\(([^)\s]+)\)/g;
const FENCE = /^\s*```/;

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a markdown text's headings (code fences skipped). */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (FENCE.test(line)) inFence = !inFence;
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (!inFence && heading) anchors.add(headingAnchor(heading[1]!));
  }
  return anchors;
}

/** The broken relative links of the markdown file at `pagePath` (links inside code fences skipped). */
export function brokenLinks(pagePath: string): BrokenLink[] {
  const markdown = readFileSync(pagePath, 'utf8');
  const broken: BrokenLink[] = [];
  let inFence = false;
  markdown.split('\n').forEach((text, index) => {
    if (FENCE.test(text)) inFence = !inFence;
    if (inFence) return;
    for (const match of text.matchAll(LINK)) {
      const target = match[1]!;
      if (/^[a-z]+:/i.test(target)) continue;
      const [file, fragment] = target.split('#') as [string, string | undefined];
      const path = file === '' ? pagePath : resolve(dirname(pagePath), file);
      const report = (reason: string) => broken.push({ page: pagePath, line: index + 1, target, reason });
      if (!existsSync(path)) {
        report('no such file');
        continue;
      }
      if (
        fragment !== undefined &&
        path.endsWith('.md') &&
        !anchorsOf(readFileSync(path, 'utf8')).has(fragment)
      ) {
        report('no such heading');
      }
    }
  });
  return broken;
}
