/** Characters with a meaning in Telegram's HTML style, and what stands for them. */
const HTML_SPECIAL: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};

/**
 * `text` with `&`, `<`, `>` and `"` written as entities, so {@link parseHtml} gives it back as is,
 * in text and in attribute values alike.
 *
 * @example
 * ```ts
 * escapeHtml('a < b & "c"'); // 'a &lt; b &amp; &quot;c&quot;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => HTML_SPECIAL[char]!);
}

/**
 * `text` with every character MarkdownV2 reserves (`_*[]()~\`>#+-=|{}.!`) and `\` escaped by a `\`,
 * so {@link parseMarkdown} gives it back as is. The result is valid anywhere: in text, in code and
 * pre (where only `` ` `` and `\` need it) and in a link's URL (where only `)` and `\` need it).
 *
 * @example
 * ```ts
 * escapeMarkdown('1+1=2.'); // '1\\+1\\=2\\.'
 * ```
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[_*[\]()~`>#+\-=|{}.!\\]/g, '\\$&');
}
