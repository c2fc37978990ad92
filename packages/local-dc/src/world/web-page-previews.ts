/**
 * Link previews made offline (core.telegram.org/api/links): Telegram fetches a linked page to build
 * its preview; the emulator never touches the network and builds the preview from the URL alone.
 */
import { createHash } from 'node:crypto';
import type { Api } from 'telegram-mtproto-core';
import type { StoredWebPage } from './media-records';

/** How the preview is shown, as inputMediaWebPage and the message's invert_media say. */
export interface WebPageOptions {
  readonly manual?: boolean;
  readonly forceLargeMedia?: boolean;
  readonly forceSmallMedia?: boolean;
  readonly invertMedia?: boolean;
}

/** A link in plain text: http(s) URLs; the server finds links itself, clients send no url entities. */
const LINK_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+/i;

/**
 * The preview of `rawUrl`, or undefined when it is no web address (not http or https, no dotted host).
 * A URL without a scheme is read as https, as Telegram does with `example.com`.
 */
export function webPageOf(rawUrl: string, options: WebPageOptions = {}): StoredWebPage | undefined {
  const url = parseWebUrl(rawUrl.trim());
  if (url === undefined) return undefined;
  const path = url.pathname === '/' ? '' : url.pathname;
  const displayUrl = `${url.host}${path}${url.search}`;
  return {
    kind: 'webpage',
    id: BigInt.asIntN(64, createHash('sha256').update(url.href).digest().readBigUInt64BE(0)),
    url: url.href,
    displayUrl,
    siteName: url.host,
    title: `${url.host}${path}`,
    manual: options.manual === true,
    forceLargeMedia: options.forceLargeMedia === true,
    forceSmallMedia: options.forceSmallMedia === true,
    invertMedia: options.invertMedia === true,
  };
}

/** The first link of a text: a text_url entity's URL, a url entity's text, or an http(s) URL in it. */
export function firstLinkOf(
  text: string,
  entities: readonly Api.TypeMessageEntity[] | undefined,
): string | undefined {
  const linked = [...(entities ?? [])]
    .filter((entity) => entity._ === 'messageEntityUrl' || entity._ === 'messageEntityTextUrl')
    .sort((a, b) => a.offset - b.offset)[0];
  if (linked?._ === 'messageEntityTextUrl') return linked.url;
  if (linked !== undefined) return text.slice(linked.offset, linked.offset + linked.length);
  return LINK_IN_TEXT.exec(text)?.[0];
}

function parseWebUrl(raw: string): URL | undefined {
  if (raw === '' || /\s/.test(raw)) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const labels = url.hostname.split('.');
  if (labels.length < 2 || labels.some((label) => label === '')) return undefined;
  return url;
}
