import { FormatError } from '../../src/format/format-error';
import { html, md } from '../../src/format/templates';
import { formatErrorOf } from './format-error-of';

describe('html template', () => {
  it('escapes interpolated values', () => {
    const name = '<Tom & "Jerry">';
    expect(html`Hello, <b>${name}</b>!`).toEqual({
      text: 'Hello, <Tom & "Jerry">!',
      entities: [{ _: 'messageEntityBold', offset: 7, length: 15 }],
    });
    expect(html`<a href="${'https://a.b/?q="x"&y'}">${42}</a>`).toEqual({
      text: '42',
      entities: [{ _: 'messageEntityTextUrl', offset: 0, length: 2, url: 'https://a.b/?q="x"&y' }],
    });
    // An interpolated tag is text, not markup.
    expect(html`${'<b>x</b>'}`).toEqual({ text: '<b>x</b>', entities: [] });
  });

  it('keeps the formatting of an interpolated FormattedText', () => {
    const inner = html`<i>👍 ${'a<b'}</i>`;
    expect(html`👍🏽 <b>${inner}!</b>`).toEqual({
      text: '👍🏽 👍 a<b!',
      entities: [
        { _: 'messageEntityBold', offset: 5, length: 7 },
        { _: 'messageEntityItalic', offset: 5, length: 6 },
      ],
    });
  });

  it('fails with a FormatError on bad markup in the literal parts', () => {
    // Prettier formats html`` templates as HTML and would close the tag.
    // prettier-ignore
    const error = formatErrorOf(() => html`<b>${'x'}`);
    expect(error.position).toBe(0);
    expect(error.problem).toBe('unclosed <b>');
    expect(error).toBeInstanceOf(FormatError);
  });
});

describe('md template', () => {
  it('escapes interpolated values', () => {
    const price = '9.99 (-10%)!';
    expect(md`*Total:* ${price} \\- ${'_a_'}`).toEqual({
      text: 'Total: 9.99 (-10%)! - _a_',
      entities: [{ _: 'messageEntityBold', offset: 0, length: 6 }],
    });
    expect(md`[${'x]y'}](${'https://a.b/(c)'})`).toEqual({
      text: 'x]y',
      entities: [{ _: 'messageEntityTextUrl', offset: 0, length: 3, url: 'https://a.b/(c)' }],
    });
    expect(md`\`${'a`b\\c'}\``).toEqual({
      text: 'a`b\\c',
      entities: [{ _: 'messageEntityCode', offset: 0, length: 5 }],
    });
  });

  it('fails with a FormatError on bad markup in the literal parts', () => {
    const error = formatErrorOf(() => md`${'fine.'} not.`);
    // The position counts in the source with the values put in.
    expect(error.position).toBe(10);
    expect(error.problem).toBe("character '.' is reserved: escape it as '\\.'");
  });

  it('refuses a FormattedText value, naming where it goes', () => {
    const error = formatErrorOf(() => md`*a* ${{ text: 'x', entities: [] }}`);
    expect(error.position).toBe(4);
    expect(error.problem).toBe('a FormattedText cannot be put into md``: use html`` for it');
  });
});
