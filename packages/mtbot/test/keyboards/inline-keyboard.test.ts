import { callbackDataToString } from '../../src/keyboards/callback-data';
import { InlineKeyboard } from '../../src/keyboards/inline-keyboard';
import { toReplyMarkup } from '../../src/keyboards/reply-markup-like';
import { keyboardErrorOf } from './keyboard-error-of';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('InlineKeyboard', () => {
  it('lays buttons out in rows', () => {
    const keyboard = new InlineKeyboard()
      .text('👍', 'vote:up')
      .text('👎', 'vote:down')
      .row()
      .url('Docs', 'https://core.telegram.org/bots')
      .row()
      .row();
    expect(keyboard.build()).toEqual({
      _: 'replyInlineMarkup',
      rows: [
        {
          _: 'keyboardButtonRow',
          buttons: [
            { _: 'keyboardButtonCallback', text: '👍', data: bytes('vote:up') },
            { _: 'keyboardButtonCallback', text: '👎', data: bytes('vote:down') },
          ],
        },
        {
          _: 'keyboardButtonRow',
          buttons: [{ _: 'keyboardButtonUrl', text: 'Docs', url: 'https://core.telegram.org/bots' }],
        },
      ],
    });
    expect(toReplyMarkup(keyboard)).toEqual(keyboard.build());
    expect(new InlineKeyboard().build()).toEqual({ _: 'replyInlineMarkup', rows: [] });
  });

  it('makes every kind of button', () => {
    const keyboard = new InlineKeyboard()
      .switchInline('Share', 'cats')
      .switchInline('Here', '', { currentChat: true })
      .switchInline('Pick', 'q', { chatTypes: ['users', 'groups', 'groups'] })
      .row()
      .login('Log in', 'https://example.com/login')
      .login('Log in 2', 'https://example.com/login', {
        forwardText: 'Log in to example',
        bot: { _: 'inputUser', user_id: 5n, access_hash: 6n },
        requestWriteAccess: true,
      })
      .webApp('App', 'https://example.com/app')
      .copyText('Copy', 'PROMO-42')
      .add({ _: 'keyboardButtonGame', text: 'Play' });
    expect(keyboard.build().rows.map((row) => row.buttons)).toEqual([
      [
        { _: 'keyboardButtonSwitchInline', text: 'Share', query: 'cats' },
        { _: 'keyboardButtonSwitchInline', same_peer: true, text: 'Here', query: '' },
        {
          _: 'keyboardButtonSwitchInline',
          text: 'Pick',
          query: 'q',
          peer_types: [
            { _: 'inlineQueryPeerTypePM' },
            { _: 'inlineQueryPeerTypeChat' },
            { _: 'inlineQueryPeerTypeMegagroup' },
          ],
        },
      ],
      [
        {
          _: 'inputKeyboardButtonUrlAuth',
          text: 'Log in',
          url: 'https://example.com/login',
          bot: { _: 'inputUserSelf' },
        },
        {
          _: 'inputKeyboardButtonUrlAuth',
          request_write_access: true,
          text: 'Log in 2',
          fwd_text: 'Log in to example',
          url: 'https://example.com/login',
          bot: { _: 'inputUser', user_id: 5n, access_hash: 6n },
        },
        { _: 'keyboardButtonWebView', text: 'App', url: 'https://example.com/app' },
        { _: 'keyboardButtonCopy', text: 'Copy', copy_text: 'PROMO-42' },
        { _: 'keyboardButtonGame', text: 'Play' },
      ],
    ]);
  });

  it('builds from rows of buttons', () => {
    const keyboard = InlineKeyboard.from([
      [InlineKeyboard.text('A', 'a'), InlineKeyboard.url('B', 'https://b.example')],
      [],
      [InlineKeyboard.switchInline('C')],
    ]);
    expect(keyboard.build().rows.map((row) => row.buttons.map((button) => button.text))).toEqual([
      ['A', 'B'],
      ['C'],
    ]);
    // More buttons can follow, on a new row.
    expect(keyboard.text('D', 'd').build().rows).toHaveLength(3);
  });

  it('takes callback data up to 64 bytes, counting UTF-8', () => {
    const max = 'x'.repeat(64);
    expect(InlineKeyboard.text('ok', max).data).toEqual(bytes(max));
    expect(InlineKeyboard.text('ok', '👍'.repeat(16)).data).toHaveLength(64);
    expect(InlineKeyboard.text('raw', new Uint8Array([0, 255])).data).toEqual(new Uint8Array([0, 255]));

    const tooLong = keyboardErrorOf(() => new InlineKeyboard().text('Buy', 'x'.repeat(65)));
    expect(tooLong).toBe(
      'callback data of button "Buy" is 65 bytes; Telegram takes 1 to 64 (UTF-8): keep an id in it and the rest elsewhere',
    );
    // 17 thumbs up are 34 UTF-16 units but 68 bytes.
    expect(keyboardErrorOf(() => InlineKeyboard.text('Buy', '👍'.repeat(17)))).toContain('is 68 bytes');
    expect(keyboardErrorOf(() => InlineKeyboard.text('Buy', ''))).toContain('is 0 bytes');
    expect(keyboardErrorOf(() => InlineKeyboard.text('Raw', new Uint8Array(65)))).toBe(
      'callback data of button "Raw" is 65 bytes; Telegram takes 1 to 64',
    );
  });

  it('refuses empty labels and URLs and contradictory switch options', () => {
    expect(keyboardErrorOf(() => InlineKeyboard.text('', 'x'))).toBe(
      'a keyboard button needs a label that is not empty',
    );
    expect(keyboardErrorOf(() => InlineKeyboard.url('Go', ''))).toBe(
      'button "Go" needs a URL that is not empty',
    );
    expect(keyboardErrorOf(() => InlineKeyboard.webApp('App', ''))).toBe(
      'button "App" needs a URL that is not empty',
    );
    expect(
      keyboardErrorOf(() =>
        InlineKeyboard.switchInline('S', '', { currentChat: true, chatTypes: ['users'] }),
      ),
    ).toBe('button "S": currentChat and chatTypes exclude each other');
    expect(keyboardErrorOf(() => InlineKeyboard.switchInline('S', '', { chatTypes: [] }))).toBe(
      'button "S": chatTypes names no chat type',
    );
  });

  it('reads callback data back as text', () => {
    const button = InlineKeyboard.text('x', 'buy:42 👍');
    expect(callbackDataToString(button.data)).toBe('buy:42 👍');
    expect(callbackDataToString(new Uint8Array([0x61, 0xff]))).toBe('a\ufffd');
  });

  it('gives a new object at each build, so later changes do not reach it', () => {
    const keyboard = new InlineKeyboard().text('A', 'a');
    const first = keyboard.build();
    keyboard.text('B', 'b');
    expect(first.rows[0]!.buttons).toHaveLength(1);
    expect(keyboard.build().rows[0]!.buttons).toHaveLength(2);
  });
});
