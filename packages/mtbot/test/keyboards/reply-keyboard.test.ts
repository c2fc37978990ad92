import { forceReply } from '../../src/keyboards/force-reply';
import { removeKeyboard } from '../../src/keyboards/remove-keyboard';
import { ReplyKeyboard } from '../../src/keyboards/reply-keyboard';
import { toReplyMarkup } from '../../src/keyboards/reply-markup-like';
import { keyboardErrorOf } from './keyboard-error-of';

describe('ReplyKeyboard', () => {
  it('lays buttons out in rows with no flags by default', () => {
    expect(new ReplyKeyboard().text('Yes').text('No').row().text('Maybe').build()).toEqual({
      _: 'replyKeyboardMarkup',
      rows: [
        {
          _: 'keyboardButtonRow',
          buttons: [
            { _: 'keyboardButton', text: 'Yes' },
            { _: 'keyboardButton', text: 'No' },
          ],
        },
        { _: 'keyboardButtonRow', buttons: [{ _: 'keyboardButton', text: 'Maybe' }] },
      ],
    });
  });

  it('makes every kind of button and sets every flag', () => {
    const keyboard = new ReplyKeyboard()
      .requestContact('Phone')
      .requestLocation('Here')
      .row()
      .requestPoll('Any poll')
      .requestPoll('Quiz', 'quiz')
      .requestPoll('Poll', 'regular')
      .row()
      .webApp('App', 'https://example.com/app')
      .resized()
      .oneTime()
      .persistent()
      .selective()
      .placeholder('Pick one');
    expect(keyboard.build()).toEqual({
      _: 'replyKeyboardMarkup',
      resize: true,
      single_use: true,
      selective: true,
      persistent: true,
      placeholder: 'Pick one',
      rows: [
        {
          _: 'keyboardButtonRow',
          buttons: [
            { _: 'keyboardButtonRequestPhone', text: 'Phone' },
            { _: 'keyboardButtonRequestGeoLocation', text: 'Here' },
          ],
        },
        {
          _: 'keyboardButtonRow',
          buttons: [
            { _: 'keyboardButtonRequestPoll', text: 'Any poll' },
            { _: 'keyboardButtonRequestPoll', quiz: true, text: 'Quiz' },
            { _: 'keyboardButtonRequestPoll', quiz: false, text: 'Poll' },
          ],
        },
        {
          _: 'keyboardButtonRow',
          buttons: [{ _: 'keyboardButtonSimpleWebView', text: 'App', url: 'https://example.com/app' }],
        },
      ],
    });
    // Flags can be turned off again.
    const off = keyboard.resized(false).oneTime(false).persistent(false).selective(false).build();
    expect(off).not.toHaveProperty('resize');
    expect(off).not.toHaveProperty('single_use');
    expect(off).not.toHaveProperty('persistent');
    expect(off).not.toHaveProperty('selective');
    expect(toReplyMarkup(keyboard)).toEqual(off);
  });

  it('builds from rows of labels and buttons', () => {
    const keyboard = ReplyKeyboard.from([
      ['1', '2', '3'],
      [{ _: 'keyboardButtonRequestPhone', text: 'Phone' }],
    ]);
    expect(keyboard.build().rows.map((row) => row.buttons.map((button) => [button._, button.text]))).toEqual([
      [
        ['keyboardButton', '1'],
        ['keyboardButton', '2'],
        ['keyboardButton', '3'],
      ],
      [['keyboardButtonRequestPhone', 'Phone']],
    ]);
  });

  it('refuses an empty keyboard, empty labels and bad placeholders', () => {
    expect(keyboardErrorOf(() => new ReplyKeyboard().row().build())).toBe(
      'a reply keyboard needs at least one button (to remove one, use removeKeyboard())',
    );
    expect(keyboardErrorOf(() => new ReplyKeyboard().text(''))).toBe(
      'a keyboard button needs a label that is not empty',
    );
    expect(keyboardErrorOf(() => new ReplyKeyboard().webApp('App', ''))).toBe(
      'button "App" needs a URL that is not empty',
    );
    expect(keyboardErrorOf(() => new ReplyKeyboard().placeholder(''))).toBe(
      'an input field placeholder has 1 to 64 characters, got 0',
    );
    expect(keyboardErrorOf(() => new ReplyKeyboard().placeholder('x'.repeat(65)))).toBe(
      'an input field placeholder has 1 to 64 characters, got 65',
    );
    expect(new ReplyKeyboard().text('a').placeholder('x'.repeat(64)).build().placeholder).toHaveLength(64);
  });
});

describe('removeKeyboard and forceReply', () => {
  it('make replyKeyboardHide and replyKeyboardForceReply', () => {
    expect(removeKeyboard()).toEqual({ _: 'replyKeyboardHide' });
    expect(removeKeyboard({ selective: true })).toEqual({ _: 'replyKeyboardHide', selective: true });
    expect(forceReply()).toEqual({ _: 'replyKeyboardForceReply' });
    expect(forceReply({ placeholder: 'Your name', selective: true })).toEqual({
      _: 'replyKeyboardForceReply',
      selective: true,
      placeholder: 'Your name',
    });
    expect(toReplyMarkup(removeKeyboard())).toEqual({ _: 'replyKeyboardHide' });
  });

  it('refuse a bad placeholder', () => {
    expect(keyboardErrorOf(() => forceReply({ placeholder: '' }))).toBe(
      'an input field placeholder has 1 to 64 characters, got 0',
    );
  });
});
