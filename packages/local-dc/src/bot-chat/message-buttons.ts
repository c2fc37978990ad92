/** The buttons of a bot's message as a flat, numbered list: what the chat presses and prints. */
import type { Api } from 'telegram-mtproto-core';
import type { StoredMessage } from '../world/records';

/** One button of a message's inline keyboard or reply keyboard. */
export interface MessageButton {
  /** 1-based, counting row by row: the number the terminal chat prints. */
  readonly number: number;
  readonly row: number;
  readonly column: number;
  readonly label: string;
  /**
   * `callback`: an inline button with data (pressed through the bot); `reply`: a reply keyboard
   * button (pressing it sends its label); `url`: opens a link; `other`: what a chat cannot do here.
   */
  readonly kind: 'callback' | 'reply' | 'url' | 'other';
  readonly url?: string;
}

function kindOf(button: Api.TypeKeyboardButton): Pick<MessageButton, 'kind' | 'url'> {
  switch (button._) {
    case 'keyboardButtonCallback':
      return { kind: 'callback' };
    case 'keyboardButtonUrl':
      return { kind: 'url', url: button.url };
    case 'keyboardButton':
      return { kind: 'reply' };
    default:
      return { kind: 'other' };
  }
}

/** The rows of a markup that has buttons; undefined for none, a removed keyboard or force-reply. */
function rowsOf(markup: Api.TypeReplyMarkup | undefined): Api.TypeKeyboardButtonRow[] | undefined {
  if (markup?._ === 'replyInlineMarkup' || markup?._ === 'replyKeyboardMarkup') return markup.rows;
  return undefined;
}

/** The message's buttons, numbered from 1; empty when it has none. */
export function buttonsOf(message: StoredMessage): MessageButton[] {
  const rows = rowsOf(message.replyMarkup) ?? [];
  const buttons: MessageButton[] = [];
  rows.forEach((row, rowIndex) =>
    row.buttons.forEach((button, column) => {
      const label = 'text' in button ? button.text : '';
      buttons.push({ number: buttons.length + 1, row: rowIndex, column, label, ...kindOf(button) });
    }),
  );
  return buttons;
}

/**
 * The button named by `choice`: its number (a number, or a string of digits), its label (exactly,
 * else ignoring case and the emoji or punctuation around it, else the only label containing it) or
 * its [row, column]; undefined when there is none.
 */
export function findButton(
  buttons: readonly MessageButton[],
  choice: string | number | readonly [number, number],
): MessageButton | undefined {
  if (Array.isArray(choice)) {
    const [row, column] = choice as readonly [number, number];
    return buttons.find((button) => button.row === row && button.column === column);
  }
  if (typeof choice === 'number') return buttons.find((button) => button.number === choice);
  const label = choice as string;
  const exact = buttons.find((button) => button.label === label);
  if (exact !== undefined) return exact;
  const loose = label.trim().toLowerCase();
  const byLabel = buttons.find((button) => button.label.trim().toLowerCase() === loose);
  if (byLabel !== undefined) return byLabel;
  if (/^\d+$/.test(loose)) return buttons.find((button) => button.number === Number(loose));
  // "About" for "ℹ️ About": labels often carry emoji or punctuation around the words.
  const bare = wordsOf(label);
  if (bare === '') return undefined;
  const byWords = buttons.find((button) => wordsOf(button.label) === bare);
  if (byWords !== undefined) return byWords;
  const containing = buttons.filter((button) => button.label.toLowerCase().includes(bare));
  return containing.length === 1 ? containing[0] : undefined;
}

/** A label without what surrounds its letters and digits, lowercased. */
function wordsOf(label: string): string {
  return label.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').toLowerCase();
}
