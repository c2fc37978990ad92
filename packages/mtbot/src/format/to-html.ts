import type { Api } from 'telegram-mtproto-core';
import { sortEntities } from './entity-builder';
import { escapeHtml } from './escape';
import type { FormattedText } from './formatted-text';

/**
 * Writes text and entities back as Telegram's HTML style, so that `parseHtml(toHtml(x))` gives `x`
 * again for entities that nest. Entities that cross each other are split where they cross. Entities
 * Telegram finds in the text by itself (mentions, hashtags, URLs, commands, ...) and those HTML cannot
 * express are left out: their text stays.
 *
 * @example
 * ```ts
 * toHtml({ text: 'a < b', entities: [{ _: 'messageEntityBold', offset: 0, length: 1 }] });
 * // '<b>a</b> &lt; b'
 * ```
 */
export function toHtml(formatted: FormattedText): string {
  const { text } = formatted;
  const entities = sortEntities(
    formatted.entities.filter(
      (entity) =>
        tagsOf(entity) !== undefined &&
        entity.offset >= 0 &&
        entity.length > 0 &&
        entity.offset < text.length,
    ),
  );
  const endOf = (entity: Api.TypeMessageEntity) => Math.min(entity.offset + entity.length, text.length);
  const points = [
    ...new Set([0, text.length, ...entities.flatMap((entity) => [entity.offset, endOf(entity)])]),
  ].sort((a, b) => a - b);
  const open: Api.TypeMessageEntity[] = [];
  let html = '';
  let next = 0;
  let position = 0;
  for (const point of points) {
    html += escapeHtml(text.slice(position, point));
    position = point;
    // Close what ends here, with everything opened inside it; what goes on past here opens again.
    const firstEnding = open.findIndex((entity) => endOf(entity) === point);
    const reopen: Api.TypeMessageEntity[] = [];
    if (firstEnding !== -1) {
      for (let index = open.length - 1; index >= firstEnding; index--) {
        const entity = open[index]!;
        html += tagsOf(entity)![1];
        if (endOf(entity) > point) reopen.unshift(entity);
      }
      open.length = firstEnding;
    }
    while (next < entities.length && entities[next]!.offset === point) reopen.push(entities[next++]!);
    // Longest first, so what opens later closes earlier; a stable sort keeps equal ranges in order.
    for (const entity of reopen.sort((a, b) => endOf(b) - endOf(a))) {
      html += tagsOf(entity)![0];
      open.push(entity);
    }
  }
  return html;
}

/** The opening and closing tag of `entity`, or undefined when HTML has none for it. */
function tagsOf(entity: Api.TypeMessageEntity): [string, string] | undefined {
  switch (entity._) {
    case 'messageEntityBold':
      return ['<b>', '</b>'];
    case 'messageEntityItalic':
      return ['<i>', '</i>'];
    case 'messageEntityUnderline':
      return ['<u>', '</u>'];
    case 'messageEntityStrike':
      return ['<s>', '</s>'];
    case 'messageEntitySpoiler':
      return ['<tg-spoiler>', '</tg-spoiler>'];
    case 'messageEntityCode':
      return ['<code>', '</code>'];
    case 'messageEntityPre':
      return entity.language === ''
        ? ['<pre>', '</pre>']
        : [`<pre><code class="language-${escapeHtml(entity.language)}">`, '</code></pre>'];
    case 'messageEntityTextUrl':
      return [`<a href="${escapeHtml(entity.url)}">`, '</a>'];
    case 'messageEntityMentionName':
      return [`<a href="tg://user?id=${entity.user_id}">`, '</a>'];
    case 'messageEntityCustomEmoji':
      return [`<tg-emoji emoji-id="${entity.document_id}">`, '</tg-emoji>'];
    case 'messageEntityBlockquote':
      return [entity.collapsed ? '<blockquote expandable>' : '<blockquote>', '</blockquote>'];
    default:
      return undefined;
  }
}
