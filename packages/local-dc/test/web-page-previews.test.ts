// Offline link previews: which link of a text is previewed and which URLs make a preview.
import { firstLinkOf, webPageOf } from '../src/world/web-page-previews';

describe('firstLinkOf', () => {
  it('takes the earliest url / text_url entity, else an http(s) URL in the text', () => {
    const text = 'a example.com b https://late.example';
    expect(
      firstLinkOf(text, [
        { _: 'messageEntityTextUrl', offset: 14, length: 1, url: 'https://named.example' },
        { _: 'messageEntityUrl', offset: 2, length: 11 },
      ]),
    ).toBe('example.com');
    expect(firstLinkOf(text, [{ _: 'messageEntityBold', offset: 0, length: 1 }])).toBe(
      'https://late.example',
    );
    expect(firstLinkOf('no links, only example.com', undefined)).toBeUndefined();
  });
});

describe('webPageOf', () => {
  it('builds the page from the URL alone, the same id for the same URL', () => {
    const page = webPageOf('example.com/a?b=1', { forceSmallMedia: true });
    expect(page).toMatchObject({
      kind: 'webpage',
      url: 'https://example.com/a?b=1',
      displayUrl: 'example.com/a?b=1',
      siteName: 'example.com',
      title: 'example.com/a',
      manual: false,
      forceSmallMedia: true,
      forceLargeMedia: false,
    });
    expect(webPageOf('https://example.com/a?b=1')!.id).toBe(page!.id);
    expect(webPageOf('https://example.com/other')!.id).not.toBe(page!.id);
  });

  it('refuses what is not an http(s) address with a dotted host', () => {
    for (const url of [
      '',
      'ftp://example.com',
      'mailto:a@example.com',
      'https://intranet/',
      'a b.com',
      'https://.com',
    ]) {
      expect(webPageOf(url)).toBeUndefined();
    }
  });
});
