/**
 * The constructor id of a TL combinator: the CRC32 of its line in a normalised form
 * (core.telegram.org/mtproto/TL-abstract-types, "the name of a combinator ... is computed as the
 * CRC32 of the combinator's declaration", and /mtproto/TL-combinators).
 *
 * The normalisation Telegram's own ids follow, verified against every line of api.tl and mtproto.tl:
 * - the `#id` and the trailing `;` are dropped, and tokens are joined by single spaces;
 * - `{X:Type}` is written without braces: `X:Type`;
 * - `<` and `>` become the space form: `Vector<long>` is hashed as `Vector long`;
 * - a parameter `name:flags.N?true` is left out (it takes no bytes on the wire; only its bit counts);
 * - a parameter of type `bytes` is hashed as `string`, the type it is on the wire (TL strings are
 *   byte strings); `bytes` as a vector element is hashed as written.
 */
import { crc32 } from '../crc32';

const ENCODER = new TextEncoder();

/** A parameter that only sets a flag bit: `silent:flags.5?true`, `big:flags2.0?true`. */
const TRUE_FLAG = /^[A-Za-z_][A-Za-z0-9_]*:[A-Za-z_][A-Za-z0-9_]*\.\d+\?true$/;

function normaliseTypeText(typeText: string): string {
  return typeText
    .replace(/[<>]/g, ' ')
    .trim()
    .split(/\s+/)
    .map((token) => normaliseToken(token))
    .join(' ');
}

/**
 * `bytes` directly after `name:` or `flags.N?`. Inside a vector it stays `bytes`: Telegram's id of
 * `updateMessagePollVote#7699f014 ... options:Vector<bytes> ...` hashes `Vector bytes`.
 */
function normaliseToken(token: string): string {
  return token.replace(/([:?])bytes$/, '$1string');
}

/**
 * The text whose CRC32 is the id, from the tokens of a line: the name without `#id`, the parameter
 * tokens as written (generics with braces, `name:type` pairs, builtin tokens such as `#` or `[`),
 * and the result type as written.
 */
export function normaliseTlDeclaration(
  name: string,
  parameterTokens: readonly string[],
  result: string,
): string {
  const parts = [name];
  for (const token of parameterTokens) {
    if (TRUE_FLAG.test(token)) continue;
    if (token.startsWith('{') && token.endsWith('}')) parts.push(token.slice(1, -1));
    else parts.push(normaliseTypeText(token));
  }
  parts.push('=', normaliseTypeText(result));
  return parts.join(' ');
}

/** CRC32 of {@link normaliseTlDeclaration}'s text: the id the line should carry. */
export function computeTlConstructorId(
  name: string,
  parameterTokens: readonly string[],
  result: string,
): number {
  return crc32(ENCODER.encode(normaliseTlDeclaration(name, parameterTokens, result)));
}
