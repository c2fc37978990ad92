import type { Api } from 'telegram-mtproto-core';

/**
 * What both keyboard builders share: buttons go into the current row, `row()` starts the next one,
 * and empty rows never reach Telegram.
 */
export abstract class ButtonRows {
  private readonly rows: Api.TypeKeyboardButton[][] = [[]];

  /** Adds buttons made elsewhere (any `KeyboardButton` constructor) to the current row. */
  add(...buttons: Api.TypeKeyboardButton[]): this {
    this.rows[this.rows.length - 1]!.push(...buttons);
    return this;
  }

  /** Starts a new row (a no-op while the current one is empty). */
  row(): this {
    if (this.rows[this.rows.length - 1]!.length > 0) this.rows.push([]);
    return this;
  }

  /** How many buttons there are in all. */
  protected get buttonCount(): number {
    return this.rows.reduce((sum, row) => sum + row.length, 0);
  }

  /** The rows as TL objects, copies of what was added. */
  protected buildRows(): Api.KeyboardButtonRow[] {
    return this.rows
      .filter((row) => row.length > 0)
      .map((row) => ({ _: 'keyboardButtonRow', buttons: [...row] }));
  }
}
