/**
 * The link preview of a sent message (core.telegram.org/api/links): messages.sendMessage previews the
 * first link of its text unless `no_webpage`; messages.sendMedia with inputMediaWebPage previews the
 * URL it names. Previews are made offline (world/web-page-previews.ts).
 */
import { RpcError, type Api } from 'telegram-mtproto-core';
import type { StoredWebPage } from '../../world/media-records';
import { firstLinkOf, webPageOf } from '../../world/web-page-previews';

/** The preview messages.sendMessage attaches: the first link of the text, if any and wanted. */
export function textLinkPreview(request: Api.MessagesSendMessageRequest): StoredWebPage | undefined {
  if (request.no_webpage === true) return undefined;
  const link = firstLinkOf(request.message, request.entities);
  return link === undefined ? undefined : webPageOf(link, { invertMedia: request.invert_media });
}

/**
 * The preview of an inputMediaWebPage. A URL no preview can be made of is 400 WEBPAGE_NOT_FOUND, unless
 * the medium is `optional`: then the message goes without a preview (undefined).
 */
export function requestedLinkPreview(
  input: Api.InputMediaWebPage,
  invertMedia: boolean | undefined,
): StoredWebPage | undefined {
  const page = webPageOf(input.url, {
    manual: true,
    forceLargeMedia: input.force_large_media,
    forceSmallMedia: input.force_small_media,
    invertMedia,
  });
  if (page === undefined && input.optional !== true) throw new RpcError(400, 'WEBPAGE_NOT_FOUND');
  return page;
}
