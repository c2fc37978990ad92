import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { anchorsOf, brokenLinks, headingAnchor } from './doc-links';

const docsDir = resolve(__dirname, '../../../../docs');

describe('headingAnchor', () => {
  it('makes GitHub-style anchors', () => {
    expect(headingAnchor("Telegram's limits for bots")).toBe('telegrams-limits-for-bots');
    expect(headingAnchor('Updates: UpdatesDriver and PeerCache')).toBe('updates-updatesdriver-and-peercache');
    expect(headingAnchor('Crash safety, end to end')).toBe('crash-safety-end-to-end');
  });

  it('skips headings inside code fences', () => {
    expect(anchorsOf('# Real\n```sh\n# not a heading\n```\n')).toEqual(new Set(['real']));
  });
});

describe('links of docs/*.md', () => {
  const pages = readdirSync(docsDir).filter((name) => name.endsWith('.md'));

  it.each(pages)('%s links only to files and headings that exist', (page) => {
    expect(brokenLinks(join(docsDir, page))).toEqual([]);
  });
});
