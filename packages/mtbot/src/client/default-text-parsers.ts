import { parseHtml } from '../format/html';
import { parseMarkdown } from '../format/markdown';
import type { TextParsers } from './message-text';

/** The parsers behind `parseMode`: Telegram's HTML style and MarkdownV2. */
export const defaultTextParsers: TextParsers = { html: parseHtml, markdown: parseMarkdown };
