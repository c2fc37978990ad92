import type { Api } from 'telegram-mtproto-core';
import { buttonsOf, findButton } from '../../src/bot-chat/message-buttons';
import type { StoredMessage } from '../../src/world/records';

const callback = (text: string): Api.KeyboardButtonCallback => ({
  _: 'keyboardButtonCallback',
  text,
  data: new Uint8Array([1]),
});

const message = {
  replyMarkup: {
    _: 'replyInlineMarkup',
    rows: [
      { _: 'keyboardButtonRow', buttons: [callback('ℹ️ About'), callback('📋 Survey')] },
      {
        _: 'keyboardButtonRow',
        buttons: [callback('Settings'), callback('Settings (advanced)'), callback('42')],
      },
    ],
  },
} as unknown as StoredMessage;

describe('finding a button', () => {
  const buttons = buttonsOf(message);
  const find = (choice: Parameters<typeof findButton>[1]) => findButton(buttons, choice)?.label;

  it('numbers buttons row by row from 1, keeping their row and column', () => {
    expect(buttons.map((button) => [button.number, button.row, button.column])).toEqual([
      [1, 0, 0],
      [2, 0, 1],
      [3, 1, 0],
      [4, 1, 1],
      [5, 1, 2],
    ]);
  });

  it('by label: exactly, ignoring case, ignoring emoji around the words, or the only one containing it', () => {
    expect(find('Settings')).toBe('Settings');
    expect(find('  settings ')).toBe('Settings');
    expect(find('about')).toBe('ℹ️ About');
    expect(find('advanced')).toBe('Settings (advanced)');
    expect(find('sett')).toBeUndefined(); // two labels contain it
    expect(find('Help')).toBeUndefined();
    expect(find('!!')).toBeUndefined();
  });

  it('by number or position; a label made of digits wins over the number', () => {
    expect(find(2)).toBe('📋 Survey');
    expect(find('2')).toBe('📋 Survey');
    expect(find('42')).toBe('42');
    expect(find([1, 1])).toBe('Settings (advanced)');
    expect(find(9)).toBeUndefined();
  });
});
