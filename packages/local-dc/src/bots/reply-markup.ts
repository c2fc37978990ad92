/**
 * Reply markup a bot attaches to a message (core.telegram.org/api/bots/buttons): an inline keyboard
 * (callback, URL, switch-inline, ... buttons under the message), a reply keyboard (buttons replacing the
 * user's keyboard), replyKeyboardHide (remove it) or replyKeyboardForceReply. It is checked here the way
 * Telegram checks it and stored with the message as the TL object clients get back.
 */
import { RpcError, TlWriter, writeApiObject, type Api } from 'telegram-mtproto-core';
import type { World } from '../world/world';

/** Callback data is at most 64 bytes (core.telegram.org/api/bots/buttons, Bot API callback_data). */
export const CALLBACK_DATA_MAX_BYTES = 64;

/** Most buttons in one keyboard; past it, REPLY_MARKUP_TOO_LONG. */
export const KEYBOARD_BUTTONS_MAX = 100;

/** Buttons only inline keyboards may hold. */
const INLINE_ONLY: ReadonlySet<Api.TypeKeyboardButton['_']> = new Set([
  'keyboardButtonUrl',
  'keyboardButtonCallback',
  'keyboardButtonSwitchInline',
  'keyboardButtonGame',
  'keyboardButtonBuy',
  'keyboardButtonUrlAuth',
  'inputKeyboardButtonUrlAuth',
  'inputKeyboardButtonUserProfile',
  'keyboardButtonUserProfile',
  'keyboardButtonCopy',
]);

/** Buttons only reply keyboards may hold. */
const REPLY_ONLY: ReadonlySet<Api.TypeKeyboardButton['_']> = new Set([
  'keyboardButton',
  'keyboardButtonRequestPhone',
  'keyboardButtonRequestGeoLocation',
  'keyboardButtonRequestPoll',
  'keyboardButtonRequestPeer',
  'inputKeyboardButtonRequestPeer',
  'keyboardButtonSimpleWebView',
]);

/**
 * The markup as it is stored and shown: `input*` buttons become the buttons clients see, an inline
 * keyboard without buttons is no markup. Throws Telegram's errors: BUTTON_TYPE_INVALID for a button
 * of the other kind of keyboard, BUTTON_DATA_INVALID for callback data over 64 bytes, BUTTON_URL_INVALID,
 * BUTTON_TEXT_INVALID for an empty label, REPLY_MARKUP_TOO_LONG past 100 buttons.
 */
export function normalizeReplyMarkup(
  world: World,
  markup: Api.TypeReplyMarkup | undefined,
): Api.TypeReplyMarkup | undefined {
  if (markup === undefined) return undefined;
  if (markup._ === 'replyKeyboardHide' || markup._ === 'replyKeyboardForceReply') return markup;
  const inline = markup._ === 'replyInlineMarkup';
  const count = markup.rows.reduce((sum, row) => sum + row.buttons.length, 0);
  if (count > KEYBOARD_BUTTONS_MAX) throw new RpcError(400, 'REPLY_MARKUP_TOO_LONG');
  if (inline && count === 0) return undefined;
  if (!inline && count === 0) throw new RpcError(400, 'REPLY_MARKUP_INVALID');
  let nextButtonId = 1;
  const rows = markup.rows
    .filter((row) => row.buttons.length > 0)
    .map((row): Api.KeyboardButtonRow => ({
      _: 'keyboardButtonRow',
      buttons: row.buttons.map((button) => {
        if ((inline ? REPLY_ONLY : INLINE_ONLY).has(button._)) throw new RpcError(400, 'BUTTON_TYPE_INVALID');
        if (button.text.trim() === '') throw new RpcError(400, 'BUTTON_TEXT_INVALID');
        return normalizeButton(world, button, () => nextButtonId++);
      }),
    }));
  return { ...markup, rows };
}

function normalizeButton(
  world: World,
  button: Api.TypeKeyboardButton,
  nextButtonId: () => number,
): Api.TypeKeyboardButton {
  switch (button._) {
    case 'keyboardButtonCallback':
      if (button.data.length === 0 || button.data.length > CALLBACK_DATA_MAX_BYTES) {
        throw new RpcError(400, 'BUTTON_DATA_INVALID');
      }
      return button;
    case 'keyboardButtonUrl':
    case 'keyboardButtonWebView':
    case 'keyboardButtonSimpleWebView':
      checkUrl(button.url);
      return button;
    case 'inputKeyboardButtonUrlAuth':
      checkUrl(button.url);
      return {
        _: 'keyboardButtonUrlAuth',
        style: button.style,
        text: button.text,
        fwd_text: button.fwd_text,
        url: button.url,
        button_id: nextButtonId(),
      };
    case 'inputKeyboardButtonUserProfile': {
      const input = button.user_id;
      const user = input._ === 'inputUser' ? world.account(input.user_id) : undefined;
      if (user === undefined || input._ !== 'inputUser' || user.accessHash !== input.access_hash) {
        throw new RpcError(400, 'USER_ID_INVALID');
      }
      return { _: 'keyboardButtonUserProfile', style: button.style, text: button.text, user_id: user.id };
    }
    case 'inputKeyboardButtonRequestPeer':
      return {
        _: 'keyboardButtonRequestPeer',
        style: button.style,
        text: button.text,
        button_id: button.button_id,
        peer_type: button.peer_type,
        max_quantity: button.max_quantity,
      };
    default:
      return button;
  }
}

/** URL buttons open http(s) and tg:// links (core.telegram.org/api/bots/buttons); anything else is refused. */
function checkUrl(url: string): void {
  if (!/^(https?:\/\/[^\s/$.?#][^\s]*|tg:\/\/\S+)$/i.test(url)) throw new RpcError(400, 'BUTTON_URL_INVALID');
}

/** Whether two markups are the same (compared by their TL bytes). */
export function sameReplyMarkup(
  a: Api.TypeReplyMarkup | undefined,
  b: Api.TypeReplyMarkup | undefined,
): boolean {
  if (a === undefined || b === undefined) return a === b;
  const left = encode(a);
  const right = encode(b);
  return left.length === right.length && left.every((byte, index) => byte === right[index]);
}

function encode(markup: Api.TypeReplyMarkup): Uint8Array {
  const writer = new TlWriter();
  writeApiObject(writer, markup);
  return writer.finish();
}

/** The callback buttons of an inline keyboard, by row and column. */
export function callbackButtonAt(
  markup: Api.TypeReplyMarkup | undefined,
  row: number,
  column: number,
): Api.TypeKeyboardButton | undefined {
  if (markup?._ !== 'replyInlineMarkup') return undefined;
  return markup.rows[row]?.buttons[column];
}

/** Whether the inline keyboard has a callback button with exactly this data. */
export function hasCallbackData(markup: Api.TypeReplyMarkup | undefined, data: Uint8Array): boolean {
  if (markup?._ !== 'replyInlineMarkup') return false;
  return markup.rows.some((row) =>
    row.buttons.some(
      (button) =>
        button._ === 'keyboardButtonCallback' &&
        button.data.length === data.length &&
        button.data.every((byte, index) => byte === data[index]),
    ),
  );
}
