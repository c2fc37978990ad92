import type { Api } from 'telegram-mtproto-core';

/** Buttons laid out in rows as a keyboard builder adds them; empty rows never reach Telegram. */
export class ButtonRows {
  private readonly rows: Api.TypeKeyboardButton[][] = [[]];

  /** Adds `buttons` to the current row. */
  add(buttons: readonly Api.TypeKeyboardButton[]): void {
    this.rows[this.rows.length - 1]!.push(...buttons);
  }

  /** Starts a new row (a no-op while the current one is empty). */
  next(): void {
    if (this.rows[this.rows.length - 1]!.length > 0) this.rows.push([]);
  }

  /** How many buttons there are in all. */
  get count(): number {
    return this.rows.reduce((sum, row) => sum + row.length, 0);
  }

  /** The rows as TL objects, copies of what was added. */
  build(): Api.KeyboardButtonRow[] {
    return this.rows
      .filter((row) => row.length > 0)
      .map((row) => ({ _: 'keyboardButtonRow', buttons: [...row] }));
  }
}
