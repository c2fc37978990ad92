import type { Api } from 'telegram-mtproto-core';
import { checkLabel, checkPlaceholder, checkUrl } from './button-checks';
import { ButtonRows } from './button-rows';
import { KeyboardError } from './keyboard-error';

/** Which polls a {@link ReplyKeyboard.requestPoll} button lets the user create; any when left out. */
export type RequestedPollType = 'quiz' | 'regular';

/**
 * Builds a keyboard that replaces the user's keyboard (`replyKeyboardMarkup`): buttons go into the
 * current row, `row()` starts the next one; pressing a button sends its label (or the contact,
 * location or poll it asks for) as a message.
 *
 * @example
 * ```ts
 * const keyboard = new ReplyKeyboard()
 *   .text('Yes').text('No').row()
 *   .requestLocation('📍 Send my location')
 *   .resized().oneTime().placeholder('Yes or no?');
 * await bot.sendMessage(chatId, 'Ready?', { replyMarkup: keyboard });
 * ```
 */
export class ReplyKeyboard extends ButtonRows {
  private resize = false;
  private singleUse = false;
  private keep = false;
  private onlySome = false;
  private hint: string | undefined;

  /** A keyboard of these rows; a string is a plain text button. */
  static from(rows: readonly (readonly (string | Api.TypeKeyboardButton)[])[]): ReplyKeyboard {
    const keyboard = new ReplyKeyboard();
    for (const row of rows) {
      for (const button of row) {
        if (typeof button === 'string') keyboard.text(button);
        else keyboard.add(button);
      }
      keyboard.row();
    }
    return keyboard;
  }

  /** Adds a button that sends its label. */
  text(label: string): this {
    return this.add({ _: 'keyboardButton', text: checkLabel(label) });
  }

  /** Adds a button that sends the user's phone number as a contact. */
  requestContact(label: string): this {
    return this.add({ _: 'keyboardButtonRequestPhone', text: checkLabel(label) });
  }

  /** Adds a button that sends the user's location. */
  requestLocation(label: string): this {
    return this.add({ _: 'keyboardButtonRequestGeoLocation', text: checkLabel(label) });
  }

  /** Adds a button that lets the user create a poll (of `type` only, when given) and send it. */
  requestPoll(label: string, type?: RequestedPollType): this {
    return this.add({
      _: 'keyboardButtonRequestPoll',
      ...(type === undefined ? {} : { quiz: type === 'quiz' }),
      text: checkLabel(label),
    });
  }

  /** Adds a button that opens the web app at `url`, which may send data back to the bot. */
  webApp(label: string, url: string): this {
    return this.add({ _: 'keyboardButtonSimpleWebView', text: checkLabel(label), url: checkUrl(url, label) });
  }

  /** Fits the keyboard's height to its buttons instead of the standard keyboard's height. */
  resized(value = true): this {
    this.resize = value;
    return this;
  }

  /** Hides the keyboard once a button was pressed (it stays available behind the keyboard icon). */
  oneTime(value = true): this {
    this.singleUse = value;
    return this;
  }

  /** Keeps the keyboard shown even when the user opens the normal keyboard. */
  persistent(value = true): this {
    this.keep = value;
    return this;
  }

  /** Shows the keyboard only to the users mentioned in the message and the sender of the message replied to. */
  selective(value = true): this {
    this.onlySome = value;
    return this;
  }

  /**
   * Shows `text` in the input field while the keyboard is open.
   *
   * @throws {KeyboardError} when it is empty or longer than 64 characters.
   */
  placeholder(text: string): this {
    this.hint = checkPlaceholder(text);
    return this;
  }

  /**
   * The keyboard as Telegram's `replyKeyboardMarkup`.
   *
   * @throws {KeyboardError} when it has no button (Telegram refuses an empty reply keyboard).
   */
  build(): Api.ReplyKeyboardMarkup {
    if (this.buttonCount === 0) {
      throw new KeyboardError(
        'a reply keyboard needs at least one button (to remove one, use removeKeyboard())',
      );
    }
    return {
      _: 'replyKeyboardMarkup',
      ...(this.resize ? { resize: true } : {}),
      ...(this.singleUse ? { single_use: true } : {}),
      ...(this.onlySome ? { selective: true } : {}),
      ...(this.keep ? { persistent: true } : {}),
      rows: this.buildRows(),
      ...(this.hint === undefined ? {} : { placeholder: this.hint }),
    };
  }
}
