/*
 * Character references in Telegram's HTML style (core.telegram.org/bots/api#html-style): the named
 * &lt; &gt; &amp; &quot; and every numeric one (&#NNN; and &#xHHH;).
 */

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/** Something that looks like a reference: `&name;`, `&#digits;` or `&#xhex;`. */
const REFERENCE = /&(#[xX][0-9a-zA-Z]*|#[0-9a-zA-Z]*|[a-zA-Z][a-zA-Z0-9]*);/y;

/** A decoded reference: its text and how many input characters it used. */
export interface DecodedReference {
  readonly text: string;
  readonly consumed: number;
}

/**
 * Decodes the reference at `input[position]` (which is '&'), ending before `end`. Returns undefined
 * when no `&...;` follows, so the '&' is plain text (Telegram keeps such a lone '&'), and a string
 * naming the problem when it looks like a reference but is not one Telegram knows.
 */
export function decodeReference(
  input: string,
  position: number,
  end = input.length,
): DecodedReference | string | undefined {
  REFERENCE.lastIndex = position;
  const match = REFERENCE.exec(input);
  if (!match || position + match[0].length > end) return undefined;
  const body = match[1]!;
  const consumed = match[0].length;
  if (!body.startsWith('#')) {
    const text = NAMED[body];
    return text === undefined
      ? `unsupported entity &${body}; (only &lt; &gt; &amp; &quot; and numeric ones)`
      : { text, consumed };
  }
  const hex = body[1] === 'x' || body[1] === 'X';
  const digits = body.slice(hex ? 2 : 1);
  const valid = hex ? /^[0-9a-fA-F]{1,8}$/.test(digits) : /^[0-9]{1,10}$/.test(digits);
  const codePoint = valid ? Number.parseInt(digits, hex ? 16 : 10) : Number.NaN;
  if (!(codePoint > 0 && codePoint <= 0x10ffff) || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
    return `bad numeric entity &${body}; (not a Unicode scalar value)`;
  }
  return { text: String.fromCodePoint(codePoint), consumed };
}
