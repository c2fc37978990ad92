/**
 * How the terminal chat prints a chat: bot messages with their buttons numbered, edits marked, media
 * as a one-line summary; ANSI styles for the text's entities when color is on.
 */
import type { Api } from 'telegram-mtproto-core';
import type { CallbackAnswer } from '../bots/callback-queries';
import type { MessageMedium } from '../world/media-records';
import type { StoredMessage } from '../world/records';
import type { BotChatEvent } from './bot-chat';
import { buttonsOf, type MessageButton } from './message-buttons';

export interface ChatRenderOptions {
  /** ANSI colors and text styles. */
  readonly color: boolean;
  /** Shown before the bot's lines. */
  readonly botName: string;
}

const RESET = '\u001b[0m';
const DIM = '\u001b[2m';
const SPEAKER = '\u001b[1;34m';
const YOU = '\u001b[1;32m';
const ERROR = '\u001b[31m';

/** SGR codes of the entity types shown styled; the others print plainly. */
const ENTITY_STYLES: Partial<Record<Api.TypeMessageEntity['_'], string>> = {
  messageEntityBold: '1',
  messageEntityItalic: '3',
  messageEntityUnderline: '4',
  messageEntityStrike: '9',
  messageEntityCode: '36',
  messageEntityPre: '36',
  messageEntityTextUrl: '4',
  messageEntityUrl: '4',
  messageEntitySpoiler: '2',
};

/** `text` with ANSI styles where its entities are (offsets in UTF-16 units, like JS strings). */
export function styleEntities(text: string, entities: readonly Api.TypeMessageEntity[] | undefined): string {
  if (entities === undefined || entities.length === 0) return text;
  const styles: string[][] = Array.from({ length: text.length }, () => []);
  for (const entity of entities) {
    const code = ENTITY_STYLES[entity._];
    if (code === undefined) continue;
    const end = Math.min(text.length, entity.offset + entity.length);
    for (let index = Math.max(0, entity.offset); index < end; index++) styles[index]!.push(code);
  }
  let out = '';
  let current = '';
  for (let index = 0; index < text.length; index++) {
    const wanted = styles[index]!.join(';');
    if (wanted !== current) {
      out += RESET + (wanted === '' ? '' : `\u001b[${wanted}m`);
      current = wanted;
    }
    out += text[index];
  }
  return current === '' ? out : out + RESET;
}

function formatBytes(count: number): string {
  if (count < 1024) return `${count} B`;
  if (count < 1024 * 1024) return `${(count / 1024).toFixed(1)} KB`;
  return `${(count / 1024 / 1024).toFixed(1)} MB`;
}

/** One line naming a photo or document (kind, size, name and type) or a link preview (its URL). */
export function summarizeMedia(media: MessageMedium): string {
  if (media.kind === 'webpage') return `[link preview ${media.url}]`;
  if (media.kind === 'photo') {
    return `[photo ${media.width}×${media.height}, ${formatBytes(media.bytes.length)}]`;
  }
  const name = media.attributes.find((attribute) => attribute._ === 'documentAttributeFilename');
  const shownName = name === undefined ? 'file' : name.file_name;
  return `[document ${shownName}, ${media.mimeType}, ${formatBytes(media.bytes.length)}]`;
}

function renderButton(button: MessageButton): string {
  const link = button.kind === 'url' ? ` ↗ ${button.url ?? ''}` : '';
  return `[${button.number} ${button.label}${link}]`;
}

/** The button rows, one line each; reply keyboards are marked as such. */
function renderButtons(message: StoredMessage): string[] {
  const buttons = buttonsOf(message);
  if (buttons.length === 0) {
    return message.replyMarkup?._ === 'replyKeyboardHide' ? ['(keyboard removed)'] : [];
  }
  const rows: MessageButton[][] = [];
  for (const button of buttons) (rows[button.row] ??= []).push(button);
  const prefix = message.replyMarkup?._ === 'replyKeyboardMarkup' ? 'keyboard: ' : '';
  return rows.map(
    (row, index) => (index === 0 ? prefix : ' '.repeat(prefix.length)) + row.map(renderButton).join(' '),
  );
}

function paint(text: string, code: string, options: ChatRenderOptions): string {
  return options.color ? `${code}${text}${RESET}` : text;
}

/** Lines under a speaker: the first after `head`, the others indented to line up with it. */
function block(head: string, headWidth: number, lines: readonly string[]): string {
  const indent = ' '.repeat(headWidth);
  return lines.map((line, index) => (index === 0 ? head : indent) + line).join('\n') + '\n';
}

/** A bot message or an edit of one, with its media summary and numbered buttons. */
export function renderBotEvent(event: BotChatEvent, options: ChatRenderOptions): string {
  const { message } = event;
  const head = `${options.botName} › `;
  const lines: string[] = [];
  const text = options.color ? styleEntities(message.text, message.entities) : message.text;
  const textLines = message.text === '' ? [] : text.split('\n');
  const media = message.media === undefined ? [] : [summarizeMedia(message.media)];
  const body = [...media, ...textLines];
  if (body.length === 0) body.push('');
  if (event.kind === 'edit') body[0] = `${paint('(edited)', DIM, options)} ${body[0]}`;
  lines.push(...body);
  lines.push(...renderButtons(message).map((line) => paint(line, DIM, options)));
  return block(paint(head, SPEAKER, options), head.length, lines);
}

/** A line the user sent (shown when the input is a script, not typed). */
export function renderUserLine(text: string, options: ChatRenderOptions): string {
  return `${paint('you › ', YOU, options)}${text}\n`;
}

/** The bot's answer to a button press: a toast or an alert; nothing for an empty answer. */
export function renderCallbackAnswer(answer: CallbackAnswer, options: ChatRenderOptions): string {
  if (answer.message === undefined || answer.message === '')
    return answer.url === undefined ? '' : renderNotice(`opens ${answer.url}`, options);
  return renderNotice(`${answer.alert ? 'alert' : 'toast'}: ${answer.message}`, options);
}

/** A line of the chat itself (not said by anyone): help, a missing answer. */
export function renderNotice(text: string, options: ChatRenderOptions): string {
  return `${paint(`· ${text}`, DIM, options)}\n`;
}

/** A mistake of the user's or a failure, as one line; the chat goes on. */
export function renderError(text: string, options: ChatRenderOptions): string {
  return `${paint(`! ${text.split('\n')[0]!}`, ERROR, options)}\n`;
}
